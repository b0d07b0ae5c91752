using System.ComponentModel.DataAnnotations;

namespace NeuralNet.Host;

/// <summary>The <c>Host</c> config section: how the process runs.</summary>
public sealed class HostSettings
{
    /// <summary>"console": run the experiment once and exit with its status (default). "service": keep running and train every experiment file dropped into <see cref="QueueDirectory"/>.</summary>
    [RegularExpression("^(?i)(console|service)$", ErrorMessage = "expected \"console\" or \"service\".")]
    public string Mode { get; set; } = "console";

    /// <summary>Service mode: folder watched for experiment files (*.json), relative to the content root. Default "queue".</summary>
    public string QueueDirectory { get; set; } = "queue";

    /// <summary>Service mode: seconds between looks at the queue. Default 5.</summary>
    [Range(0.05, 86400)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>Print the registered components and plugins, then exit.</summary>
    public bool ListComponents { get; set; }

    /// <summary>Check the configured model's gradients against finite differences on a few samples, print the worst relative error per layer, then exit.</summary>
    public bool GradientCheck { get; set; }
}
