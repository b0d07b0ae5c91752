using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Refuses paths that are not data files before they are opened: opening a FIFO blocks until a writer comes, and a
/// device such as /dev/zero never ends. Both report a length of 0, as do sockets and /proc files, and an empty
/// regular file has no data either, so a zero length is refused whatever the path is.
/// </summary>
internal static class SpecialFiles
{
    /// <exception cref="DataFormatException">The path has length 0: empty, or a FIFO, device or socket.</exception>
    public static void RequireData(string path, string what)
    {
        if (new FileInfo(path) is { Exists: true, Length: 0 })
            throw new DataFormatException(path, $"is empty, or not a regular file (a FIFO, device or socket): no {what} to read.");
    }
}
