using System.Globalization;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.DataSources.Internal;
using NeuralNet.Tensors;

namespace NeuralNet.DataSources;

/// <summary>
/// Generates the interleaved spirals of the MadeWithML "Neural networks" lesson (after CS231n): a data set no
/// linear model separates.
/// </summary>
/// <remarks>
/// <para>
/// For class j = 0 .. C-1 with N_j points: r = linspace(0, 1, N_j), t = linspace(4j, 4(j+1), N_j) + Noise · randn(N_j),
/// and the points are (r sin t, r cos t). Points are emitted class after class, in the lesson's order (shuffling is the
/// validator's job). Every point lies in the unit disc, since |(r sin t, r cos t)| = r ≤ 1.
/// </para>
/// <para>
/// N_j = Samples / Classes, plus one for the first <c>Samples % Classes</c> classes, so every sample requested is
/// generated. Noise comes from <see cref="DataLoadContext.Random"/> (Box–Muller), so the same seed gives the same data.
/// </para>
/// <para>
/// Output: features <c>[Samples, 2]</c> named X1, X2; targets one-hot <c>[Samples, Classes]</c>, classes named
/// c1, c2, ... as in the lesson.
/// </para>
/// </remarks>
[Component("spiral", Aliases = ["spirals"], Description = "Interleaved 2-D spirals, one class per arm (MadeWithML / CS231n).")]
public sealed class SpiralDataSource : IDataSource
{
    /// <summary>Radians each arm sweeps, as in the lesson: t runs from 4j to 4(j+1).</summary>
    private const double ArmAngle = 4.0;

    private readonly SpiralDataSourceOptions _options;

    public SpiralDataSource(SpiralDataSourceOptions options) => _options = OptionsGuard.Validate(options, nameof(options));

    public DataSet Load(DataLoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int samples = _options.Samples;
        int classes = _options.Classes;
        double noise = _options.Noise;
        var normal = new NormalSampler(context.Random);
        var features = new Tensor(samples, 2);
        var targets = new Tensor(samples, classes);
        Span<float> x = features.Span;
        Span<float> y = targets.Span;

        int row = 0;
        for (int j = 0; j < classes; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = samples / classes + (j < samples % classes ? 1 : 0);
            double step = n > 1 ? 1.0 / (n - 1) : 0.0; // linspace(a, b, 1) == [a]
            for (int i = 0; i < n; i++, row++)
            {
                double r = i * step;
                double t = ArmAngle * (j + i * step) + normal.Next() * noise;
                x[2 * row] = (float)(r * Math.Sin(t));
                x[2 * row + 1] = (float)(r * Math.Cos(t));
                y[row * classes + j] = 1f;
            }
        }

        var classNames = Enumerable.Range(1, classes).Select(c => "c" + c).ToArray();
        return new DataSet(features, targets, classNames, string.Create(CultureInfo.InvariantCulture, $"spiral ({samples} points, {classes} classes, noise {_options.Noise:G})"))
        {
            FeatureNames = ["X1", "X2"],
        };
    }
}
