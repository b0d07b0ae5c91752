using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>Two interleaving half circles, as scikit-learn's <c>make_moons</c>.</summary>
/// <remarks>
/// <para>
/// With n_out = ⌊Samples / 2⌋ and n_in = Samples − n_out: the outer moon (class 0) is
/// (cos t, sin t) for t = linspace(0, π, n_out), the inner one (class 1) (1 − cos t, 1 − sin t − 0.5) for
/// t = linspace(0, π, n_in); then Gaussian noise of standard deviation <see cref="MoonsDataSourceOptions.Noise"/> is
/// added to every coordinate. Points are emitted class after class, unshuffled (scikit-learn's
/// <c>shuffle=False</c>; shuffling is the validator's job), so with no noise they equal scikit-learn's exactly.
/// </para>
/// <para>Output: features <c>[Samples, 2]</c> named X1, X2; targets one-hot <c>[Samples, 2]</c>, classes "0" and "1".</para>
/// </remarks>
[Component("moons", Aliases = ["make_moons"], Description = "Two interleaving half circles (scikit-learn's make_moons).")]
public sealed class MoonsDataSource : IDataSource
{
    private readonly MoonsDataSourceOptions _options;

    public MoonsDataSource(MoonsDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int samples = _options.Samples;
        int outer = samples / 2, inner = samples - outer;
        double noise = _options.Noise;
        var normal = new NormalSampler(context.Random);
        var (features, targets) = GeneratedSamples.Generate(samples, 2, 2, cancellationToken, (i, x, y) =>
        {
            bool isInner = i >= outer;
            int k = isInner ? i - outer : i, n = isInner ? inner : outer;
            double t = n > 1 ? Math.PI * k / (n - 1) : 0.0;
            x[0] = (float)((isInner ? 1 - Math.Cos(t) : Math.Cos(t)) + normal.Next() * noise);
            x[1] = (float)((isInner ? 1 - Math.Sin(t) - 0.5 : Math.Sin(t)) + normal.Next() * noise);
            y[isInner ? 1 : 0] = 1f;
        });
        return new DataSet(features, targets, ["0", "1"], string.Create(CultureInfo.InvariantCulture, $"moons ({samples} points, noise {_options.Noise:G})"))
        {
            FeatureNames = ["X1", "X2"],
        };
    }
}
