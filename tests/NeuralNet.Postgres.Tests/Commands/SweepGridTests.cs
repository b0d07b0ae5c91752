using System.Text.Json.Nodes;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Host.Commands;

namespace NeuralNet.Postgres.Tests.Commands;

/// <summary>The sweep's grid against an experiment, and the ranking <c>runs compare</c> prints; no database.</summary>
public sealed class SweepGridTests
{
    private static JsonObject File() => JsonNode.Parse("""
        { "Experiment": { "Name": "spiral", "Seed": "7", "Optimizer": { "Type": "adam", "LearningRate": "0.01" },
          "Model": { "Layers": [ { "Type": "dense", "Units": "100" }, { "Type": "dense" } ] } } }
        """)!.AsObject();

    [Test]
    public void Parse_KeysTheExperimentHas_CaseInsensitiveAndThroughArrays_AllCombinationsInOrder()
    {
        SweepGrid grid = SweepGrid.Parse(["optimizer:learningrate=0.1,0.2", "Experiment:Model:Layers:0:Units=4,8,16"], File());
        var trials = grid.Trials(null, 0);
        Assert.That(trials, Has.Count.EqualTo(6));
        Assert.That(trials[1], Is.EquivalentTo(new Dictionary<string, string> { ["optimizer:learningrate"] = "0.1", ["Model:Layers:0:Units"] = "8" }));
        JsonObject applied = grid.Apply(File(), trials[5]);
        Assert.That(applied["Experiment"]!["Optimizer"]!["LearningRate"]!.ToString(), Is.EqualTo("0.2"));
        Assert.That(applied["Experiment"]!["Model"]!["Layers"]![0]!["Units"]!.ToString(), Is.EqualTo("16"));
        Assert.That(applied["Experiment"]!["Model"]!["Layers"]![1]!["Units"], Is.Null, "Nothing else changes.");
    }

    [Test]
    public void Parse_EveryProblemReportedTogether_NothingEnqueued()
    {
        var e = Assert.Throws<ConfigurationException>(() => SweepGrid.Parse(
            ["Optimizer:LernRate=0.1,0.2", "Model:Layers:2:Units=4", "Optimizer=1,2", "Seed", "Seed=1,1", "Optimizer:LearningRate=0.1,"], File()))!;
        Assert.That(e.Key, Is.EqualTo("--grid"));
        Assert.That(e.Message, Does.Contain("'Optimizer:LernRate' is not a value").And.Contain("'Model:Layers:2:Units' is not a value")
            .And.Contain("'Optimizer' is not a value").And.Contain("'Seed' is not KEY=v1,v2").And.Contain("repeats a value")
            .And.Contain("has an empty value").And.EndWith("Nothing was enqueued."));
    }

    [Test]
    public void Trials_Random_DrawsDistinctCombinationsReproducibly_AndRefusesMoreThanTheGrid()
    {
        SweepGrid grid = SweepGrid.Parse(["Seed=1,2,3,4", "Optimizer:LearningRate=0.1,0.2,0.3"], File());
        var drawn = grid.Trials(5, seed: 3);
        Assert.That(drawn, Has.Count.EqualTo(5));
        Assert.That(drawn.Select(t => string.Join(",", t.Values)).Distinct().Count(), Is.EqualTo(5));
        Assert.That(grid.Trials(5, seed: 3).Select(t => string.Join(",", t.Values)), Is.EqualTo(drawn.Select(t => string.Join(",", t.Values))));
        Assert.Throws<ConfigurationException>(() => grid.Trials(13, seed: 3));
    }

    [Test]
    public void RunRanking_BestFirstEitherDirection_RunsWithoutTheMetricLast()
    {
        RunRecord Run(string id, double? accuracy) => new(id, "spiral", id, accuracy is null ? "running" : "completed", null, null, 1, DateTimeOffset.UnixEpoch, null, null,
            new Dictionary<string, string>(), accuracy is double a ? new Dictionary<string, double> { ["val_accuracy"] = a } : [], new Dictionary<string, Uri>(), [], null, []);
        RunRecord[] runs = [Run("a", 0.5), Run("b", null), Run("c", 0.9), Run("d", 0.7)];
        Assert.That(RunRanking.Best(runs, "val_accuracy", lowerIsBetter: false).Select(r => r.RunId), Is.EqualTo(new[] { "c", "d", "a", "b" }));
        Assert.That(RunRanking.Best(runs, "val_accuracy", lowerIsBetter: true).Select(r => r.RunId), Is.EqualTo(new[] { "a", "d", "c", "b" }));
    }
}
