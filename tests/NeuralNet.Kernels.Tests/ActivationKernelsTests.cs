using NeuralNet.Kernels;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

/// <summary>
/// Each activation kernel against its formula in double precision, at lengths that exercise the 512-bit, 256-bit
/// and scalar paths (and their seams), in place and out of place. Backward passes that use the float output y
/// (sigmoid, tanh, elu, as PyTorch's do) are compared with the formula in y.
/// </summary>
public class ActivationKernelsTests
{
    private static readonly int[] Lengths = [0, 1, 5, 8, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 67];

    private delegate void Forward(float[] x, float[] y);

    private delegate void Backward(float[] x, float[] y, float[] dy, float[] dx);

    private sealed record Case(string Name, Forward Forward, Backward Backward, Func<double, double> F, Func<double, double, double> Derivative)
    {
        public override string ToString() => Name;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static IEnumerable<Case> Cases()
    {
        yield return new("relu", (x, y) => ActivationKernels.Relu(x, y), (x, y, dy, dx) => ActivationKernels.ReluBackward(x, dy, dx),
            x => Math.Max(x, 0), (x, _) => x > 0 ? 1 : 0);
        yield return new("leaky_relu", (x, y) => ActivationKernels.LeakyRelu(x, 0.1f, y), (x, y, dy, dx) => ActivationKernels.LeakyReluBackward(x, dy, 0.1f, dx),
            x => x > 0 ? x : 0.1f * x, (x, _) => x > 0 ? 1 : 0.1f);
        yield return new("elu", (x, y) => ActivationKernels.Elu(x, 0.7f, y), (x, y, dy, dx) => ActivationKernels.EluBackward(x, y, dy, 0.7f, dx),
            x => x > 0 ? x : 0.7f * (Math.Exp(x) - 1), (x, y) => x > 0 ? 1 : y + 0.7f);
        yield return new("sigmoid", (x, y) => ActivationKernels.Sigmoid(x, y), (x, y, dy, dx) => ActivationKernels.SigmoidBackward(y, dy, dx),
            Sigmoid, (_, y) => y * (1 - y));
        yield return new("tanh", (x, y) => ActivationKernels.Tanh(x, y), (x, y, dy, dx) => ActivationKernels.TanhBackward(y, dy, dx),
            Math.Tanh, (_, y) => 1 - y * y);
        yield return new("softplus", (x, y) => ActivationKernels.Softplus(x, y), (x, y, dy, dx) => ActivationKernels.SoftplusBackward(x, dy, dx),
            x => Math.Log(1 + Math.Exp(x)), (x, _) => Sigmoid(x));
        yield return new("silu", (x, y) => ActivationKernels.Silu(x, y), (x, y, dy, dx) => ActivationKernels.SiluBackward(x, dy, dx),
            x => x * Sigmoid(x), (x, _) => Sigmoid(x) * (1 + x * (1 - Sigmoid(x))));
    }

    private static float[] Random(int length, int seed, double scale = 6)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * scale)).ToArray();
    }

    private static void AssertClose(float[] actual, Func<int, double> expected, string what)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            double e = expected(i);
            Assert.That(actual[i], Is.EqualTo(e).Within(2e-6 * Math.Abs(e) + 1e-7), $"{what}[{i}] of {actual.Length}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ForwardAndBackward_EveryLength_MatchTheFormula(object boxed)
    {
        var c = (Case)boxed;
        foreach (int n in Lengths)
        {
            float[] x = Random(n, n), dy = Random(n, n + 100, 1), y = new float[n], dx = new float[n];
            c.Forward(x, y);
            c.Backward(x, y, dy, dx);
            AssertClose(y, i => c.F(x[i]), $"{c.Name} forward");
            AssertClose(dx, i => dy[i] * c.Derivative(x[i], y[i]), $"{c.Name} backward");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Forward_InPlace_MatchesOutOfPlace(object boxed)
    {
        var c = (Case)boxed;
        float[] x = Random(37, 1), y = new float[37];
        c.Forward(x, y);
        c.Forward(x, x);
        Assert.That(x, Is.EqualTo(y));
    }

    [Test]
    public void Relu_LengthMismatch_ThrowsNamingBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.ReluBackward(new float[4], new float[3], new float[4]))!;
        Assert.That(error.Message, Does.Contain("3").And.Contain("4"));
    }

    [Test]
    public void Softmax_Rows_MatchTheFormulaAndBackwardTheJacobian()
    {
        foreach (int columns in new[] { 1, 3, 16, 21 })
        {
            const int rows = 3;
            float[] x = Random(rows * columns, columns, 20), y = new float[x.Length], dy = Random(x.Length, 7, 1), dx = new float[x.Length];
            ActivationKernels.Softmax(x, y, columns);
            ActivationKernels.SoftmaxBackward(y, dy, dx, columns);
            for (int r = 0; r < rows; r++)
            {
                var row = Enumerable.Range(r * columns, columns);
                double max = row.Max(i => x[i]);
                double sum = row.Sum(i => Math.Exp(x[i] - max));
                double dot = row.Sum(i => dy[i] * Math.Exp(x[i] - max) / sum);
                foreach (int i in row)
                {
                    double p = Math.Exp(x[i] - max) / sum;
                    Assert.That(y[i], Is.EqualTo(p).Within(2e-6 * p + 1e-8), $"softmax[{i}], {columns} columns");
                    Assert.That(dx[i], Is.EqualTo(p * (dy[i] - dot)).Within(1e-5 * Math.Abs(p * (dy[i] - dot)) + 1e-7), $"softmax backward[{i}]");
                }
            }
        }
    }

    [Test]
    public void Softmax_LengthNotWholeRows_Throws()
        => Assert.Throws<ArgumentException>(() => ActivationKernels.Softmax(new float[7], new float[7], 3));

    [TestCaseSource(nameof(Cases))]
    public void LargeSpans_SplitOverThreads_MatchTheSequentialResultBitForBit(object boxed)
    {
        var c = (Case)boxed;
        // Past SimdKernels.ParallelThreshold the map is split over the kernel threads by element ranges, with a
        // ragged last block; compare 2 threads against 1, and the forward against the formula.
        int saved = KernelSettings.MaxThreads;
        try
        {
            int n = (1 << 17) + 37;
            var random = new Random(5);
            float[] x = new float[n], dy = new float[n];
            for (int i = 0; i < n; i++) { x[i] = (float)(random.NextDouble() * 8 - 4); dy[i] = (float)(random.NextDouble() * 2 - 1); }
            float[] Run(int threads, bool backward)
            {
                KernelSettings.MaxThreads = threads;
                float[] y = new float[n], dx = new float[n];
                c.Forward(x, y);
                if (!backward) return y;
                c.Backward(x, y, dy, dx);
                return dx;
            }
            float[] forward = Run(2, backward: false);
            Assert.That(forward, Is.EqualTo(Run(1, backward: false)));
            Assert.That(Run(2, backward: true), Is.EqualTo(Run(1, backward: true)));
            for (int i = 0; i < n; i += 997)
                Assert.That(forward[i], Is.EqualTo(c.F(x[i])).Within(1e-5 + 1e-5 * Math.Abs(c.F(x[i]))), $"{c.Name}({x[i]})");
        }
        finally
        {
            KernelSettings.MaxThreads = saved;
        }
    }
}
