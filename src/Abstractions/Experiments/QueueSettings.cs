using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Experiments;

/// <summary>The <c>Queue</c> configuration section: which experiment queue and run registry a worker and the <c>submit</c>, <c>sweep</c> and <c>runs</c> commands use.</summary>
public sealed class QueueSettings
{
    /// <summary>The queue's provider: <c>folder</c> (default: <c>Host:QueueDirectory</c> on this machine) or one a plugin registers (<c>postgres</c>).</summary>
    [RegularExpression("^[A-Za-z0-9_.>-]{1,64}$", ErrorMessage = "expected a queue type name such as \"folder\" or \"postgres\".")]
    public string Type { get; set; } = "folder";

    /// <summary>For a database queue: its connection string (<c>Host=db;Port=5432;Database=neuralnet;Username=nn;Password=...</c>). Never logged with its password.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A job whose runs failed (or whose worker died) this many times is parked with its errors instead of being claimed again. Default 3.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a database operation is retried (with backoff) when the database went away (a restart, a dropped connection) before the worker gives up. Default 120.</summary>
    [Range(0, 86400)]
    public double RetrySeconds { get; set; } = 120;

    /// <summary>The artifact store every worker reaches: a shared folder (NFS or similar; relative to the content root) that holds <c>runs/</c> and <c>models/</c>. Default: none, the experiment's own output folders.</summary>
    public string? ArtifactsDirectory { get; set; }
}
