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
        var normal = new NormalSampler(context.Random);
        var features = new Tensor(samples, 1);
        var targets = new Tensor(samples, 1);
        double low = _options.Min, span = _options.Max - _options.Min;
        for (int i = 0; i < samples; i++)
        {
            if (i % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            double x = low + context.Random.NextDouble() * span;
            features.Buffer[i] = (float)x;
            targets.Buffer[i] = (float)(Math.Sin(x) + normal.Next() * _options.Noise);
        }
        return new DataSet(features, targets, null,
            string.Create(CultureInfo.InvariantCulture, $"sine ({samples} points on [{_options.Min:G}, {_options.Max:G}], noise {_options.Noise:G})"))
        {
            FeatureNames = ["x"],
        };
    }
}
