using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>
/// The XOR problem: points uniform in the square [−1, 1]², class 1 when exactly one coordinate is positive
/// (x1 &gt; 0 xor x2 &gt; 0), class 0 otherwise; no linear model separates the two.
/// </summary>
/// <remarks>
/// Each point's class is taken from its clean position, then Gaussian noise of standard deviation
/// <see cref="XorDataSourceOptions.Noise"/> is added to both coordinates, so noise blurs the quadrant borders. Draws
/// come from <see cref="DataLoadContext.Random"/>, so the same seed gives the same data. Output: features
/// <c>[Samples, 2]</c> named X1, X2; targets one-hot <c>[Samples, 2]</c>, classes "0" and "1".
/// </remarks>
[Component("xor", Description = "2-D XOR: uniform points in [-1, 1]^2, class 1 where exactly one coordinate is positive.")]
public sealed class XorDataSource : IDataSource
{
    private readonly XorDataSourceOptions _options;

    public XorDataSource(XorDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int samples = _options.Samples;
        double noise = _options.Noise;
        var normal = new NormalSampler(context.Random);
        var (features, targets) = GeneratedSamples.Generate(samples, 2, 2, cancellationToken, (_, x, y) =>
        {
            double a = context.Random.NextDouble() * 2 - 1, b = context.Random.NextDouble() * 2 - 1;
            x[0] = (float)(a + normal.Next() * noise);
            x[1] = (float)(b + normal.Next() * noise);
            y[(a > 0) != (b > 0) ? 1 : 0] = 1f;
        });
        return new DataSet(features, targets, ["0", "1"], string.Create(CultureInfo.InvariantCulture, $"xor ({samples} points, noise {_options.Noise:G})"))
        {
            FeatureNames = ["X1", "X2"],
        };
    }
}
