using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Experiments;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Worker;

/// <summary>
/// The queue as a folder: experiments are <c>*.json</c> files in it. A file is claimed by one atomic rename into
/// <c>running/&lt;worker&gt;/</c>, so of two workers only one gets it. Only complete files are taken: a name ending
/// in <c>.tmp</c> (or hidden) is never looked at, so a writer that writes <c>x.json.tmp</c> and renames it is safe at
/// once; any other file must not have been modified for <see cref="HostSettings.SettleSeconds"/>. An entry that is not
/// a regular file (a folder, a FIFO) is moved to <c>failed/</c> with a note; one that vanishes is skipped. Every claim
/// ends in <c>done/</c> (with <c>&lt;file&gt;.result.json</c>: run id, outputs) or <c>failed/</c> (with
/// <c>&lt;file&gt;.error.txt</c>: run id, error), or back in the queue. The lease is the mtime of
/// <c>running/&lt;worker&gt;/.lease</c>, touched on every heartbeat; a folder whose lease is older than
/// <see cref="HostSettings.LeaseSeconds"/> belongs to a dead worker and its files go back to the queue.
/// </summary>
public sealed partial class FolderExperimentQueue : IExperimentQueue
{
    private const string LeaseFile = ".lease";
    private const long MaxFileBytes = 16 << 20;
    private readonly string _queue;
    private readonly string _running;
    private readonly string _mine;
    private readonly TimeSpan _settle;
    private readonly TimeSpan _lease;
    private readonly ILogger<FolderExperimentQueue> _logger;

    public FolderExperimentQueue(string queue, string worker, HostSettings settings, ILogger<FolderExperimentQueue> logger)
    {
        _queue = Path.GetFullPath(queue);
        _running = Path.Combine(_queue, "running");
        _mine = Path.Combine(_running, worker);
        _settle = TimeSpan.FromSeconds(settings.SettleSeconds);
        _lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        _logger = logger;
        foreach (string dir in new[] { _queue, Done, Failed, _mine }) Directory.CreateDirectory(dir);
        Heartbeat();
    }

    private string Done => Path.Combine(_queue, "done");

    private string Failed => Path.Combine(_queue, "failed");

    /// <inheritdoc />
    public void Submit(ExperimentJob job)
    {
        // The run note first, then the file, written atomically: never seen half-written.
        string target = FreeName(_queue, job.Name.EndsWith(".json", StringComparison.Ordinal) ? job.Name : job.Name + ".json", job.RunId);
        AtomicFile.WriteAllText(RunNote(target), job.RunId);
        AtomicFile.Write(target, s => s.Write(job.Content));
        DurableFileSystem.SyncDirectory(_queue);
    }

    /// <inheritdoc />
    public ExperimentClaim? TryClaim()
    {
        var now = DateTime.UtcNow;
        var candidates = new DirectoryInfo(_queue).EnumerateFileSystemInfos("*.json", SearchOption.TopDirectoryOnly)
            .Where(e => !e.Name.StartsWith('.'))
            .Select(e => (Info: e, Written: SafeWriteTime(e)))
            .Where(e => e.Written is not null)
            .OrderBy(e => e.Written).ThenBy(e => e.Info.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var (entry, written) in candidates)
        {
            if (now - written < _settle) continue; // still being written, or just finished: look again later
            string claimed = Path.Combine(_mine, entry.Name);
            if (!DurableFileSystem.Rename(entry.FullName, claimed))
            {
                LogVanished(entry.Name);
                continue;
            }
            string runId = TakeRunNote(entry.FullName) ?? RunFolder.NewId(DateTime.UtcNow);
            var claim = new ExperimentClaim(entry.Name, claimed, [], runId);
            string? problem = null;
            byte[] content = [];
            switch (DurableFileSystem.IsRegularFile(claimed))
            {
                case null:
                    LogVanished(entry.Name);
                    continue;
                case false:
                    problem = "not a regular file (a folder, FIFO, socket or device); the queue takes experiment files.";
                    break;
                default:
                    try
                    {
                        long length = new FileInfo(claimed).Length;
                        content = length > MaxFileBytes ? throw new IOException($"{length} bytes; an experiment file is at most {MaxFileBytes} bytes.") : File.ReadAllBytes(claimed);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        problem = $"unreadable: {e.Message}";
                    }
                    break;
            }
            if (problem is not null)
            {
                LogSkipped(entry.Name, problem);
                Fail(claim, problem);
                continue;
            }
            return claim with { Content = content };
        }
        return null;
    }

    /// <inheritdoc />
    public void Heartbeat()
    {
        string lease = Path.Combine(_mine, LeaseFile);
        Directory.CreateDirectory(_mine);
        if (!File.Exists(lease)) File.WriteAllText(lease, $"{Environment.ProcessId}{Environment.NewLine}");
        File.SetLastWriteTimeUtc(lease, DateTime.UtcNow);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Cannot tell: a claimed file gone from this worker's folder may have been recovered by another worker, or only
    /// deleted by hand (then the run goes on and its file is written back when it ends), so the folder queue says yes.
    /// </remarks>
    public bool Holds(ExperimentClaim claim) => true;

    /// <inheritdoc />
    public void Complete(ExperimentClaim claim, CompletedRun run)
    {
        string target = Finish(claim, Done);
        AtomicFile.WriteAllText(target + ".result.json", new JsonObject
        {
            ["run_id"] = claim.RunId,
            ["run_directory"] = run.RunDirectory,
            ["finished"] = DateTimeOffset.UtcNow.ToString("O"),
        }.ToJsonString() + Environment.NewLine);
    }

    /// <inheritdoc />
    public void Fail(ExperimentClaim claim, string error)
    {
        string target = Finish(claim, Failed);
        AtomicFile.WriteAllText(target + ".error.txt", $"run {claim.RunId}{Environment.NewLine}{error}{Environment.NewLine}");
    }

    /// <inheritdoc />
    public void Release(ExperimentClaim claim)
    {
        // A hidden note beside the file keeps its run id, so the next claim continues that run from its checkpoint.
        string target = FreeName(_queue, claim.Name, claim.RunId);
        AtomicFile.WriteAllText(RunNote(target), claim.RunId);
        DurableFileSystem.Rename(claim.Handle, target);
        DurableFileSystem.SyncDirectory(_queue);
    }

    /// <summary>The hidden file that carries a released experiment's run id (claims skip names starting with '.').</summary>
    private static string RunNote(string queued) => Path.Combine(Path.GetDirectoryName(queued)!, "." + Path.GetFileName(queued) + ".run");

    /// <summary>The run id a released experiment keeps, consumed by the claim; null for a new experiment.</summary>
    private static string? TakeRunNote(string queued)
    {
        string note = RunNote(queued);
        try
        {
            if (!File.Exists(note)) return null;
            string id = File.ReadAllText(note).Trim();
            File.Delete(note);
            return id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public int RecoverAbandoned()
    {
        int recovered = 0;
        foreach (string folder in Directory.EnumerateDirectories(_running))
        {
            bool mine = string.Equals(Path.GetFullPath(folder), _mine, StringComparison.Ordinal);
            string lease = Path.Combine(folder, LeaseFile);
            DateTime beat = File.Exists(lease) ? File.GetLastWriteTimeUtc(lease) : Directory.GetLastWriteTimeUtc(folder);
            if (!mine && DateTime.UtcNow - beat < _lease) continue;
            foreach (string file in Directory.EnumerateFileSystemEntries(folder).Where(f => Path.GetFileName(f) != LeaseFile))
            {
                string name = Path.GetFileName(file);
                if (DurableFileSystem.Rename(file, FreeName(_queue, name, "recovered")))
                {
                    LogRecovered(name, Path.GetFileName(folder));
                    recovered++;
                }
            }
            if (!mine)
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        if (recovered > 0) DurableFileSystem.SyncDirectory(_queue);
        return recovered;
    }

    /// <summary>Moves the claimed file into <paramref name="folder"/> (under a free name: a name used before gets the run id) and returns where.</summary>
    private static string Finish(ExperimentClaim claim, string folder)
    {
        string target = FreeName(folder, claim.Name, claim.RunId);
        if (!DurableFileSystem.Rename(claim.Handle, target) && claim.Content.Length > 0)
            AtomicFile.Write(target, s => s.Write(claim.Content)); // deleted while it ran: keep the experiment that ran
        DurableFileSystem.SyncDirectory(folder);
        return target;
    }

    private static string FreeName(string folder, string name, string suffix)
    {
        string target = Path.Combine(folder, name);
        if (!Path.Exists(target)) return target;
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}.{suffix}-{Guid.NewGuid().ToString("N")[..6]}{Path.GetExtension(name)}");
    }

    private static DateTime? SafeWriteTime(FileSystemInfo entry)
    {
        try
        {
            entry.Refresh();
            return entry.Exists ? entry.LastWriteTimeUtc : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Nothing to release: the folder holds the state.</summary>
    public void Dispose()
    {
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Queue: {File} vanished before it could be claimed; skipped")]
    private partial void LogVanished(string file);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "Queue: {File} skipped: {Problem}")]
    private partial void LogSkipped(string file, string problem);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Queue: {File} put back in the queue from the abandoned claim of worker {Worker}")]
    private partial void LogRecovered(string file, string worker);
}
