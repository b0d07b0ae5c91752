using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NeuralNet.Data;
using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>Opens a CSV file for reading: gzip is recognised by its content (the magic bytes 1f 8b), not by its name.</summary>
internal static class CsvText
{
    /// <summary>Resolves <paramref name="configured"/> and checks that it is a file.</summary>
    /// <param name="key">The option naming the file (<c>Experiment:Data:Path</c>), for the message.</param>
    /// <exception cref="DataFormatException">No such file, a directory, or no data (empty, a FIFO, a device).</exception>
    public static string Resolve(DataLoadContext context, string configured, string key)
    {
        string path = context.Resolve(configured);
        if (!File.Exists(path))
            throw new DataFormatException(path, Directory.Exists(path)
                ? "is a directory, not a CSV file."
                : $"file not found ({key} is '{configured}', resolved against '{context.BaseDirectory}').");
        SpecialFiles.RequireData(path, "data rows");
        return path;
    }

    /// <summary>A reader of the file's text, decompressing gzip; a UTF-8 byte-order mark is skipped.</summary>
    public static StreamReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            Stream content = stream;
            if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b && stream.Length >= 18)
            {
                Span<byte> trailer = stackalloc byte[4];
                stream.Position = stream.Length - 4;
                stream.ReadExactly(trailer);
                stream.Position = 0;
                content = new GzipEndCheck(new GZipStream(stream, CompressionMode.Decompress), BinaryPrimitives.ReadUInt32LittleEndian(trailer));
            }
            stream.Position = 0;
            return new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The error for a gzip file that ends early or is corrupt (<see cref="InvalidDataException"/> while reading).</summary>
    public static DataFormatException Corrupt(string path, InvalidDataException e)
        => new(path, $"is gzip-compressed but cannot be decompressed (truncated or corrupt): {e.Message}", inner: e);
}
