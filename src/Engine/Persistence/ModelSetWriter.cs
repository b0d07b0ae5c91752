using System.Diagnostics;
using System.Globalization;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// Replaces a model folder's files as one set, so that under a crash or SIGKILL at any instant the folder holds the
/// previous set or the new one, never a mix. <c>models/&lt;name&gt;</c> is a symbolic link to a versioned folder
/// <c>models/.&lt;name&gt;.v-&lt;pid&gt;-&lt;id&gt;</c>. A save writes every file into a staging folder (each file
/// fsynced, then the folder), renames it to a new version, makes a new link, and renames the link over
/// <c>models/&lt;name&gt;</c> (one atomic rename), then fsyncs <c>models/</c> and removes the previous version.
/// Leftovers of an interrupted save (staging folders, links, versions nothing points to) whose process is gone
/// are removed at the next save. A folder of the old layout (real files) is first renamed to a version; if a crash
/// leaves no <c>models/&lt;name&gt;</c> at all, <see cref="Resolve"/> finds the newest complete version.
/// </summary>
public static class ModelSetWriter
{
    /// <summary>
    /// Test hook: when the environment variable <c>NEURALNET_TEST_SAVE_PAUSE</c> is a step number, the save prints
    /// <c>save-step N</c> to standard error when it reaches that step and waits there (for a test to kill it).
    /// </summary>
    public const string PauseVariable = "NEURALNET_TEST_SAVE_PAUSE";

    /// <summary>The number of steps a save pauses between (see <see cref="PauseVariable"/>).</summary>
    public const int Steps = 8;

    /// <summary>Writes the files <paramref name="write"/> puts into the staging folder it is given as the new set of <paramref name="directory"/>.</summary>
    public static void Replace(string directory, Action<string> write)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        RemoveLeftovers(parent, name);
        Pause(0);

        string id = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        string staging = Path.Combine(parent, $".{name}.staging-{id}");
        string version = $".{name}.v-{id}";
        Directory.CreateDirectory(staging);
        Pause(1);
        write(staging); // each file fsynced by its writer
        Pause(2);
        DurableFileSystem.SyncDirectory(staging);
        Pause(3);
        DurableFileSystem.Rename(staging, Path.Combine(parent, version));
        DurableFileSystem.SyncDirectory(parent);
        Pause(4);

        string? previous = null;
        var existing = new DirectoryInfo(target);
        if (existing.Exists && existing.LinkTarget is null)
        {
            // The old layout (or an empty folder made by a caller): make it a version of its own first.
            if (existing.EnumerateFileSystemInfos().Any())
            {
                previous = Path.Combine(parent, $".{name}.v-{Environment.ProcessId}-legacy{Guid.NewGuid():N}");
                DurableFileSystem.Rename(target, previous);
            }
            else existing.Delete();
        }
        else if (existing.LinkTarget is { } old)
            previous = Path.GetFullPath(old, parent);
        Pause(5);

        string link = Path.Combine(parent, $".{name}.link-{id}");
        Directory.CreateSymbolicLink(link, version);
        Pause(6);
        DurableFileSystem.Rename(link, target);
        DurableFileSystem.SyncDirectory(parent);
        Pause(7);
        if (previous is not null && Directory.Exists(previous)) TryDelete(previous);
    }

    /// <summary>The folder to read a model from: the version <paramref name="directory"/> links to, or, when a crash left no link there, its newest complete version.</summary>
    public static string Resolve(string directory)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        // Read both files from the version the link points to now, even if a save switches the link meanwhile.
        if (Directory.Exists(target)) return new DirectoryInfo(target).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? target;
        string parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent)) return target;
        return new DirectoryInfo(parent).EnumerateDirectories($".{Path.GetFileName(target)}.v-*")
            .Where(d => d.LinkTarget is null && File.Exists(Path.Combine(d.FullName, ModelStore.ModelFile)))
            .OrderByDescending(d => d.LastWriteTimeUtc).Select(d => d.FullName).FirstOrDefault() ?? target;
    }

    /// <summary>Removes what interrupted saves of <paramref name="name"/> left: staging folders, links, and versions nothing points to, of processes that are gone.</summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        string target = Path.Combine(parent, name);
        string? current = new DirectoryInfo(target).LinkTarget is { } t ? Path.GetFullPath(t, parent) : null;
        if (current is null && !Directory.Exists(target)) current = Resolve(target); // keep the version a crash left as the only one
        foreach (FileSystemInfo entry in new DirectoryInfo(parent).EnumerateFileSystemInfos($".{name}.*"))
        {
            string rest = entry.Name[(name.Length + 2)..];
            int dash = rest.IndexOf('-');
            if (dash < 0 || rest[..dash] is not ("staging" or "link" or "v")) continue;
            if (string.Equals(entry.FullName, current, StringComparison.Ordinal)) continue;
            string owner = rest[(dash + 1)..].Split('-')[0];
            if (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || (pid != Environment.ProcessId && IsAlive(pid))) continue;
            TryDelete(entry.FullName);
        }
    }

    /// <summary>Whether a process of this host with id <paramref name="pid"/> is running.</summary>
    internal static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is not null) File.Delete(path); // unlink(2): rmdir on a link fails
            else if (info.Exists) info.Delete(recursive: true);
            else File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void Pause(int step)
    {
        if (Environment.GetEnvironmentVariable(PauseVariable) is not { } value || value != step.ToString(CultureInfo.InvariantCulture)) return;
        Console.Error.WriteLine($"save-step {step}");
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
