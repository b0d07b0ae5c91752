using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>
/// Targets as each loss reads them, through the whole pipeline from an experiment JSON: sparse categorical
/// cross-entropy (class indices) trains to the same weights as categorical cross-entropy (one-hot rows), and class
/// weights on binary cross-entropy resolve against the data (balanced from the training split, or by name).
/// </summary>
[NonParallelizable]
public sealed class LossTargetsPipelineTests
{
    private const string Spiral = """
        {
          "Experiment": {
            "Name": "spiral", "Seed": 5,
            "Data": { "Type": "spiral", "Samples": 600, "Classes": 3 },
            "Validation": { "Type": "holdout", "ValidationFraction": 0.2, "TestFraction": 0.2 },
            "Model": { "Layers": [ { "Type": "dense", "Units": 32, "Activation": "relu" }, { "Type": "dense", "Activation": "softmax" } ] },
            "Loss": "sparse_categorical_crossentropy",
            "Optimizer": { "Type": "adam", "LearningRate": 0.01 },
            "Metrics": [ "accuracy", "log_loss", { "Type": "f1", "Average": "macro" } ],
            "Training": { "Epochs": 6, "BatchSize": 32 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    private static RunResult Run(string json, string root, params (string Key, string? Value)[] overrides) => ExperimentRun.Run(json, root, overrides);

    private static byte[] Weights(RunResult run) => ExperimentRun.Weights(run);

    /// <summary>
    /// Bitwise, not just close: fused with softmax, both losses' gradients are (softmax(z) − onehot(k))/B computed the
    /// same way (one-hot's Σt = 1 and its zeros add exactly), so every optimizer step, hence every weight, is equal;
    /// the loss values agree exactly too (lse − z_k either way). Metrics see one-hot rows under both.
    /// </summary>
    [Test]
    public void Sparse_FromConfig_TrainsToTheSameWeightsAsCategorical()
    {
        using var sparseRoot = new TempDirectory();
        using var denseRoot = new TempDirectory();
        RunResult sparse = Run(Spiral, sparseRoot.Path);
        RunResult dense = Run(Spiral, denseRoot.Path, ("Experiment:Loss", "categorical_crossentropy"));

        Assert.That(sparse.Report["model"]!["loss"]!.GetValue<string>(), Is.EqualTo("sparse_categorical_crossentropy"));
        Assert.That(sparse.Report["data"]!["outputs"]!.GetValue<int>(), Is.EqualTo(3), "one output per class, though one index per sample is read");
        Assert.That(Weights(sparse), Is.EqualTo(Weights(dense)));
        foreach (string part in new[] { "validation", "test" })
            Assert.That(sparse.Report[part]!.ToJsonString(), Is.EqualTo(dense.Report[part]!.ToJsonString()), part);
        Assert.That(Untimed(sparse.Report["history"]!), Is.EqualTo(Untimed(dense.Report["history"]!)));
        Assert.That(sparse.Report["confusion_matrix"]!.ToJsonString(), Is.EqualTo(dense.Report["confusion_matrix"]!.ToJsonString()));
        Assert.That(sparse.Report["test"]!["accuracy"]!.GetValue<double>(), Is.GreaterThan(0.5), "it learns");
    }

    /// <summary>Each epoch's losses and metrics, without its wall-clock seconds.</summary>
    private static string[] Untimed(JsonNode history) => history.AsArray().Select(e =>
    {
        var copy = e!.DeepClone().AsObject();
        copy.Remove("seconds");
        return copy.ToJsonString();
    }).ToArray();

    [Test]
    public void Sparse_OnRegressionData_IsAConfigurationErrorNamingTheLoss()
    {
        using var root = new TempDirectory();
        string withoutMetrics = Spiral.Replace("""
            "Metrics": [ "accuracy", "log_loss", { "Type": "f1", "Average": "macro" } ],
            """, "", StringComparison.Ordinal);
        Assert.That(withoutMetrics, Does.Not.Contain("Metrics"));
        var error = Assert.Throws<ConfigurationException>(() => Run(withoutMetrics, root.Path,
            ("Experiment:Data:Type", "sine"), ("Experiment:Data:Classes", "")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Loss"));
        Assert.That(error.Message, Does.Contain("regression"));
        Assert.That(Directory.Exists(Path.Combine(root.Path, "runs", "spiral")), Is.False, "nothing written");
    }

    private const string Imbalanced = """
        {
          "Experiment": {
            "Name": "imbalanced", "Seed": 3,
            "Data": { "Type": "csv", "Path": "imbalanced.csv", "Target": "label" },
            "Validation": { "Type": "holdout", "ValidationFraction": 0, "TestFraction": 0 },
            "Model": { "Layers": [ { "Type": "dense", "Units": 8, "Activation": "tanh" }, { "Type": "dense", "Activation": "sigmoid" } ] },
            "Loss": { "Type": "binary_crossentropy", "ClassWeights": "balanced" },
            "Optimizer": { "Type": "adam", "LearningRate": 0.05 },
            "Training": { "Epochs": 5, "BatchSize": 16 },
            "Charts": { "Enabled": false }
          }
        }
        """;

    /// <summary>64 samples of class "a", 16 of "b": balanced weights 80 / (2·64) = 0.625 and 80 / (2·16) = 2.5, exactly.</summary>
    private static void WriteImbalanced(string root)
    {
        var csv = new StringBuilder("x1,x2,label\n");
        var random = new Random(1);
        for (int i = 0; i < 80; i++)
        {
            bool b = i % 5 == 0;
            csv.Append(CultureInfo.InvariantCulture, $"{random.NextDouble() + (b ? 0.4 : 0):F4},{random.NextDouble():F4},{(b ? "b" : "a")}\n");
        }
        File.WriteAllText(Path.Combine(root, "imbalanced.csv"), csv.ToString());
    }

    [Test]
    public void BinaryOneOutput_BalancedClassWeights_EqualTheWeightsTheyStandFor()
    {
        using var balancedRoot = new TempDirectory();
        using var namedRoot = new TempDirectory();
        using var plainRoot = new TempDirectory();
        foreach (string root in new[] { balancedRoot.Path, namedRoot.Path, plainRoot.Path }) WriteImbalanced(root);

        RunResult balanced = Run(Imbalanced, balancedRoot.Path);
        RunResult named = Run(Imbalanced, namedRoot.Path, ("Experiment:Loss:ClassWeights", null), ("Experiment:Loss:ClassWeights:a", "0.625"), ("Experiment:Loss:ClassWeights:b", "2.5"));
        RunResult plain = Run(Imbalanced, plainRoot.Path, ("Experiment:Loss:ClassWeights", null));

        Assert.That(balanced.Report["data"]!["outputs"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Weights(balanced), Is.EqualTo(Weights(named)));
        Assert.That(Weights(balanced), Is.Not.EqualTo(Weights(plain)), "the weights change training");
    }

    [Test]
    public void MultiLabel_BalancedClassWeights_IsAConfigurationErrorNamingTheKey()
    {
        using var root = new TempDirectory();
        var csv = new StringBuilder("x1,x2,y1,y2\n");
        for (int i = 0; i < 20; i++) csv.Append(CultureInfo.InvariantCulture, $"{i * 0.1:F1},{i % 3},{i % 2},{(i % 3 == 0 ? 1 : 0)}\n");
        File.WriteAllText(Path.Combine(root.Path, "imbalanced.csv"), csv.ToString());

        var error = Assert.Throws<ConfigurationException>(() => Run(Imbalanced, root.Path,
            ("Experiment:Data:Target", null), ("Experiment:Data:Targets:0", "y1"), ("Experiment:Data:Targets:1", "y2"),
            ("Experiment:Metrics:0", "hamming_loss")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Loss:ClassWeights"));
        Assert.That(error.Message, Does.Contain("multi-label"));
    }
}
