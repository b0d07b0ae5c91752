using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// An open IDX file (LeCun's MNIST format), raw or gzip — told apart by the gzip magic bytes 1f 8b, not the name.
/// Header: a big-endian magic number 0x0000TTDD (TT the element type, 0x08 for unsigned bytes; DD the number of
/// dimensions), then DD big-endian 32-bit sizes, then the elements, row-major.
/// </summary>
internal sealed class IdxFile : IDisposable
{
    /// <summary>Unsigned-byte images: count, rows, columns.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Unsigned-byte labels: count.</summary>
    public const int LabelsMagic = 0x00000801;

    private const int Chunk = 1 << 16; // small enough to stay in cache between reading and converting
    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly long? _rawBodyBytes;

    private IdxFile(string path, FileStream file, Stream stream, int[] dimensions, long? rawBodyBytes)
    {
        Path = path;
        _file = file;
        _stream = stream;
        Dimensions = dimensions;
        _rawBodyBytes = rawBodyBytes;
    }

    public string Path { get; }

    /// <summary>The sizes the header declares, each at least 1.</summary>
    public int[] Dimensions { get; }

    /// <summary>Opens <paramref name="path"/> and checks its header against <paramref name="magic"/>.</summary>
    /// <param name="what">What the file holds, for messages: <c>images</c>, <c>labels</c>.</param>
    /// <exception cref="DataFormatException">Missing file, wrong magic number, short header or a zero or negative size.</exception>
    public static IdxFile Open(string path, int magic, string what)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, Directory.Exists(path) ? $"is a directory, not an IDX {what} file." : $"file not found (IDX {what}).");
        SpecialFiles.RequireData(path, $"IDX {what}");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Stream? stream = null;
        try
        {
            Span<byte> start = stackalloc byte[2];
            bool compressed = file.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == 0x1f && start[1] == 0x8b;
            file.Position = 0;
            stream = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;

            int rank = magic & 0xff;
            var header = new byte[4 + 4 * rank];
            int read = ReadSome(stream, header, path);
            int found = read >= 4 ? BinaryPrimitives.ReadInt32BigEndian(header) : 0;
            if (read < 4 || found != magic)
                throw new DataFormatException(path,
                    $"not an IDX {what} file: expected magic number 0x{magic:X8} ({Describe(magic)}), found {(read < 4 ? $"only {read} bytes" : $"0x{found:X8} ({Describe(found)})")}.");
            if (read < header.Length)
                throw new DataFormatException(path, $"the file ends inside the IDX header: {read} of {header.Length} bytes.");

            var dimensions = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
                if (dimensions[d] < 1)
                    throw new DataFormatException(path, $"the IDX header declares size {(uint)dimensions[d]} for dimension {d}; every size must be at least 1.");
            }
            long? rawBody = compressed ? null : file.Length - header.Length;
            return new IdxFile(path, file, stream, dimensions, rawBody);
        }
        catch
        {
            if (!ReferenceEquals(stream, file)) stream?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Streams the first <paramref name="wanted"/> bytes of the body to <paramref name="handler"/> in chunks (checking
    /// cancellation between them); the body must hold exactly <paramref name="expected"/> bytes. A raw file's length is
    /// always checked; a gzip file is checked for missing or extra bytes only as far as it is read.
    /// </summary>
    /// <param name="what">The body's kind for messages: <c>pixel data</c>.</param>
    /// <param name="declared">What the header declares, for messages: <c>the header declares 100 images of 28x28</c>.</param>
    /// <exception cref="DataFormatException">"expected N bytes of pixel data, found M".</exception>
    /// <summary>
    /// Before anything is allocated: a raw file must hold exactly <paramref name="expected"/> body bytes; a gzip file
    /// can hold at most about 1032 times its own size (deflate's largest ratio), so a header that declares more lies.
    /// </summary>
    public void CheckDeclaredSize(long expected, string what, string declared)
    {
        const long MaxDeflateRatio = 1032;
        if (_rawBodyBytes is long available && available != expected)
            throw SizeError(expected, available, what, declared);
        if (_rawBodyBytes is null && expected / MaxDeflateRatio > _file.Length)
            throw new DataFormatException(Path, $"{declared}: {expected} bytes of {what}, more than a gzip file of {_file.Length} bytes can hold; the header is wrong or the file truncated.");
    }

    public void ReadBody(long expected, int wanted, string what, string declared, IdxChunkHandler handler, CancellationToken cancellationToken)
    {
        if (_rawBodyBytes is long available && available != expected)
            throw SizeError(expected, available, what, declared);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        try
        {
            int offset = 0;
            while (offset < wanted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int read = ReadSome(_stream, buffer.AsSpan(0, Math.Min(Chunk, wanted - offset)), Path);
                if (read == 0) break;
                handler(buffer.AsSpan(0, read), offset);
                offset += read;
            }
            if (offset < wanted) throw SizeError(expected, offset, what, declared);

            if (_rawBodyBytes is null && wanted == expected)
            {
                long extra = 0;
                for (int read; (read = ReadSome(_stream, buffer.AsSpan(0, Chunk), Path)) > 0;)
                {
                    extra += read;
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (extra > 0) throw SizeError(expected, expected + extra, what, declared);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_stream, _file)) _stream.Dispose();
        _file.Dispose();
    }

    private DataFormatException SizeError(long expected, long found, string what, string declared)
        => new(Path, $"expected {expected} bytes of {what}, found {found}: {declared}; the file is {(found < expected ? "truncated" : "longer than its header says")}.");

    /// <summary>Reads until <paramref name="buffer"/> is full or the data ends; corrupt gzip data is a format error.</summary>
    private static int ReadSome(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip data: {e.Message}", inner: e);
        }
    }

    private static string Describe(int magic)
    {
        if ((magic & unchecked((int)0xffff0000)) != 0) return "not an IDX header";
        string type = ((magic >> 8) & 0xff) switch
        {
            0x08 => "unsigned bytes",
            0x09 => "signed bytes",
            0x0B => "16-bit integers",
            0x0C => "32-bit integers",
            0x0D => "32-bit floats",
            0x0E => "64-bit floats",
            int other => $"unknown type 0x{other:X2}",
        };
        int rank = magic & 0xff;
        return $"{type}, {rank} dimension{(rank == 1 ? "" : "s")}";
    }
}
