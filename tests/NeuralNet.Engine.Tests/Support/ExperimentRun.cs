using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Runs an experiment JSON in this process, with the built-in plugins, as the host would.</summary>
internal static class ExperimentRun
{
    /// <summary>Runs <paramref name="json"/> (a file's text with an <c>Experiment</c> section) in <paramref name="root"/>, with configuration overrides (null unsets).</summary>
    public static RunResult Run(string json, string root, params (string Key, string? Value)[] overrides)
    {
        IConfigurationSection experiment = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build().GetSection("Experiment");
        return new ExperimentRunner(TestPaths.BuiltInRegistry(), NullLogger<ExperimentRunner>.Instance).Run(experiment, root, CancellationToken.None);
    }

    /// <summary>The saved model's weights file.</summary>
    public static byte[] Weights(RunResult run) => File.ReadAllBytes(Path.Combine(run.ModelDirectory, ModelStore.WeightsFile));
}
