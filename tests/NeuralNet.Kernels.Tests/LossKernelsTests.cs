using NeuralNet.Kernels;

namespace NeuralNet.Kernels.Tests;

/// <summary>
/// Each loss kernel's value and gradient against the formula in double precision, at lengths that exercise every
/// vector path. Values are float sums, so they agree to about 1e-5 relative.
/// </summary>
public class LossKernelsTests
{
    private static readonly int[] Lengths = [1, 7, 8, 16, 17, 24, 25, 40, 67];

    private static float[] Uniform(int length, int seed, double low, double high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(low + (high - low) * random.NextDouble())).ToArray();
    }

    private static void AssertClose(float[] actual, Func<int, double> expected, string what)
    {
        for (int i = 0; i < actual.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected(i)).Within(2e-6 * Math.Abs(expected(i)) + 1e-9), $"{what}[{i}] of {actual.Length}");
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Test]
    public void ElementwiseLosses_EveryLength_MatchTheFormulas()
    {
        foreach (int n in Lengths)
        {
            float[] p = Uniform(n, n, -2, 2), t = Uniform(n, n + 1, -2, 2), g = new float[n];
            float[] prob = Uniform(n, n + 2, 0.01, 0.99), label = Uniform(n, n + 3, 0, 1), z = Uniform(n, n + 4, -30, 30);

            Assert.That(LossKernels.MeanSquaredError(p, t), Is.EqualTo(Enumerable.Range(0, n).Average(i => Math.Pow(p[i] - t[i], 2))).Within(1e-3).Percent);
            LossKernels.MeanSquaredErrorGradient(p, t, g);
            AssertClose(g, i => 2.0 * (p[i] - t[i]) / n, "mse gradient");

            Assert.That(LossKernels.MeanAbsoluteError(p, t), Is.EqualTo(Enumerable.Range(0, n).Average(i => Math.Abs(p[i] - t[i]))).Within(1e-3).Percent);
            LossKernels.MeanAbsoluteErrorGradient(p, t, g);
            AssertClose(g, i => Math.Sign(p[i] - t[i]) / (double)n, "mae gradient");

            double bce = Enumerable.Range(0, n).Average(i => -(label[i] * Math.Log(prob[i]) + (1 - label[i]) * Math.Log(1 - prob[i])));
            Assert.That(LossKernels.BinaryCrossEntropy(prob, label), Is.EqualTo(bce).Within(1e-3).Percent);
            LossKernels.BinaryCrossEntropyGradient(prob, label, g);
            AssertClose(g, i => (-label[i] / prob[i] + (1 - label[i]) / (1 - prob[i])) / n, "bce gradient");

            double logitBce = Enumerable.Range(0, n).Average(i => -(label[i] * Math.Log(Sigmoid(z[i])) + (1 - label[i]) * Math.Log(1 - Sigmoid(z[i]))));
            Assert.That(LossKernels.BinaryCrossEntropyWithLogits(z, label), Is.EqualTo(logitBce).Within(1e-3).Percent);
            LossKernels.BinaryCrossEntropyWithLogitsGradient(z, label, g);
            AssertClose(g, i => (Sigmoid(z[i]) - label[i]) / n, "bce-with-logits gradient");
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(16)]
    [TestCase(21)]
    public void Categorical_Rows_MatchTheFormulas(int columns)
    {
        const int rows = 4;
        float[] p = Uniform(rows * columns, columns, 0.01, 0.99), t = Uniform(rows * columns, columns + 1, 0, 1);
        float[] z = Uniform(rows * columns, columns + 2, -40, 40), g = new float[rows * columns];
        double cce = 0, fused = 0;
        var softmax = new double[rows * columns];
        var targetSums = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = Enumerable.Range(r * columns, columns).ToArray();
            double max = row.Max(i => z[i]);
            double lse = max + Math.Log(row.Sum(i => Math.Exp(z[i] - max)));
            targetSums[r] = row.Sum(i => t[i]);
            foreach (int i in row)
            {
                cce -= t[i] * Math.Log(p[i]);
                fused += t[i] * (lse - z[i]);
                softmax[i] = Math.Exp(z[i] - lse);
            }
        }
        Assert.That(LossKernels.CategoricalCrossEntropy(p, t, columns), Is.EqualTo(cce / rows).Within(1e-3).Percent);
        LossKernels.CategoricalCrossEntropyGradient(p, t, g, columns);
        AssertClose(g, i => -t[i] / p[i] / rows, "cce gradient");
        Assert.That(LossKernels.CategoricalCrossEntropyWithLogits(z, t, columns), Is.EqualTo(fused / rows).Within(1e-3).Percent);
        LossKernels.CategoricalCrossEntropyWithLogitsGradient(z, t, g, columns);
        for (int i = 0; i < g.Length; i++)
        {
            double expected = (softmax[i] * targetSums[i / columns] - t[i]) / rows;
            Assert.That(g[i], Is.EqualTo(expected).Within(1e-5 * Math.Abs(expected) + 1e-7), $"cce-with-logits gradient[{i}]"); // lse of |z| ≤ 40 in float
        }
    }

    [Test]
    public void LogSumExp_HugeAndEmpty_StayExact()
    {
        Assert.That(LossKernels.LogSumExp([1000f, 1000f]), Is.EqualTo(1000f + MathF.Log(2f)));
        Assert.That(LossKernels.LogSumExp([-1000f, -1000f, -1000f]), Is.EqualTo(-1000f + MathF.Log(3f)).Within(1e-3f));
        Assert.That(LossKernels.LogSumExp([]), Is.EqualTo(float.NegativeInfinity));
    }

    [Test]
    public void BinaryCrossEntropy_OutsideTheClamp_HasZeroGradient()
    {
        float[] g = new float[2];
        LossKernels.BinaryCrossEntropyGradient([0f, 1f], [1f, 0f], g);
        Assert.That(g, Is.EqualTo(new[] { 0f, 0f }));
        Assert.That(float.IsFinite(LossKernels.BinaryCrossEntropy([0f, 1f], [1f, 0f])));
    }

    [Test]
    public void MeanSquaredError_LengthMismatch_Throws()
        => Assert.Throws<ArgumentException>(() => LossKernels.MeanSquaredError(new float[3], new float[4]));
}
