namespace NeuralNet.Engine.Plugins;

/// <summary>Resolves symbolic links in a path, component by component (what <c>realpath</c> does).</summary>
internal static class FileSystemLinks
{
    /// <summary>
    /// The absolute path <paramref name="path"/> names once every link in it is followed, so a plugin folder that is a
    /// link (or lies under one) shows where its code really is.
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full)!;
        string current = root;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        for (int hops = 0; pending.Count > 0;)
        {
            string next = Path.Combine(current, pending.Pop());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++hops > 40) throw new IOException($"{path}: too many levels of symbolic links.");
            // A link's target is relative to the folder holding the link; walk it again, it may hold links itself.
            string resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            string resolvedRoot = Path.GetPathRoot(resolved)!;
            foreach (string part in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(part);
            current = resolvedRoot;
        }
        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or lies under it (both already real, full paths).</summary>
    public static bool IsUnder(string path, string directory)
    {
        string dir = Path.TrimEndingDirectorySeparator(directory);
        return string.Equals(path, dir, StringComparison.Ordinal)
            || path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
