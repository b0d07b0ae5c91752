using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// Reads and writes checkpoint files (<c>*.ckpt</c>): one file, written atomically, laid out as the 8-byte magic
/// <c>NNCKPT01</c>, the JSON header's length (int64, little-endian), the UTF-8 JSON header, then the tensors as
/// little-endian float32 in the order of the header's <c>tensors</c> table (name, shape, offset in floats). The
/// header carries the payload's SHA-256, so a truncated or altered file is refused, never half-loaded.
/// </summary>
public static class CheckpointStore
{
    public const string Format = "neuralnet-checkpoint/1";
    public const string Extension = ".ckpt";
    private static readonly byte[] Magic = "NNCKPT01"u8.ToArray();
    private const int MaxHeaderBytes = 256 << 20;

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public static void Write(string path, Checkpoint checkpoint)
    {
        var table = new JsonArray();
        long offset = 0;
        foreach (var (name, values) in checkpoint.Tensors)
        {
            TensorShape shape = checkpoint.Shapes[name];
            if (shape.Size != values.Length) throw new ArgumentException($"Tensor '{name}' has {values.Length} values for shape {shape}.");
            table.Add(new JsonObject { ["name"] = name, ["shape"] = new JsonArray(shape.ToArray().Select(d => (JsonNode)d).ToArray()), ["offset"] = offset });
            offset += values.Length;
        }
        byte[] payload = new byte[offset * sizeof(float)];
        long at = 0;
        foreach (float[] values in checkpoint.Tensors.Values)
        {
            Span<byte> target = payload.AsSpan((int)at, values.Length * sizeof(float));
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(target);
            else for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(target[(i * 4)..], values[i]);
            at += values.Length * sizeof(float);
        }

        JsonObject header = (JsonObject)checkpoint.Header.DeepClone();
        header["format"] = Format;
        header["tensors"] = table;
        header["payload_floats"] = offset;
        header["payload_sha256"] = Convert.ToHexStringLower(SHA256.HashData(payload));
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        AtomicFile.Write(path, s =>
        {
            s.Write(Magic);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, json.Length);
            s.Write(length);
            s.Write(json);
            s.Write(payload);
        });
    }

    /// <summary>Reads a checkpoint written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, truncated, of another format, or fails its checksum.</exception>
    public static Checkpoint Read(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new ModelFormatException(path, "checkpoint not found.");
            if (info.Length > (long)int.MaxValue) throw new ModelFormatException(path, $"is {info.Length} bytes; a checkpoint is at most 2 GiB.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, $"cannot be read: {e.Message}", e);
        }
        if (bytes.Length < 16 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new ModelFormatException(path, "is not a NeuralNet checkpoint (it does not start with NNCKPT01).");
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
        if (headerLength <= 0 || headerLength > Math.Min(MaxHeaderBytes, bytes.Length - 16))
            throw new ModelFormatException(path, $"is truncated or corrupt: its header claims {headerLength} bytes, the file has {bytes.Length}.");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(16, (int)headerLength))?.AsObject() ?? throw new JsonException("empty header");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new ModelFormatException(path, $"has a corrupt header: {e.Message}", e);
        }
        string? format = Str(header, "format");
        if (format != Format) throw new ModelFormatException(path, $"format version is '{format ?? "(none)"}'; this build reads {Format}.");

        ReadOnlySpan<byte> payload = bytes.AsSpan(16 + (int)headerLength);
        long floats = Long(header, "payload_floats", path);
        if (floats * sizeof(float) != payload.Length)
            throw new ModelFormatException(path, $"is truncated or corrupt: its header lists {floats} floats, the file holds {payload.Length / (double)sizeof(float)}.");
        if (!string.Equals(Str(header, "payload_sha256"), Convert.ToHexStringLower(SHA256.HashData(payload)), StringComparison.Ordinal))
            throw new ModelFormatException(path, "is corrupt: the tensors do not match the SHA-256 in its header.");

        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal);
        try
        {
            foreach (JsonNode? node in header["tensors"]?.AsArray() ?? throw new ModelFormatException(path, "has no tensor table."))
            {
                JsonObject entry = node?.AsObject() ?? throw new ModelFormatException(path, "has a null entry in its tensor table.");
                string name = Str(entry, "name") ?? throw new ModelFormatException(path, "has a tensor without a name.");
                int[] dims = entry["shape"]?.AsArray().Select(d => d!.GetValue<int>()).ToArray() ?? throw new ModelFormatException(path, $"tensor '{name}' has no shape.");
                var shape = new TensorShape(dims);
                long offset = Long(entry, "offset", path);
                if (offset < 0 || offset + shape.Size > floats)
                    throw new ModelFormatException(path, $"tensor '{name}' ({shape}) at offset {offset} lies outside the {floats} floats stored.");
                var values = new float[shape.Size];
                ReadOnlySpan<byte> source = payload.Slice((int)(offset * sizeof(float)), values.Length * sizeof(float));
                if (BitConverter.IsLittleEndian) source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                else for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
                if (!tensors.TryAdd(name, values)) throw new ModelFormatException(path, $"lists tensor '{name}' twice.");
                shapes[name] = shape;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ModelFormatException(path, $"has a corrupt tensor table: {e.Message}", e);
        }
        return new Checkpoint(header, tensors, shapes);
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static long Long(JsonObject o, string key, string path)
        => o[key] is JsonValue v && v.TryGetValue(out long l) ? l : throw new ModelFormatException(path, $"header has no integer '{key}'.");
}
