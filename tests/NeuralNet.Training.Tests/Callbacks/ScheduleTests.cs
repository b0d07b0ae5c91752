using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Testing;
using NeuralNet.Training.Tests.Support;

namespace NeuralNet.Training.Tests.Callbacks;

/// <summary>Every schedule's learning rate per epoch against PyTorch's schedulers (References/make_schedule_references.py).</summary>
public sealed class ScheduleTests
{
    private static readonly JsonArray Cases = ReferenceData.Load("tests/NeuralNet.Training.Tests/References/schedule_references.json")["cases"]!.AsArray();

    private static IEnumerable<TestCaseData> All()
        => Cases.Select((c, i) => new TestCaseData(i).SetArgDisplayNames($"{c!["callback"]} {c["options"]!.ToJsonString()}"));

    [TestCaseSource(nameof(All))]
    public void LearningRates_MatchPyTorch(int index)
    {
        JsonObject c = Cases[index]!.AsObject();
        var options = c["options"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string?)kv.Value!.ToString());
        ICallback schedule = Support.Callbacks.Create(c["callback"]!.GetValue<string>(), options);
        int epochs = c["epochs"]!.GetValue<int>();
        var context = new FakeContext(epochs, c["base"]!.GetValue<float>());
        double[] expected = c["rates"]!.AsArray().Select(r => r!.GetValue<double>()).ToArray();
        double[]? values = c["values"] is JsonArray v ? v.Select(x => x!.GetValue<double>()).ToArray() : null;
        bool accuracy = options.GetValueOrDefault("Monitor") == "val_accuracy";

        schedule.OnTrainBegin(context);
        var rates = new double[epochs];
        for (int e = 0; e < epochs; e++)
            rates[e] = accuracy ? context.RunEpoch([schedule], 1.0, values![e]) : context.RunEpoch([schedule], values?[e] ?? 1.0);

        for (int e = 0; e < epochs; e++)
            Assert.That(rates[e], Is.EqualTo(expected[e]).Within(1e-6 * expected[e] + 1e-12), $"epoch {e + 1}");
    }

    [Test]
    public void References_CoverEverySchedule()
        => Assert.That(Cases.Select(c => c!["callback"]!.GetValue<string>()).Distinct(),
            Is.EquivalentTo(new[] { "step", "exponential", "cosine", "reduce_on_plateau" }));

    [Test]
    public void Schedule_DependsOnlyOnTheEpoch_SoAResumedRunSetsTheSameRate()
    {
        ICallback fresh = Support.Callbacks.Create("cosine", new Dictionary<string, string?> { ["WarmupEpochs"] = "2" });
        var context = new FakeContext(10, 0.01f);
        fresh.OnTrainBegin(context);
        var rates = Enumerable.Range(0, 10).Select(_ => context.RunEpoch([fresh], 1.0)).ToArray();

        // A new instance that starts at epoch 7 (as after a resume) sets epoch 7's rate.
        ICallback resumed = Support.Callbacks.Create("cosine", new Dictionary<string, string?> { ["WarmupEpochs"] = "2" });
        var later = new FakeContext(10, 0.01f);
        resumed.OnTrainBegin(later);
        for (int e = 0; e < 6; e++) later.RunEpoch([], 1.0);
        Assert.That(later.RunEpoch([resumed], 1.0), Is.EqualTo(rates[6]));
    }

    [Test]
    public void ReduceOnPlateau_StateSurvivesSaveAndLoad()
    {
        var options = new Dictionary<string, string?> { ["Patience"] = "2" };
        double[] losses = [1.0, 0.9, 0.95, 0.96, 0.97, 0.89, 0.9, 0.91, 0.92, 0.93];
        ICallback whole = Support.Callbacks.Create("reduce_on_plateau", options);
        var a = new FakeContext(10, 0.1f);
        whole.OnTrainBegin(a);
        float[] expected = losses.Select(l => a.RunEpoch([whole], l)).ToArray();

        ICallback first = Support.Callbacks.Create("reduce_on_plateau", options);
        var b = new FakeContext(10, 0.1f);
        first.OnTrainBegin(b);
        var rates = losses.Take(4).Select(l => b.RunEpoch([first], l)).ToList();
        JsonObject state = first.SaveState()!;
        ICallback second = Support.Callbacks.Create("reduce_on_plateau", options);
        second.OnTrainBegin(b);
        second.LoadState(JsonNode.Parse(state.ToJsonString())!.AsObject());
        rates.AddRange(losses.Skip(4).Select(l => b.RunEpoch([second], l)));
        Assert.That(rates, Is.EqualTo(expected));
        Assert.That(expected.Distinct().Count(), Is.GreaterThan(1), "The sequence never reduced the rate: the test would prove nothing.");
    }

    [TestCase("step", "StepSize", "0")]
    [TestCase("step", "Gamma", "-0.5")]
    [TestCase("exponential", "Gamma", "0")]
    [TestCase("cosine", "MinLearningRate", "-1")]
    [TestCase("cosine", "WarmupStartFactor", "1.5")]
    [TestCase("reduce_on_plateau", "Factor", "1")]
    [TestCase("reduce_on_plateau", "Patience", "-1")]
    [TestCase("early_stopping", "Patience", "-1")]
    [TestCase("early_stopping", "MinDelta", "-0.1")]
    [TestCase("checkpoint", "KeepLast", "-2")]
    public void OutOfRangeOption_IsRejected_NamingTheKey(string name, string key, string value)
    {
        var error = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => Support.Callbacks.Create(name, new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Message, Does.Contain(key));
    }

    [Test]
    public void Cosine_WarmupLongerThanTheRun_IsReported()
    {
        ICallback cosine = Support.Callbacks.Create("cosine", new Dictionary<string, string?> { ["WarmupEpochs"] = "10" });
        string[] problems = cosine.Check(new TrainingPlan("Experiment:Callbacks:0", 10, true, new Dictionary<string, bool> { ["loss"] = false })).ToArray();
        Assert.That(problems, Has.Length.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("Experiment:Callbacks:0:WarmupEpochs").And.Contain(10.ToString(CultureInfo.InvariantCulture)));
    }
}
