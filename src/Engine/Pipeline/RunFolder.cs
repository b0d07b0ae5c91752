using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// One run's folder, <c>runs/&lt;experiment&gt;/&lt;run-id&gt;/</c>: <c>run.json</c> (id, status, times),
/// <c>config.json</c> (the resolved experiment), <c>checkpoints/&lt;split&gt;/</c> while it trains, then
/// <c>report.json</c> and the charts. The id is the UTC start time plus a short random suffix, so no run overwrites
/// another; <c>runs/&lt;experiment&gt;/latest</c> (a symbolic link, switched atomically) names the newest completed run.
/// </summary>
public sealed class RunFolder
{
    public const string RunFile = "run.json";
    public const string ConfigFile = "config.json";
    public const string Latest = "latest";
    private const string StagingPrefix = ".staging-";

    private RunFolder(string experimentDirectory, string id, bool resumed)
    {
        ExperimentDirectory = experimentDirectory;
        Id = id;
        Path = System.IO.Path.Combine(experimentDirectory, id);
        Resumed = resumed;
    }

    /// <summary><c>runs/&lt;experiment&gt;</c>.</summary>
    public string ExperimentDirectory { get; }

    /// <summary>The run id: <c>yyyyMMdd-HHmmss-xxxx</c> (UTC).</summary>
    public string Id { get; }

    /// <summary>The run's folder.</summary>
    public string Path { get; }

    /// <summary>Whether this run continues an earlier, interrupted process.</summary>
    public bool Resumed { get; }

    /// <summary>The checkpoint folder of one split (its name made safe for a path: <c>fold 1/3</c> → <c>fold_1_3</c>).</summary>
    public string CheckpointDirectory(string split)
        => System.IO.Path.Combine(Path, "checkpoints", string.Concat(split.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));

    /// <summary>A new run id for a run starting at <paramref name="utcNow"/>.</summary>
    public static string NewId(DateTime utcNow) => $"{utcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..4]}";

    /// <summary>
    /// Creates the folder of a new run, writes its config and status, and checks that checkpoints can be written
    /// there, so an unwritable folder fails now rather than after the first epoch.
    /// </summary>
    /// <exception cref="ConfigurationException">The runs folder is not a writable directory (key <paramref name="configKey"/>).</exception>
    public static RunFolder Create(string experimentDirectory, JsonObject config, string configKey, string? id = null)
    {
        RemoveStaleStaging(experimentDirectory);
        if (id is not null && (id.Length is 0 or > 100 || id.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || id.StartsWith('.') || id == Latest))
            throw new ArgumentException($"'{id}' cannot name a run folder.", nameof(id));
        var run = new RunFolder(experimentDirectory, id ?? NewId(DateTime.UtcNow), resumed: false);
        try
        {
            Directory.CreateDirectory(run.Path);
            AtomicFile.WriteAllText(System.IO.Path.Combine(run.Path, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            run.WriteStatus("running");
            Directory.CreateDirectory(System.IO.Path.Combine(run.Path, "checkpoints"));
            string probe = System.IO.Path.Combine(run.Path, "checkpoints", ".write-test");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            run.Delete();
            throw new ConfigurationException(configKey, $"cannot write run folder {run.Path}: {e.Message}", e);
        }
        return run;
    }

    /// <summary>
    /// Opens an interrupted run to continue it: <paramref name="runId"/>, or the newest run of the experiment that
    /// did not complete.
    /// </summary>
    /// <exception cref="ConfigurationException">No such run, or it already completed (key <c>--resume</c>).</exception>
    public static RunFolder Resume(string experimentDirectory, string? runId)
    {
        RemoveStaleStaging(experimentDirectory);
        string? id = runId;
        if (string.IsNullOrEmpty(id))
        {
            id = Unfinished(experimentDirectory).LastOrDefault();
            if (id is null)
                throw new ConfigurationException("--resume", $"there is no interrupted run in {experimentDirectory} to continue. Run without --resume to start a fresh run.");
        }
        else if (id.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || id is "." or "..")
            throw new ConfigurationException("--resume", $"'{id}' is not a run id (runs are named like 20261201-154200-a1b2).");
        var run = new RunFolder(experimentDirectory, id, resumed: true);
        if (!Directory.Exists(run.Path))
            throw new ConfigurationException("--resume", $"run '{id}' not found in {experimentDirectory}. Interrupted runs: {string.Join(", ", Unfinished(experimentDirectory).DefaultIfEmpty("(none)"))}.");
        if (run.Status() == "completed")
            throw new ConfigurationException("--resume", $"run '{id}' already completed; nothing to resume.");
        run.WriteStatus("running");
        return run;
    }

    /// <summary>Ids of the experiment's runs that did not complete (killed or interrupted), oldest first.</summary>
    public static IEnumerable<string> Unfinished(string experimentDirectory)
        => !Directory.Exists(experimentDirectory) ? [] : Directory.GetDirectories(experimentDirectory)
            .Select(d => new RunFolder(experimentDirectory, System.IO.Path.GetFileName(d), resumed: false))
            .Where(r => !r.Id.StartsWith('.') && r.Id != Latest && File.Exists(System.IO.Path.Combine(r.Path, RunFile)) && r.Status() != "completed")
            .Select(r => r.Id).Order(StringComparer.Ordinal);

    /// <summary>The status in run.json: running, interrupted or completed (null when unreadable).</summary>
    public string? Status()
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Path, RunFile)))?["status"]?.GetValue<string>();
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records the run's status (atomically).</summary>
    public void WriteStatus(string status, string? detail = null)
    {
        var json = new JsonObject
        {
            ["run_id"] = Id,
            ["status"] = status,
            ["updated"] = DateTime.UtcNow.ToString("O"),
            ["detail"] = detail,
        };
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, RunFile), json.ToJsonString());
    }

    /// <summary>A fresh staging folder inside the run, for outputs that appear together or not at all.</summary>
    public string NewStaging()
    {
        // Named after its owner (host and process), so a run starting elsewhere leaves a staging folder in use alone.
        string staging = System.IO.Path.Combine(Path, $"{StagingPrefix}{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Moves every file of <paramref name="staging"/> into the run folder, marks the run completed and points <c>latest</c> at it.</summary>
    public void Complete(string staging)
    {
        foreach (string file in Directory.GetFiles(staging).Order(StringComparer.Ordinal))
            File.Move(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)), overwrite: true);
        TryDelete(staging);
        WriteStatus("completed");
        PointLatest();
    }

    /// <summary>Removes the whole run folder (a fresh run that failed leaves nothing), and the experiment's folder if that leaves it empty.</summary>
    public void Delete()
    {
        TryDelete(Path);
        try
        {
            if (Directory.Exists(ExperimentDirectory) && !Directory.EnumerateFileSystemEntries(ExperimentDirectory).Any()) Directory.Delete(ExperimentDirectory);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Removes staging folders left by processes killed while writing outputs: those of this host whose process is
    /// gone. Workers on other hosts may share the runs folder (a shared artifact store) and be writing theirs now.
    /// </summary>
    public static void RemoveStaleStaging(string experimentDirectory)
    {
        if (!Directory.Exists(experimentDirectory)) return;
        foreach (string run in Directory.GetDirectories(experimentDirectory))
        foreach (string staging in Directory.GetDirectories(run, StagingPrefix + "*"))
        {
            string[] owner = System.IO.Path.GetFileName(staging)[StagingPrefix.Length..].Split('-');
            if (owner.Length >= 3 && int.TryParse(owner[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                && (string.Join('-', owner[..^2]) != Environment.MachineName || (pid != Environment.ProcessId && ModelSetWriter.IsAlive(pid))))
                continue;
            TryDelete(staging);
        }
    }

    private void PointLatest()
    {
        string link = System.IO.Path.Combine(ExperimentDirectory, Latest);
        string temporary = System.IO.Path.Combine(ExperimentDirectory, $".{Latest}.{Guid.NewGuid():N}");
        try
        {
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
            File.CreateSymbolicLink(temporary, Id);
            // rename(2) replaces the old link atomically; File.Move would follow the link to the directory.
            if (Rename(temporary, link) != 0) throw new IOException($"rename failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // No symbolic links here (Windows without the privilege): a text file naming the newest run.
            try { File.Delete(temporary); } catch (IOException) { }
            AtomicFile.WriteAllText(link + ".txt", Id + Environment.NewLine);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string oldPath,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string newPath);

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
