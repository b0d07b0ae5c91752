using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>A noisy sine for regression: x uniform in [Min, Max], y = sin(x) + Noise · N(0, 1).</summary>
/// <remarks>
/// Draws come from <see cref="DataLoadContext.Random"/>, so the same seed gives the same data. Output: features
/// <c>[Samples, 1]</c> named x; targets <c>[Samples, 1]</c> (regression, no class names).
/// </remarks>
[Component("sine", Aliases = ["sin"], Description = "Noisy regression: y = sin(x) + Gaussian noise, x uniform in [Min, Max].")]
public sealed class SineDataSource : IDataSource
{
    private readonly SineDataSourceOptions _options;

    public SineDataSource(SineDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int samples = _options.Samples;
        double low = _options.Min, span = _options.Max - _options.Min, noise = _options.Noise;
        var normal = new NormalSampler(context.Random);
        var (features, targets) = GeneratedSamples.Generate(samples, 1, 1, cancellationToken, (_, x, y) =>
        {
            double value = low + context.Random.NextDouble() * span;
            x[0] = (float)value;
            y[0] = (float)(Math.Sin(value) + normal.Next() * noise);
        });
        return new DataSet(features, targets, null,
            string.Create(CultureInfo.InvariantCulture, $"sine ({samples} points on [{_options.Min:G}, {_options.Max:G}], noise {_options.Noise:G})"))
        {
            FeatureNames = ["x"],
        };
    }
}
