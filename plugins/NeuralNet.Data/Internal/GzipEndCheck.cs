namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Wraps a gzip decompression stream to notice a truncated file, which .NET's <c>GZipStream</c> ends quietly: a
/// whole file ends with its last member's uncompressed size mod 2³² (ISIZE); when the data ends having produced
/// fewer bytes than that, the file was cut short (the trailer read is then compressed data, almost surely larger).
/// Several members produce at least the last one's size, so they pass.
/// </summary>
internal sealed class GzipEndCheck(Stream decompressed, long trailerSize) : Stream
{
    private long _produced;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = decompressed.Read(buffer);
        _produced += n;
        if (n == 0 && buffer.Length > 0 && _produced < (1L << 32) && _produced < trailerSize)
            throw new InvalidDataException($"the data ends after {_produced} bytes, but the gzip trailer promises {trailerSize}.");
        return n;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _produced; set => throw new NotSupportedException(); }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) decompressed.Dispose();
        base.Dispose(disposing);
    }
}
