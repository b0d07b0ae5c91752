using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Host.Configuration;

/// <summary>The <c>Host</c> config section: how the process runs.</summary>
public sealed class HostSettings
{
    /// <summary>"console": run the experiment once and exit with its status (default). "worker" (or "service"): keep running and train every experiment file dropped into <see cref="QueueDirectory"/>.</summary>
    [RegularExpression("^(?i)(console|worker|service)$", ErrorMessage = "expected \"console\" or \"worker\".")]
    public string Mode { get; set; } = "console";

    /// <summary>Worker mode: folder watched for experiment files (*.json), relative to the content root. Default "queue".</summary>
    public string QueueDirectory { get; set; } = "queue";

    /// <summary>Worker mode: seconds between looks at the queue. Default 5.</summary>
    [Range(0.05, 86400)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Worker mode: a *.json file is taken only when its size and modification time have not changed for this many seconds (a file written as *.tmp and renamed is complete at once). Default 2.</summary>
    [Range(0, 3600)]
    public double SettleSeconds { get; set; } = 2;

    /// <summary>Worker mode: this worker's name, its folder under <c>running/</c>. Default: host name and process id.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "expected 1 to 64 letters, digits, '.', '_' or '-'.")]
    public string? WorkerId { get; set; }

    /// <summary>Worker mode: the health file (JSON: state, current experiment, epoch, last heartbeat), relative to the queue folder. Default <c>health/&lt;worker&gt;.json</c>.</summary>
    public string? HealthFile { get; set; }

    /// <summary>Worker mode: seconds between heartbeats (lease renewals and health file writes). Default 5.</summary>
    [Range(0.05, 3600)]
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>Worker mode: a claim whose heartbeat is older than this many seconds belongs to a dead worker and is put back in the queue. Default 60.</summary>
    [Range(1, 86400)]
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Seconds a stop (Ctrl+C, SIGTERM) may take before the host gives up waiting. Default 10.</summary>
    [Range(1, 3600)]
    public double StopSeconds { get; set; } = 10;

    /// <summary>Print the registered components and plugins, then exit (the <c>plugins</c> command prints more).</summary>
    public bool ListComponents { get; set; }

    /// <summary>Check the configured model's gradients against finite differences on a few samples, print the worst relative error per layer, then exit.</summary>
    public bool GradientCheck { get; set; }

    /// <summary>True for worker mode ("worker" or "service").</summary>
    public bool IsWorker => !string.Equals(Mode, "console", StringComparison.OrdinalIgnoreCase);
}
