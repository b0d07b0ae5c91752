using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Charts;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Pipeline;

[Component("fake_ok")]
public sealed class FakeOkChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => true;

    public void Draw(RunResults results, ChartOutput output) => File.WriteAllText(output.PathFor("ok"), results.Experiment);
}

[Component("fake_throws")]
public sealed class FakeThrowingChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => true;

    public void Draw(RunResults results, ChartOutput output)
    {
        File.WriteAllText(output.PathFor("partial"), "half");
        throw new InvalidOperationException("drawing failed");
    }
}

[Component("fake_regression_only")]
public sealed class FakeRegressionChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => task == PredictionTask.Regression;

    public void Draw(RunResults results, ChartOutput output) => File.WriteAllText(output.PathFor("regression"), "");
}

/// <summary>Charts resolve by name, are checked against the task, and a failing one is skipped without a trace.</summary>
public sealed class ChartStageTests
{
    private static ComponentRegistry Registry()
    {
        var registry = new ComponentRegistry();
        registry.Add(typeof(FakeOkChart));
        registry.Add(typeof(FakeThrowingChart));
        registry.Add(typeof(FakeRegressionChart));
        return registry;
    }

    private static IConfigurationSection Kinds(params string[] names)
        => new ConfigurationBuilder().AddInMemoryCollection(names.Select((n, i) => new KeyValuePair<string, string?>($"Experiment:Charts:Kinds:{i}", n)))
            .Build().GetSection("Experiment:Charts:Kinds");

    private static RunResults Results() => new()
    {
        Experiment = "stage", Task = PredictionTask.Classification, InputShape = new TensorShape(2), Outputs = 2, Folds = [],
        EvaluatedOn = "test", Samples = 0, Inputs = [], Predictions = [], Targets = [], Predict = (_, _) => [],
    };

    [Test]
    public void Draw_ThrowingChartSkipped_OthersWritten_NoLeftovers()
    {
        var stage = ChartStage.Resolve(Registry(), new ChartSettings(), Kinds("fake_throws", "fake_ok"), NullLogger.Instance);
        Assert.That(stage.SelectFor(PredictionTask.Classification, new TensorShape(2), 2), Is.Empty);
        using var run = new TempDirectory();

        IReadOnlyList<string> skipped = stage.Draw(Results(), run.Path);

        Assert.That(skipped, Is.EqualTo(new[] { "fake_throws" }));
        Assert.That(Directory.GetFileSystemEntries(run.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "ok.png" }));
    }

    [Test]
    public void SelectFor_NamedChartThatDoesNotApply_IsAProblemNamingItAndTheTask()
    {
        var stage = ChartStage.Resolve(Registry(), new ChartSettings(), Kinds("fake_ok", "fake_regression_only"), NullLogger.Instance);

        var problems = stage.SelectFor(PredictionTask.Classification, new TensorShape(2), 2);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("fake_regression_only").And.Contain("classification").And.Contain("Experiment:Charts:Kinds"));
    }

    [Test]
    public void Default_EveryRegisteredChartThatApplies()
    {
        var stage = ChartStage.Resolve(Registry(), new ChartSettings(), Kinds(), NullLogger.Instance);

        Assert.That(stage.SelectFor(PredictionTask.Classification, new TensorShape(2), 2), Is.Empty);
        Assert.That(stage.Names, Is.EquivalentTo(new[] { "fake_ok", "fake_throws" }));
    }

    [Test]
    public void UnknownNames_AllReportedTogether()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ChartStage.Resolve(Registry(), new ChartSettings(), Kinds("nope", "fake_ok", "neither"), NullLogger.Instance))!;

        Assert.That(error.Message, Does.Contain("nope").And.Contain("neither").And.Contain("fake_ok"));
    }

    [Test]
    public void Disabled_DrawsNothing()
    {
        var stage = ChartStage.Resolve(Registry(), new ChartSettings { Enabled = false }, Kinds("fake_ok"), NullLogger.Instance);
        using var run = new TempDirectory();

        stage.Draw(Results(), run.Path);

        Assert.That(Directory.GetFileSystemEntries(run.Path), Is.Empty);
    }
}
