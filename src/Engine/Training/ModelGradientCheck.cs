using NeuralNet.Engine.Model;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Checks a model's analytic parameter gradients (backpropagation through every layer and the loss) against central
/// finite differences of the loss on one batch: the check of the CSV seed's to-do list, as a user feature.
/// </summary>
/// <remarks>
/// <para>For each parameter, up to <c>perParameter</c> elements spread evenly over it are perturbed by ±ε; the
/// numerical derivative is (L(w + ε) − L(w − ε)) / 2ε. The relative error of an element is
/// |analytic − numerical| / max(|analytic|, |numerical|, 1e-4), so gradients near zero compare absolutely. Float
/// math limits agreement to about 1e-3 for smooth layers; errors near 1 mean a wrong gradient, or an element whose
/// ±ε step crosses a kink (relu at 0, max pooling ties).</para>
/// <para>Every forward pass is in training mode at a fixed step, so dropout draws the same mask each time. The loss is
/// computed from the model's output (not fused with the final activation), so the final activation's backward is
/// checked too. Parameters are restored afterwards; batch norm's running statistics move, so check a fresh model.</para>
/// </remarks>
public static class ModelGradientCheck
{
    /// <summary>The worst element of one parameter.</summary>
    /// <param name="Layer">The layer's position in the model.</param>
    /// <param name="LayerName">The layer's registered name.</param>
    /// <param name="Parameter">The parameter's name within the layer (<c>kernel</c>).</param>
    /// <param name="Checked">Elements compared.</param>
    /// <param name="WorstRelativeError">The largest relative error among them.</param>
    /// <param name="WorstIndex">Flat index of that element.</param>
    /// <param name="Analytic">Backpropagation's derivative there.</param>
    /// <param name="Numerical">The central difference there.</param>
    public sealed record Result(int Layer, string LayerName, string Parameter, int Checked, double WorstRelativeError, int WorstIndex,
        double Analytic, double Numerical);

    /// <summary>Checks every parameter of <paramref name="model"/> (built for training, batch ≥ <paramref name="x"/>'s) on one batch.</summary>
    public static IReadOnlyList<Result> Check(SequentialModel model, ILoss loss, Tensor x, Tensor y, int perParameter = 10, float epsilon = 1e-2f)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentOutOfRangeException.ThrowIfLessThan(perParameter, 1);
        ForwardContext mode = ForwardContext.Train(1, 1);
        var gradient = new Tensor(x.BatchSize, model.OutputShape);
        Tensor predictions = model.Forward(x, mode);
        loss.Backward(predictions, y, gradient);
        model.Backward(gradient);

        double Loss() => loss.Forward(model.Forward(x, mode), y);

        var results = new List<Result>();
        for (int l = 0; l < model.Layers.Count; l++)
        {
            foreach (Parameter p in model.Layers[l].Parameters)
            {
                float[] analytic = p.Gradient.ReadOnlySpan.ToArray();
                Span<float> w = p.Value.Span;
                int count = Math.Min(perParameter, w.Length);
                double worst = -1, worstAnalytic = 0, worstNumerical = 0;
                int worstIndex = 0;
                for (int k = 0; k < count; k++)
                {
                    int i = (int)((long)k * w.Length / count);
                    float saved = w[i];
                    w[i] = saved + epsilon;
                    double plus = Loss();
                    w[i] = saved - epsilon;
                    double minus = Loss();
                    double step = (double)(saved + epsilon) - (saved - epsilon);
                    w[i] = saved;
                    double numerical = (plus - minus) / step;
                    double error = Math.Abs(analytic[i] - numerical) / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numerical)), 1e-4);
                    if (error > worst) (worst, worstIndex, worstAnalytic, worstNumerical) = (error, i, analytic[i], numerical);
                }
                results.Add(new Result(l, model.Specs[l].Name, p.Name, count, worst, worstIndex, worstAnalytic, worstNumerical));
            }
        }
        return results;
    }
}
