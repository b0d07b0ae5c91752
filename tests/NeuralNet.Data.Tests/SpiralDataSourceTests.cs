using System.Text.Json.Nodes;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

public sealed class SpiralDataSourceTests
{
    private static DataSet Load(int seed = 1, int samples = 1500, int classes = 3, float noise = 0.2f)
        => new SpiralDataSource(new SpiralDataSourceOptions { Samples = samples, Classes = classes, Noise = noise })
            .Load(new DataLoadContext("/", new Random(seed), "Experiment:Data"), CancellationToken.None);

    [Test]
    public void Load_Defaults_Gives1500PointsOfTwoFeaturesInThreeNamedClasses()
    {
        DataSet data = Load();

        Assert.That(data.Features.ShapeString, Is.EqualTo("[1500, 2]"));
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[1500, 3]"));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "c1", "c2", "c3" }));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "X1", "X2" }));
        Assert.That(data.IsClassification, Is.True);
    }

    [Test]
    public void Load_Defaults_TargetsAreOneHotAnd500PerClassInLessonOrder()
    {
        DataSet data = Load();

        for (int i = 0; i < data.Count; i++)
            Assert.That(data.Targets.Sample(i).ToArray().Sum(), Is.EqualTo(1f), $"row {i} is not one-hot");
        int[] labels = data.Labels();
        Assert.That(labels.Count(l => l == 0), Is.EqualTo(500));
        Assert.That(labels.Count(l => l == 1), Is.EqualTo(500));
        Assert.That(labels.Count(l => l == 2), Is.EqualTo(500));
        Assert.That(labels[..500].All(l => l == 0) && labels[500..1000].All(l => l == 1) && labels[1000..].All(l => l == 2), Is.True);
    }

    [Test]
    public void Load_SamplesNotAMultipleOfClasses_FirstClassesGetOneMore()
    {
        DataSet data = Load(samples: 11, classes: 3);

        int[] labels = data.Labels();
        Assert.That(data.Count, Is.EqualTo(11));
        Assert.That(new[] { labels.Count(l => l == 0), labels.Count(l => l == 1), labels.Count(l => l == 2) }, Is.EqualTo(new[] { 4, 4, 3 }));
    }

    [Test]
    public void Load_SameSeed_SameData()
    {
        float[] first = Load(seed: 5).Features.Buffer;
        float[] second = Load(seed: 5).Features.Buffer;

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Load_DifferentSeed_DifferentData()
    {
        float[] a = Load(seed: 5).Features.Buffer;
        float[] b = Load(seed: 6).Features.Buffer;

        int differing = a.Zip(b).Count(p => Math.Abs(p.First - p.Second) > 1e-4f);
        Assert.That(differing, Is.GreaterThan(a.Length * 9 / 10));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Load_AnySeed_PointsLieInUnitDiscAndEachArmReachesItsEdge(int seed)
    {
        DataSet data = Load(seed: seed, noise: 1f);

        double[] radius = Enumerable.Range(0, data.Count).Select(i => Math.Sqrt(Sq(data.Features[i, 0]) + Sq(data.Features[i, 1]))).ToArray();
        Assert.That(radius.Max(), Is.LessThanOrEqualTo(1.0 + 1e-6));
        foreach (int arm in new[] { 0, 1, 2 })
        {
            Assert.That(radius[arm * 500], Is.EqualTo(0.0).Within(1e-9), "each arm starts at the origin (r = 0)");
            Assert.That(radius[arm * 500 + 499], Is.EqualTo(1.0).Within(1e-6), "each arm ends on the unit circle (r = 1)");
        }
    }

    [Test]
    public void Load_NoNoise_MatchesTheLessonsNumpyCodePointByPoint()
    {
        JsonNode reference = ReferenceData.Load("tests/NeuralNet.Data.Tests/References/spiral_noise0.json");
        float[] expected = ReferenceData.Floats(reference["x"]);
        int[] expectedLabels = reference["y"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();

        DataSet data = Load(samples: 90, classes: 3, noise: 0f);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(expected).Within(1e-6f));
        Assert.That(data.Labels(), Is.EqualTo(expectedLabels));
    }

    [Test]
    public void Load_WithNoise_AngleNoiseHasTheConfiguredStandardDeviation()
    {
        const int perClass = 2000;
        const float noise = 0.2f;
        DataSet data = Load(seed: 11, samples: 3 * perClass, classes: 3, noise: noise);

        var deviations = new List<double>();
        for (int row = 0; row < data.Count; row++)
        {
            int j = row / perClass, i = row % perClass;
            if (i == 0) continue; // r = 0: no angle
            double clean = 4.0 * j + 4.0 * i / (perClass - 1);
            double angle = Math.Atan2(data.Features[row, 0], data.Features[row, 1]); // x = r sin t, y = r cos t
            deviations.Add(Math.IEEERemainder(angle - clean, 2 * Math.PI));
        }
        double mean = deviations.Average();
        double std = Math.Sqrt(deviations.Sum(d => (d - mean) * (d - mean)) / (deviations.Count - 1));

        Assert.That(mean, Is.EqualTo(0.0).Within(0.015));
        Assert.That(std, Is.EqualTo(noise).Within(0.01));
    }

    [Test]
    public void Load_CancelledToken_Throws()
    {
        var source = new SpiralDataSource(new SpiralDataSourceOptions());

        Assert.Throws<OperationCanceledException>(() =>
            source.Load(new DataLoadContext("/", new Random(1), "Experiment:Data"), new CancellationToken(canceled: true)));
    }

    [TestCase("Classes", "1", "Test:Classes")]
    [TestCase("Samples", "2", "Test:Samples")]
    [TestCase("Noise", "-0.1", "Test:Noise")]
    public void Create_InvalidOptions_ConfigurationExceptionNamesTheKey(string key, string value, string expectedKey)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Conformance.Create<IDataSource>(typeof(SpiralDataSource), "spiral", new Dictionary<string, string?> { [key] = value }))!;

        Assert.That(error.Key, Is.EqualTo(expectedKey), error.Message);
    }

    [Test]
    public void Constructor_FewerSamplesThanClasses_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiralDataSource(new SpiralDataSourceOptions { Samples = 4, Classes = 5 }))!;

        Assert.That(error.Message, Does.Contain("Samples"));
    }

    private static double Sq(float v) => (double)v * v;
}
