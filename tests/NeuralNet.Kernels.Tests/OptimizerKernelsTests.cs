using NeuralNet.Kernels;

namespace NeuralNet.Kernels.Tests;

/// <summary>
/// Each optimizer kernel over several steps against the same update written element by element in double
/// precision, at lengths that exercise every vector path (PyTorch agreement is tested in NeuralNet.Nn.Tests).
/// </summary>
public class OptimizerKernelsTests
{
    private static readonly int[] Lengths = [1, 7, 16, 17, 24, 25, 43];

    private static float[] Normal(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static void Run(Action<float[], float[], float[], float[], int> kernel, Action<double[], double[], double[], double[], int> reference, string name)
    {
        foreach (int n in Lengths)
        {
            float[] w = Normal(n, n), s1 = new float[n], s2 = new float[n];
            double[] ew = w.Select(v => (double)v).ToArray(), e1 = new double[n], e2 = new double[n];
            for (int step = 1; step <= 4; step++)
            {
                float[] g = Normal(n, 100 * n + step);
                kernel(w, g, s1, s2, step);
                reference(ew, g.Select(v => (double)v).ToArray(), e1, e2, step);
                for (int i = 0; i < n; i++)
                    Assert.That(w[i], Is.EqualTo(ew[i]).Within(1e-5 * Math.Abs(ew[i]) + 1e-6), $"{name}: w[{i}] of {n} after step {step}");
            }
        }
    }

    [TestCase(0f)]
    [TestCase(0.1f)]
    public void Sgd_MatchesTheUpdate(float decay) => Run(
        (w, g, _, _, _) => OptimizerKernels.Sgd(w, g, 0.1f, decay),
        (w, g, _, _, _) => { for (int i = 0; i < w.Length; i++) w[i] -= 0.1 * (g[i] + decay * w[i]); },
        "sgd");

    [TestCase(false)]
    [TestCase(true)]
    public void SgdMomentum_MatchesTheUpdate(bool nesterov) => Run(
        (w, g, v, _, _) => OptimizerKernels.SgdMomentum(w, g, v, 0.1f, 0.9f, nesterov, 0.01f),
        (w, g, v, _, _) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                double d = g[i] + 0.01f * w[i];
                v[i] = 0.9f * v[i] + d;
                w[i] -= 0.1f * (nesterov ? d + 0.9f * v[i] : v[i]);
            }
        },
        "sgd momentum");

    [TestCase(false)]
    [TestCase(true)]
    public void Adam_MatchesTheUpdate(bool decoupled) => Run(
        (w, g, m, v, t) => OptimizerKernels.Adam(w, g, m, v, 0.01f, 0.9f, 0.999f, 1e-8f, t, 0.1f, decoupled),
        (w, g, m, v, t) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                double gi = decoupled ? g[i] : g[i] + 0.1f * w[i];
                if (decoupled) w[i] *= 1 - 0.01f * 0.1f;
                m[i] = 0.9f * m[i] + (1 - 0.9f) * gi;
                v[i] = 0.999f * v[i] + (1 - 0.999f) * gi * gi;
                double mHat = m[i] / (1 - Math.Pow(0.9f, t)), vHat = v[i] / (1 - Math.Pow(0.999f, t));
                w[i] -= 0.01f * mHat / (Math.Sqrt(vHat) + 1e-8f);
            }
        },
        decoupled ? "adamw" : "adam");

    [Test]
    public void RmsProp_MatchesTheUpdate() => Run(
        (w, g, s, _, _) => OptimizerKernels.RmsProp(w, g, s, 0.01f, 0.99f, 1e-8f, 0.01f),
        (w, g, s, _, _) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                double d = g[i] + 0.01f * w[i];
                s[i] = 0.99f * s[i] + (1 - 0.99f) * d * d;
                w[i] -= 0.01f * d / (Math.Sqrt(s[i]) + 1e-8f);
            }
        },
        "rmsprop");

    [Test]
    public void RmsPropMomentum_MatchesTheUpdate() => Run(
        (w, g, s, b, _) => OptimizerKernels.RmsPropMomentum(w, g, s, b, 0.01f, 0.9f, 1e-8f, 0.8f, 0f),
        (w, g, s, b, _) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                s[i] = 0.9f * s[i] + (1 - 0.9f) * g[i] * g[i];
                b[i] = 0.8f * b[i] + g[i] / (Math.Sqrt(s[i]) + 1e-8f);
                w[i] -= 0.01f * b[i];
            }
        },
        "rmsprop momentum");

    [Test]
    public void Adagrad_MatchesTheUpdate() => Run(
        (w, g, s, _, _) => OptimizerKernels.Adagrad(w, g, s, 0.1f, 1e-10f, 0f),
        (w, g, s, _, _) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                s[i] += g[i] * g[i];
                w[i] -= 0.1f * g[i] / (Math.Sqrt(s[i]) + 1e-10f);
            }
        },
        "adagrad");

    [Test]
    public void Adam_StepZero_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerKernels.Adam(new float[2], new float[2], new float[2], new float[2], 0.1f, 0.9f, 0.999f, 1e-8f, 0, 0f, false));

    [Test]
    public void SgdMomentum_StateOfOtherLength_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerKernels.SgdMomentum(new float[4], new float[4], new float[3], 0.1f, 0.9f, false, 0f))!;
        Assert.That(error.ParamName, Is.EqualTo("s"));
        Assert.That(error.Message, Does.Contain("3").And.Contain("4"));
    }
}
