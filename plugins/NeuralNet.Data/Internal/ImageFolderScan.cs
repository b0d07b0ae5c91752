using System.Text;
using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>Finds the images of an image folder, in a fixed order: by class folder, then file name (ordinal), or by file name for a labels file.</summary>
internal static class ImageFolderScan
{
    /// <summary>The extensions read as images (case-insensitive); other files in a class folder are skipped.</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif"];

    public static bool IsImage(string path)
    {
        string extension = Path.GetExtension(path);
        return Extensions.Any(e => extension.Equals(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <c>root/&lt;class&gt;/&lt;file&gt;</c>: every visible subfolder is a class, every visible file with an image
    /// extension in it an image (not recursive). Files directly in <paramref name="root"/> are ignored.
    /// </summary>
    /// <exception cref="DataFormatException">No class folder, or a class folder without images.</exception>
    public static List<ImageEntry> ClassFolders(string root)
    {
        string[] classes = Directory.EnumerateDirectories(root)
            .Where(d => !IsHidden(d))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (classes.Length == 0)
            throw new DataFormatException(root, "holds no class folders: expected one subfolder per class (Path/<class>/<image>), or set Labels to a file of 'filename,label' lines.");

        var entries = new List<ImageEntry>();
        foreach (string name in classes)
        {
            string folder = Path.Combine(root, name);
            string[] files = Directory.EnumerateFiles(folder)
                .Where(f => !IsHidden(f) && IsImage(f))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
                throw new DataFormatException(folder, $"class folder '{name}' holds no images ({string.Join(", ", Extensions)}).");
            entries.AddRange(files.Select(f => new ImageEntry(f, name, null, 0)));
        }
        return entries;
    }

    /// <summary>
    /// Reads <c>filename,label</c> lines (split at the first comma, both sides trimmed); file names are relative to
    /// <paramref name="root"/> unless absolute. Blank lines, <c>#</c> comments and a first line <c>filename,label</c>
    /// are skipped. Entries come back ordered by file name (ordinal).
    /// </summary>
    /// <exception cref="DataFormatException">Missing labels file; a line without a comma, or with an empty side; a file listed twice,
    /// missing, or without an image extension; no entries. Each names the labels file and line.</exception>
    public static List<ImageEntry> LabelsFile(string labelsPath, string root, CancellationToken cancellationToken)
    {
        if (!File.Exists(labelsPath))
            throw new DataFormatException(labelsPath, Directory.Exists(labelsPath) ? "is a directory, not a labels file." : "labels file not found.");
        SpecialFiles.RequireData(labelsPath, "labels");

        var entries = new List<ImageEntry>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        long line = 0;
        bool header = true;
        foreach (string raw in File.ReadLines(labelsPath, Encoding.UTF8))
        {
            line++;
            if (line % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            string text = raw.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            bool first = header;
            header = false;
            if (first && text.Replace(" ", "", StringComparison.Ordinal).Equals("filename,label", StringComparison.OrdinalIgnoreCase)) continue;

            int comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
                throw new DataFormatException(labelsPath, $"expected 'filename,label', found '{Shorten(text)}' (no comma).", line);
            string file = text[..comma].Trim(), label = text[(comma + 1)..].Trim();
            if (file.Length == 0 || label.Length == 0)
                throw new DataFormatException(labelsPath, $"expected 'filename,label', found '{Shorten(text)}' (empty {(file.Length == 0 ? "file name" : "label")}).", line);

            string path = Path.GetFullPath(Path.Combine(root, file));
            if (!seen.TryAdd(path, line))
                throw new DataFormatException(labelsPath, $"'{file}' is listed twice (lines {seen[path]} and {line}).", line);
            if (!IsImage(path))
                throw new DataFormatException(labelsPath, $"'{file}' is not an image file: expected one of {string.Join(", ", Extensions)}.", line);
            if (!File.Exists(path))
                throw new DataFormatException(labelsPath, $"image '{file}' not found (looked for {path}).", line);
            entries.Add(new ImageEntry(path, label, labelsPath, line));
        }
        if (entries.Count == 0)
            throw new DataFormatException(labelsPath, "lists no images: expected 'filename,label' lines.");
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static bool IsHidden(string path)
        => Path.GetFileName(path).StartsWith('.') || (File.GetAttributes(path) & FileAttributes.Hidden) != 0;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
