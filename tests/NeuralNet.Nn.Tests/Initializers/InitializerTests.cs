using NeuralNet.Errors;
using NeuralNet.Initializers;
using NeuralNet.Nn.Initializers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Initializers;

/// <summary>
/// Every initialiser the plugin registers: resolution by name, determinism for a seed, and the distribution each
/// promises (range, mean and standard deviation over many draws), plus options round-trip and validation.
/// </summary>
public class InitializerTests
{
    private const int FanIn = 300, FanOut = 200, Count = FanIn * FanOut;

    private static IEnumerable<Type> Types() => Plugin.ComponentTypes<IInitializer>();

    [TestCaseSource(nameof(Types))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<IInitializer>(type);

    [TestCaseSource(nameof(Types))]
    public void Initialize_SameSeed_GivesSameValues(Type type)
    {
        IInitializer initializer = Plugin.Create<IInitializer>(Plugin.NameOf(type));
        var first = new float[101];
        var second = new float[101];
        initializer.Initialize(first, 10, 7, new Random(3));
        initializer.Initialize(second, 10, 7, new Random(3));
        Assert.That(second, Is.EqualTo(first));
    }

    // name, expected mean, expected standard deviation, bound (|value| < bound, or 0 for unbounded)
    [TestCase("glorot_uniform", 0.0, 0.06324555, 0.10954451)]   // l = √(6/500), σ = l/√3
    [TestCase("xavier_normal", 0.0, 0.06324555, 0.0)]           // σ = √(2/500)
    [TestCase("he_uniform", 0.0, 0.08164966, 0.14142136)]       // l = √(6/300), σ = l/√3
    [TestCase("fan_in_uniform", 0.0, 0.03333333, 0.05773503)]   // l = √(1/300), σ = l/√3 (PyTorch's default)
    [TestCase("kaiming_normal", 0.0, 0.08164966, 0.0)]          // σ = √(2/300)
    [TestCase("lecun_normal", 0.0, 0.05773503, 0.0)]            // σ = √(1/300)
    [TestCase("random_normal", 0.0, 0.05, 0.0)]
    [TestCase("random_uniform", 0.0, 0.02886751, 0.05)]         // (max − min)/√12
    public void Initialize_ManyValues_HaveThePromisedDistribution(string name, double mean, double std, double bound)
    {
        var values = new float[Count];
        Plugin.Create<IInitializer>(name).Initialize(values, FanIn, FanOut, new Random(17));
        AssertDistribution(values, mean, std);
        if (bound > 0) Assert.That(values.Max(v => Math.Abs(v)), Is.LessThanOrEqualTo(bound));
        else Assert.That(values.Max(v => Math.Abs(v)), Is.GreaterThan(3 * std), "a normal (not truncated) reaches beyond 3σ in 60000 draws");
    }

    [Test]
    public void Normal_Options_SetMeanAndStd()
    {
        var values = new float[Count];
        Plugin.Create<IInitializer>("normal", new Dictionary<string, string?> { ["Mean"] = "1", ["Std"] = "2" })
            .Initialize(values, FanIn, FanOut, new Random(5));
        AssertDistribution(values, 1.0, 2.0);
    }

    [Test]
    public void Uniform_Options_SetTheRange()
    {
        var values = new float[Count];
        Plugin.Create<IInitializer>("uniform", new Dictionary<string, string?> { ["Min"] = "2", ["Max"] = "3" })
            .Initialize(values, FanIn, FanOut, new Random(5));
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(2f));
        Assert.That(values.Max(), Is.LessThan(3f));
        AssertDistribution(values, 2.5, 1 / Math.Sqrt(12));
    }

    [TestCase("zeros", null, 0f)]
    [TestCase("ones", null, 1f)]
    [TestCase("constant", null, 0f)]
    [TestCase("constant", "-0.25", -0.25f)]
    public void Initialize_Constants_FillEveryValue(string name, string? value, float expected)
    {
        var values = new float[13];
        values.AsSpan().Fill(7f);
        var options = value is null ? null : new Dictionary<string, string?> { ["Value"] = value };
        Plugin.Create<IInitializer>(name, options).Initialize(values, 3, 4, new Random(1));
        Assert.That(values, Is.All.EqualTo(expected));
    }

    [Test]
    public void Options_RoundTrip_Constant() => Conformance.AssertOptionsRoundTrip<IInitializer>(typeof(Constant), "constant",
        new Dictionary<string, string?> { ["Value"] = "0.5" });

    [Test]
    public void Options_RoundTrip_Normal() => Conformance.AssertOptionsRoundTrip<IInitializer>(typeof(RandomNormal), "normal",
        new Dictionary<string, string?> { ["Mean"] = "0.1", ["Std"] = "0.2" });

    [TestCase("he_uniform")]
    [TestCase("he_normal")]
    public void Options_RoundTrip_Kaiming(string name) => Conformance.AssertOptionsRoundTrip<IInitializer>(
        Plugin.Registry.Find<IInitializer>(name, "Test").ComponentType, name, new Dictionary<string, string?> { ["Gain"] = "1.5", ["Mode"] = "fan_out" });

    [Test]
    public void Options_RoundTrip_Uniform() => Conformance.AssertOptionsRoundTrip<IInitializer>(typeof(RandomUniform), "uniform",
        new Dictionary<string, string?> { ["Min"] = "-1", ["Max"] = "1.5" });

    // name, options, expected standard deviation: PyTorch's kaiming_*_(mode, gain) and xavier_*_(gain)
    [TestCase("he_normal", "Mode=fan_out", 0.1)]                  // √2/√200
    [TestCase("he_uniform", "Mode=fan_out", 0.1)]                 // l = √2·√(3/200), σ = l/√3
    [TestCase("he_normal", "Gain=1", 0.05773503)]                 // 1/√300: LeCun
    [TestCase("he_uniform", "Gain=3;Mode=fan_out", 0.21213203)]   // 3/√200
    [TestCase("glorot_uniform", "Gain=2", 0.12649111)]            // 2·√(2/500)
    [TestCase("glorot_normal", "Gain=1.6666666", 0.10540925)]     // 5/3·√(2/500): tanh's gain
    public void Initialize_GainAndMode_ScaleAsPyTorch(string name, string options, double std)
    {
        var values = new float[Count];
        var pairs = options.Split(';').Select(o => o.Split('=')).ToDictionary(p => p[0], p => (string?)p[1]);
        Plugin.Create<IInitializer>(name, pairs).Initialize(values, FanIn, FanOut, new Random(23));
        AssertDistribution(values, 0.0, std);
    }

    [TestCase("he_uniform", "Mode", "fan_avg")]
    [TestCase("he_normal", "Gain", "0")]
    [TestCase("glorot_uniform", "Gain", "-1")]
    [TestCase("uniform", "Min", "1", "Max")]   // Min 1 ≥ Max 0.05
    [TestCase("normal", "Std", "-1", "Std")]
    [TestCase("constant", "Value", "Infinity", "Value")]
    public void Create_InvalidOption_NamesTheKey(string name, string key, string value, string? reportedKey = null)
    {
        reportedKey ??= key;
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<IInitializer>(name, new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{reportedKey}"));
    }

    [Test]
    public void FanScaled_ZeroFanIn_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new HeNormal(new KaimingOptions()).Initialize(new float[4], 0, 4, new Random(1)));

    private static void AssertDistribution(float[] values, double mean, double std)
    {
        double actualMean = values.Average(v => (double)v);
        double actualStd = Math.Sqrt(values.Average(v => (v - actualMean) * (v - actualMean)));
        // 60000 draws: the sample mean is within 4σ/√n of the mean, and the sample σ within 2%.
        Assert.That(actualMean, Is.EqualTo(mean).Within(4 * std / Math.Sqrt(values.Length)), "mean");
        Assert.That(actualStd, Is.EqualTo(std).Within(0.02 * std), "standard deviation");
    }
}
