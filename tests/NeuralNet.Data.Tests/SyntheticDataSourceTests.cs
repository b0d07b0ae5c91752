using NeuralNet.DataSources;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

/// <summary>The xor, moons and sine sources: their shapes, their rules, scikit-learn's moons, and determinism by seed.</summary>
public sealed class SyntheticDataSourceTests
{
    private static DataLoadContext Context(int seed) => new("/", new Random(seed), "Experiment:Data");

    private static DataSet Xor(int seed = 1, float noise = 0.1f) => new XorDataSource(new XorDataSourceOptions { Samples = 200, Noise = noise }).Load(Context(seed), CancellationToken.None);

    private static DataSet Moons(int seed = 1, int samples = 200, float noise = 0.1f) => new MoonsDataSource(new MoonsDataSourceOptions { Samples = samples, Noise = noise }).Load(Context(seed), CancellationToken.None);

    private static DataSet Sine(int seed = 1, float noise = 0.1f) => new SineDataSource(new SineDataSourceOptions { Samples = 200, Noise = noise }).Load(Context(seed), CancellationToken.None);

    [Test]
    public void Xor_NoNoise_ClassOneExactlyWhereOneCoordinateIsPositive()
    {
        DataSet data = Xor(noise: 0);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[200, 2]"));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "0", "1" }));
        int[] labels = data.Labels();
        for (int i = 0; i < data.Count; i++)
        {
            float a = data.Features[i, 0], b = data.Features[i, 1];
            Assert.That(Math.Abs(a) <= 1 && Math.Abs(b) <= 1, Is.True, $"row {i} outside the square");
            Assert.That(labels[i], Is.EqualTo((a > 0) != (b > 0) ? 1 : 0), $"row {i} ({a}, {b})");
        }
        Assert.That(labels.Count(l => l == 1), Is.InRange(70, 130), "both classes are common");
    }

    [Test]
    public void Moons_NoNoise_EqualScikitLearnsMakeMoonsUnshuffled()
    {
        var reference = ReferenceData.Load("tests/NeuralNet.Data.Tests/References/moons_noise0.json");

        DataSet data = Moons(samples: reference["samples"]!.GetValue<int>(), noise: 0);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(ReferenceData.Floats(reference["x"])).Within(1e-6f));
        Assert.That(data.Labels(), Is.EqualTo(reference["y"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray()));
    }

    [Test]
    public void Sine_NoNoise_TargetIsSinOfTheFeatureWithinTheRange()
    {
        DataSet data = Sine(noise: 0);

        Assert.That(data.IsClassification, Is.False);
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[200, 1]"));
        for (int i = 0; i < data.Count; i++)
        {
            Assert.That(data.Features[i, 0], Is.InRange(-MathF.PI, MathF.PI));
            Assert.That(data.Targets[i, 0], Is.EqualTo(MathF.Sin(data.Features[i, 0])).Within(1e-6));
        }
    }

    [Test]
    public void Sine_Noise_ResidualsHaveTheConfiguredSpread()
    {
        DataSet data = new SineDataSource(new SineDataSourceOptions { Samples = 5000, Noise = 0.2f }).Load(Context(3), CancellationToken.None);

        double[] residuals = Enumerable.Range(0, data.Count).Select(i => (double)data.Targets[i, 0] - Math.Sin(data.Features[i, 0])).ToArray();
        double mean = residuals.Average();
        double std = Math.Sqrt(residuals.Average(r => (r - mean) * (r - mean)));

        Assert.That(mean, Is.EqualTo(0).Within(0.02));
        Assert.That(std, Is.EqualTo(0.2).Within(0.01));
    }

    [TestCase("xor")]
    [TestCase("moons")]
    [TestCase("sine")]
    public void Load_SameSeedSameData_OtherSeedOtherData(string name)
    {
        Func<int, DataSet> load = name switch { "xor" => s => Xor(s), "moons" => s => Moons(s), _ => s => Sine(s) };

        float[] first = load(7).Features.Span.ToArray();

        Assert.That(load(7).Features.Span.ToArray(), Is.EqualTo(first));
        Assert.That(load(8).Features.Span.ToArray(), Is.Not.EqualTo(first));
    }
}
