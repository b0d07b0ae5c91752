using System.Globalization;
using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Tensors;
using NUnit.Framework;

namespace NeuralNet.Testing;

/// <summary>
/// The shared finite-difference gradient checker every differentiable component's test calls: layers (input
/// gradient and every parameter's gradient), activations, losses (w.r.t. predictions) and fused losses (w.r.t. logits).
/// </summary>
/// <remarks>
/// <para>
/// Layers and activations are reduced to the scalar L = Σ output·R for a fixed random R in [−1, 1], so every output
/// element matters; the component's backward pass, given R as the output gradient, must then return ∂L/∂input
/// (and ∂L/∂parameter). Losses are already scalar. Each element's numerical derivative is the central difference
/// (L(x + ε) − L(x − ε)) / ((x + ε) − (x − ε)), dividing by the perturbation actually stored in float, with L summed
/// in double.
/// </para>
/// <para>
/// Everything is float, so ε is large (1e-2): the truncation error O(ε²·f‴) stays near 1e-4 relative for smooth
/// functions, while float rounding of L contributes about 1e-7·|L|/ε. An element passes when
/// |analytical − numerical| ≤ atol + rtol·max(|analytical|, |numerical|), with rtol = 1e-2 and atol = 1e-4 by
/// default: correct code passes with a wide margin and a gradient off by 10% fails (the checker's own tests prove
/// both). Keep inputs at least 2ε away from kinks (relu at 0, |p − t| at p = t) and clamps.
/// </para>
/// <para>
/// Layers are run in training mode at a fixed step unless told otherwise: a layer whose training forward is random
/// (dropout) draws its mask from a counter-based stream keyed by the step, so every perturbed pass sees the same mask.
/// </para>
/// </remarks>
public static class GradientCheck
{
    /// <summary>Default perturbation ε.</summary>
    public const float DefaultEpsilon = 1e-2f;

    /// <summary>Default relative tolerance: a 10% error fails with a tenfold margin.</summary>
    public const double DefaultRelativeTolerance = 1e-2;

    /// <summary>Default absolute tolerance, for elements whose gradient is near zero.</summary>
    public const double DefaultAbsoluteTolerance = 1e-4;

    /// <summary>The outcome: whether every element passed, and the worst element.</summary>
    /// <param name="Passed">True when every element is within tolerance (and the structural checks held).</param>
    /// <param name="Checked">Number of elements compared.</param>
    /// <param name="Failures">Number of elements outside tolerance.</param>
    /// <param name="WorstGradient">Which gradient held the worst element: <c>input</c>, a parameter's name, <c>predictions</c>, <c>logits</c>.</param>
    /// <param name="WorstIndex">Flat index of the worst element within that gradient.</param>
    /// <param name="Analytical">The component's derivative at the worst element.</param>
    /// <param name="Numerical">The central difference at the worst element.</param>
    /// <param name="Message">A description naming the worst element, for assertion messages.</param>
    public sealed record Result(bool Passed, int Checked, int Failures, string WorstGradient, int WorstIndex,
        double Analytical, double Numerical, string Message)
    {
        public override string ToString() => Message;
    }

    /// <summary>
    /// Checks a built <paramref name="layer"/> at <paramref name="input"/> (its sample shape must be the one the layer
    /// was built for): d(input) and every parameter's gradient, and that <c>Backward(.., needInputGradient: false)</c>
    /// returns null with the same parameter gradients. <paramref name="input"/> and the parameters are perturbed in
    /// place and restored. Every forward pass uses the same <paramref name="context"/> (default: training, epoch 1,
    /// batch 1), so a random layer such as dropout draws the same mask each time and is checked in training mode.
    /// </summary>
    public static Result CheckLayer(ILayer layer, Tensor input, ForwardContext? context = null, int seed = 1,
        float epsilon = DefaultEpsilon, double relativeTolerance = DefaultRelativeTolerance, double absoluteTolerance = DefaultAbsoluteTolerance)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        string component = layer.GetType().Name;
        ForwardContext mode = context ?? ForwardContext.Train(1, 1);

        Tensor output = layer.Forward(input, mode);
        Tensor weights = RandomLike(output.BatchSize, output.SampleShape, seed);
        Tensor? dx = layer.Backward(weights, needInputGradient: true);
        if (dx is null)
            return Structural(component, "Backward(needInputGradient: true) returned null.");
        if (dx.BatchSize != input.BatchSize || dx.SampleSize != input.SampleSize)
            return Structural(component, $"the input gradient is {dx.ShapeString} but the input is {input.ShapeString}.");
        float[] analyticalInput = dx.ReadOnlySpan.ToArray();
        IReadOnlyList<Parameter> parameters = layer.Parameters;
        float[][] analyticalParameters = parameters.Select(p => p.Gradient.ReadOnlySpan.ToArray()).ToArray();

        layer.Forward(input, mode);
        if (layer.Backward(weights, needInputGradient: false) is not null)
            return Structural(component, "Backward(needInputGradient: false) returned a tensor; it must return null.");
        for (int p = 0; p < parameters.Count; p++)
        {
            int differ = FirstDifference(analyticalParameters[p], parameters[p].Gradient.ReadOnlySpan);
            if (differ >= 0)
                return Structural(component, $"parameter '{parameters[p].Name}'[{differ}] has gradient {parameters[p].Gradient.ReadOnlySpan[differ]} without the input gradient but {analyticalParameters[p][differ]} with it.");
        }

        double Objective() => WeightedSum(layer.Forward(input, mode), weights);

        var comparison = new Comparison(relativeTolerance, absoluteTolerance);
        comparison.Add("input", analyticalInput, Numerical(input.Buffer, input.Length, epsilon, Objective));
        for (int p = 0; p < parameters.Count; p++)
        {
            Tensor value = parameters[p].Value;
            comparison.Add(parameters[p].Name, analyticalParameters[p], Numerical(value.Buffer, value.Length, epsilon, Objective));
        }
        return comparison.Finish(component, epsilon);
    }

    /// <summary>Checks <paramref name="activation"/>'s backward pass at <paramref name="input"/> (perturbed in place and restored).</summary>
    public static Result CheckActivation(IActivation activation, Tensor input, int seed = 1,
        float epsilon = DefaultEpsilon, double relativeTolerance = DefaultRelativeTolerance, double absoluteTolerance = DefaultAbsoluteTolerance)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.BatchSize, input.SampleShape);
        var inputGradient = new Tensor(input.BatchSize, input.SampleShape);
        Tensor weights = RandomLike(input.BatchSize, input.SampleShape, seed);
        activation.Forward(input, output);
        activation.Backward(input, output, weights, inputGradient);
        float[] analytical = inputGradient.ReadOnlySpan.ToArray();

        var scratch = new Tensor(input.BatchSize, input.SampleShape);
        double Objective()
        {
            activation.Forward(input, scratch);
            return WeightedSum(scratch, weights);
        }

        var comparison = new Comparison(relativeTolerance, absoluteTolerance);
        comparison.Add("input", analytical, Numerical(input.Buffer, input.Length, epsilon, Objective));
        return comparison.Finish(activation.GetType().Name, epsilon);
    }

    /// <summary>Checks d(loss)/d(predictions) at <paramref name="predictions"/> (perturbed in place and restored).</summary>
    public static Result CheckLoss(ILoss loss, Tensor predictions, Tensor targets,
        float epsilon = DefaultEpsilon, double relativeTolerance = DefaultRelativeTolerance, double absoluteTolerance = DefaultAbsoluteTolerance)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var gradient = new Tensor(predictions.BatchSize, predictions.SampleShape);
        loss.Backward(predictions, targets, gradient);
        var comparison = new Comparison(relativeTolerance, absoluteTolerance);
        comparison.Add("predictions", gradient.ReadOnlySpan.ToArray(),
            Numerical(predictions.Buffer, predictions.Length, epsilon, () => loss.Forward(predictions, targets)));
        return comparison.Finish(loss.GetType().Name, epsilon);
    }

    /// <summary>Checks d(loss)/d(logits) of a fused loss at <paramref name="logits"/> (perturbed in place and restored).</summary>
    public static Result CheckFusedLoss(IFusedLoss loss, Tensor logits, Tensor targets,
        float epsilon = DefaultEpsilon, double relativeTolerance = DefaultRelativeTolerance, double absoluteTolerance = DefaultAbsoluteTolerance)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        var gradient = new Tensor(logits.BatchSize, logits.SampleShape);
        loss.BackwardFromLogits(logits, targets, gradient);
        var comparison = new Comparison(relativeTolerance, absoluteTolerance);
        comparison.Add("logits", gradient.ReadOnlySpan.ToArray(),
            Numerical(logits.Buffer, logits.Length, epsilon, () => loss.ForwardFromLogits(logits, targets)));
        return comparison.Finish(loss.GetType().Name + " (from logits)", epsilon);
    }

    /// <summary>Asserts <see cref="CheckLayer"/> passes.</summary>
    public static void AssertLayer(ILayer layer, Tensor input, ForwardContext? context = null, int seed = 1, float epsilon = DefaultEpsilon)
        => AssertPassed(CheckLayer(layer, input, context, seed, epsilon));

    /// <summary>Asserts <see cref="CheckActivation"/> passes.</summary>
    public static void AssertActivation(IActivation activation, Tensor input, int seed = 1, float epsilon = DefaultEpsilon)
        => AssertPassed(CheckActivation(activation, input, seed, epsilon));

    /// <summary>Asserts <see cref="CheckLoss"/> passes.</summary>
    public static void AssertLoss(ILoss loss, Tensor predictions, Tensor targets, float epsilon = DefaultEpsilon)
        => AssertPassed(CheckLoss(loss, predictions, targets, epsilon));

    /// <summary>Asserts <see cref="CheckFusedLoss"/> passes.</summary>
    public static void AssertFusedLoss(IFusedLoss loss, Tensor logits, Tensor targets, float epsilon = DefaultEpsilon)
        => AssertPassed(CheckFusedLoss(loss, logits, targets, epsilon));

    private static void AssertPassed(Result result) => Assert.That(result.Passed, Is.True, result.Message);

    /// <summary>Central differences of <paramref name="objective"/> with respect to each of the first <paramref name="length"/> values.</summary>
    private static double[] Numerical(float[] values, int length, float epsilon, Func<double> objective)
    {
        var numerical = new double[length];
        for (int i = 0; i < length; i++)
        {
            float original = values[i];
            values[i] = original + epsilon;
            float plus = values[i];
            double lossPlus = objective();
            values[i] = original - epsilon;
            float minus = values[i];
            double lossMinus = objective();
            values[i] = original;
            numerical[i] = (lossPlus - lossMinus) / ((double)plus - minus);
        }
        return numerical;
    }

    private static double WeightedSum(Tensor output, Tensor weights)
    {
        if (output.Length != weights.Length)
            throw new InvalidOperationException($"The output changed shape between calls: {output.ShapeString}, expected {weights.ShapeString}.");
        ReadOnlySpan<float> o = output.ReadOnlySpan, w = weights.ReadOnlySpan;
        double sum = 0;
        for (int i = 0; i < o.Length; i++) sum += (double)o[i] * w[i];
        return sum;
    }

    private static Tensor RandomLike(int batchSize, TensorShape shape, int seed)
    {
        var random = new Random(seed);
        var tensor = new Tensor(batchSize, shape);
        Span<float> span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)(2 * random.NextDouble() - 1);
        return tensor;
    }

    private static int FirstDifference(float[] expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
            if (expected[i] != actual[i] && !(float.IsNaN(expected[i]) && float.IsNaN(actual[i]))) return i;
        return -1;
    }

    private static Result Structural(string component, string problem)
        => new(false, 0, 1, "", -1, double.NaN, double.NaN, $"Gradient check of {component} failed: {problem}");

    /// <summary>Accumulates element comparisons and remembers the worst (largest |diff| / allowed).</summary>
    private sealed class Comparison(double relativeTolerance, double absoluteTolerance)
    {
        private int _checked;
        private int _failures;
        private double _worstRatio = -1;
        private string _worstName = "";
        private int _worstIndex = -1;
        private double _worstAnalytical = double.NaN;
        private double _worstNumerical = double.NaN;

        public void Add(string name, float[] analytical, double[] numerical)
        {
            for (int i = 0; i < numerical.Length; i++)
            {
                double a = analytical[i], n = numerical[i];
                double allowed = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(a), Math.Abs(n));
                double ratio = Math.Abs(a - n) / allowed;
                if (double.IsNaN(ratio)) ratio = double.PositiveInfinity;
                _checked++;
                if (ratio > 1) _failures++;
                if (ratio > _worstRatio)
                    (_worstRatio, _worstName, _worstIndex, _worstAnalytical, _worstNumerical) = (ratio, name, i, a, n);
            }
        }

        public Result Finish(string component, float epsilon)
        {
            bool passed = _failures == 0;
            string worst = _worstIndex < 0
                ? "no elements"
                : string.Create(CultureInfo.InvariantCulture,
                    $"worst element {_worstName}[{_worstIndex}]: analytical {_worstAnalytical:G7}, numerical {_worstNumerical:G7}, |diff| {Math.Abs(_worstAnalytical - _worstNumerical):G3} = {_worstRatio:G3} x allowed");
            string message = string.Create(CultureInfo.InvariantCulture,
                $"Gradient check of {component} {(passed ? "passed" : "failed")}: {_failures} of {_checked} elements outside |diff| <= {absoluteTolerance:G3} + {relativeTolerance:G3}·max(|a|, |n|) (eps {epsilon:G3}); {worst}.");
            return new Result(passed, _checked, _failures, _worstName, _worstIndex, _worstAnalytical, _worstNumerical, message);
        }
    }
}
