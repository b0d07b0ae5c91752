using System.Text.Json.Nodes;
using NeuralNet.Activations;
using NeuralNet.Losses;
using NeuralNet.Nn.Losses;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Losses;

/// <summary>
/// Every loss the plugin registers: resolution by name, finite-difference gradient checks (from predictions, and
/// from logits for fused losses), PyTorch's values from References/losses.json, and numerical stability.
/// </summary>
public class LossTests
{
    private static IEnumerable<Type> Types() => Plugin.ComponentTypes<ILoss>();

    private static JsonNode Reference => References.Load("losses.json");

    [TestCaseSource(nameof(Types))]
    public void Resolve_NameAndAliases_FindTheType(Type type) => Conformance.AssertResolvesByName<ILoss>(type);

    [Test]
    public void References_CoverEveryRegisteredLoss()
    {
        JsonNode reference = Reference;
        var referenced = reference["regression"]!["cases"]!.AsArray().Select(e => e!["name"]!.GetValue<string>())
            .Concat(reference.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.That(Plugin.Registry.KnownNames<ILoss>(), Is.SubsetOf(referenced),
            "Add the new loss to References/make_references.py and regenerate.");
    }

    [TestCase("mean_squared_error")]
    [TestCase("mean_absolute_error")]
    public void Regression_MatchesPyTorch(string name)
    {
        JsonNode regression = Reference["regression"]!;
        JsonNode entry = regression["cases"]!.AsArray().First(e => e!["name"]!.GetValue<string>() == name)!;
        AssertMatches(Plugin.Create<ILoss>(name), regression["predictions"], regression["targets"], entry["loss"], entry["gradient"]);
    }

    [TestCase("binary_crossentropy", "binary_crossentropy")]
    [TestCase("categorical_crossentropy", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_label_smoothing", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_class_weights", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_class_weights_smoothing", "categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy", "sparse_categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy_class_weights", "sparse_categorical_crossentropy")]
    [TestCase("binary_crossentropy_class_weights_pos_weight", "binary_crossentropy")]
    [TestCase("binary_crossentropy_one_output_class_weights", "binary_crossentropy")]
    [TestCase("hinge", "hinge")]
    [TestCase("kl_divergence", "kl_divergence")]
    public void FromProbabilities_MatchesPyTorch(string key, string name)
    {
        JsonNode entry = Reference[key]!;
        AssertMatches(WithClassWeights(Plugin.Create<ILoss>(name, References.Options(entry["options"])), entry),
            entry["predictions"], entry["targets"], entry["loss"], entry["gradient"]);
    }

    /// <summary>Hands the loss the entry's resolved class weights, as the engine does, when it has them.</summary>
    private static ILoss WithClassWeights(ILoss loss, JsonNode entry)
    {
        if (entry["class_weights"] is JsonNode weights) ((IClassWeightedLoss)loss).UseClassWeights(References.Floats(weights));
        return loss;
    }

    [Test]
    public void ClassWeights_GradientsMatchFiniteDifferences()
    {
        var loss = (CategoricalCrossEntropy)Plugin.Create<ILoss>("categorical_crossentropy", new Dictionary<string, string?> { ["LabelSmoothing"] = "0.1" });
        loss.UseClassWeights([0.5f, 2f, 1f, 3f, 0.25f]);
        Tensor targets = Plugin.OneHot(4, 5);
        GradientCheck.AssertLoss(loss, Plugin.Uniform(4, new TensorShape(5), seed: 3, 0.05f, 0.95f), targets, epsilon: 1e-3f);
        GradientCheck.AssertFusedLoss(loss, Plugin.Uniform(4, new TensorShape(5), seed: 5, -3f, 3f), targets);
    }

    [Test]
    public void ClassWeights_Binary_GradientsMatchFiniteDifferences()
    {
        // One output per label (3 columns) with PosWeight, and one output for two classes.
        var loss = (BinaryCrossEntropy)Plugin.Create<ILoss>("binary_crossentropy", new Dictionary<string, string?> { ["PosWeight"] = "2.5" });
        loss.UseClassWeights([0.5f, 2f, 1.5f]);
        Tensor targets = Plugin.OneHot(4, 3);
        targets[3, 0] = 0.3f; // a soft target too
        GradientCheck.AssertLoss(loss, Plugin.Uniform(4, new TensorShape(3), seed: 3, 0.05f, 0.95f), targets, epsilon: 1e-3f);
        GradientCheck.AssertFusedLoss(loss, Plugin.Uniform(4, new TensorShape(3), seed: 5, -3f, 3f), targets);

        var twoClasses = (BinaryCrossEntropy)Plugin.Create<ILoss>("binary_crossentropy");
        twoClasses.UseClassWeights([0.25f, 4f]);
        var oneColumn = new Tensor([0f, 1f, 1f, 0f], 4, new TensorShape(1));
        GradientCheck.AssertLoss(twoClasses, Plugin.Uniform(4, new TensorShape(1), seed: 7, 0.05f, 0.95f), oneColumn, epsilon: 1e-3f);
        GradientCheck.AssertFusedLoss(twoClasses, Plugin.Uniform(4, new TensorShape(1), seed: 9, -3f, 3f), oneColumn);
    }

    [Test]
    public void ClassWeights_Sparse_GradientsMatchFiniteDifferences()
    {
        var loss = (SparseCategoricalCrossEntropy)Plugin.Create<ILoss>("sparse_categorical_crossentropy");
        loss.UseClassWeights([0.5f, 2f, 1f, 3f, 0.25f]);
        var classes = new Tensor([0f, 2f, 4f, 1f], 4, new TensorShape(1));
        GradientCheck.AssertLoss(loss, Plugin.Uniform(4, new TensorShape(5), seed: 3, 0.05f, 0.95f), classes, epsilon: 1e-3f);
        GradientCheck.AssertFusedLoss(loss, Plugin.Uniform(4, new TensorShape(5), seed: 5, -3f, 3f), classes);
    }

    [Test]
    public void ClassWeights_Sparse_EqualCategoricalWithTheSameWeights()
    {
        Tensor logits = Plugin.Uniform(4, new TensorShape(5), seed: 6, -3f, 3f);
        var classes = new Tensor([0f, 2f, 4f, 1f], 4, new TensorShape(1)); // Plugin.OneHot's classes: 2i mod 5
        float[] weights = [0.5f, 2f, 1f, 3f, 0.25f];
        var sparse = (SparseCategoricalCrossEntropy)Plugin.Create<ILoss>("sparse_categorical_crossentropy");
        var dense = (CategoricalCrossEntropy)Plugin.Create<ILoss>("categorical_crossentropy");
        sparse.UseClassWeights(weights);
        dense.UseClassWeights(weights);
        Tensor g1 = new(4, 5), g2 = new(4, 5);
        sparse.BackwardFromLogits(logits, classes, g1);
        dense.BackwardFromLogits(logits, Plugin.OneHot(4, 5), g2);
        Assert.That(sparse.ForwardFromLogits(logits, classes), Is.EqualTo(dense.ForwardFromLogits(logits, Plugin.OneHot(4, 5))).Within(1e-6f));
        Expect.Close(g1.ReadOnlySpan, g2.ReadOnlySpan.ToArray(), "weighted sparse vs weighted one-hot gradient");
    }

    [Test]
    public void Sparse_DeclaresClassIndexTargets_OthersOneHot()
    {
        Assert.That(Plugin.Create<ILoss>("sparse_categorical_crossentropy").TargetEncoding, Is.EqualTo(TargetEncoding.ClassIndex));
        Assert.That(Plugin.Create<ILoss>("categorical_crossentropy").TargetEncoding, Is.EqualTo(TargetEncoding.OneHot));
        Assert.That(Plugin.Create<ILoss>("binary_crossentropy").TargetEncoding, Is.EqualTo(TargetEncoding.OneHot));
    }

    [TestCase("categorical_crossentropy", "balanced")]
    [TestCase("categorical_crossentropy", "BALANCED")]
    [TestCase("sparse_categorical_crossentropy", "balanced")]
    [TestCase("binary_crossentropy", "balanced")]
    public void ClassWeights_Balanced_Binds(string name, string value)
    {
        var loss = (IClassWeightedLoss)Plugin.Create<ILoss>(name, new Dictionary<string, string?> { ["ClassWeights"] = value });
        Assert.That(loss.ClassWeights!.Balanced, Is.True);
        Conformance.AssertOptionsRoundTrip<ILoss>(Plugin.Registry.Find<ILoss>(name, "Test").ComponentType, name, new Dictionary<string, string?> { ["ClassWeights"] = value });
    }

    [TestCase("mean_squared_error")]
    [TestCase("mean_absolute_error")]
    [TestCase("huber")]
    [TestCase("hinge")]
    [TestCase("kl_divergence")]
    public void ClassWeights_OnALossThatCannotTakeThem_IsRejectedNamingTheKey(string name)
    {
        var error = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => Plugin.Create<ILoss>(name, new Dictionary<string, string?> { ["ClassWeights"] = "balanced" }))!;
        Assert.That(error.Key, Is.EqualTo("Test:ClassWeights"));
    }

    [Test]
    public void ClassWeights_ByName_BindAndRoundTrip()
    {
        var options = new Dictionary<string, string?> { ["ClassWeights:setosa"] = "2", ["ClassWeights:virginica"] = "0.5" };
        var loss = (IClassWeightedLoss)Plugin.Create<ILoss>("categorical_crossentropy", options);
        Assert.That(loss.ClassWeights!.Named, Is.EquivalentTo(new Dictionary<string, float> { ["setosa"] = 2f, ["virginica"] = 0.5f }));
        Conformance.AssertOptionsRoundTrip<ILoss>(typeof(CategoricalCrossEntropy), "categorical_crossentropy", options);
        Conformance.AssertOptionsRoundTrip<ILoss>(typeof(CategoricalCrossEntropy), "categorical_crossentropy", new Dictionary<string, string?> { ["ClassWeights"] = "balanced" });
    }

    [TestCase("ClassWeights", "heavy", "Test:ClassWeights")]
    [TestCase("ClassWeights:setosa", "-1", "Test:ClassWeights:setosa")]
    [TestCase("ClassWeights:setosa", "lots", "Test:ClassWeights:setosa")]
    public void ClassWeights_Invalid_NamesTheKey(string key, string value, string reported)
    {
        var error = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => Plugin.Create<ILoss>("categorical_crossentropy", new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo(reported));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Huber_MatchesPyTorch(int index)
    {
        JsonNode huber = Reference["huber"]!;
        JsonNode entry = huber["cases"]![index]!;
        AssertMatches(Plugin.Create<ILoss>("huber", References.Options(entry["options"])), huber["predictions"], huber["targets"], entry["loss"], entry["gradient"]);
    }

    [TestCase("binary_crossentropy", "binary_crossentropy")]
    [TestCase("categorical_crossentropy", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_label_smoothing", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_class_weights", "categorical_crossentropy")]
    [TestCase("categorical_crossentropy_class_weights_smoothing", "categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy", "sparse_categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy_class_weights", "sparse_categorical_crossentropy")]
    [TestCase("binary_crossentropy_class_weights_pos_weight", "binary_crossentropy")]
    [TestCase("binary_crossentropy_one_output_class_weights", "binary_crossentropy")]
    public void FromLogits_MatchesPyTorch(string key, string name)
    {
        JsonNode entry = Reference[key]!;
        var loss = (IFusedLoss)WithClassWeights(Plugin.Create<ILoss>(name, References.Options(entry["options"])), entry);
        Tensor logits = References.Tensor(entry["logits"]), targets = References.Tensor(entry["targets"]);
        var gradient = new Tensor(logits.BatchSize, logits.SampleShape);

        float value = loss.ForwardFromLogits(logits, targets);
        loss.BackwardFromLogits(logits, targets, gradient);

        Expect.Close(value, entry["loss_from_logits"]!.GetValue<float>(), $"{name} loss from logits");
        Expect.Close(gradient.ReadOnlySpan, References.Floats(entry["gradient_from_logits"]), $"{name} gradient from logits");
    }

    [TestCase("mean_squared_error", null)]
    [TestCase("mean_absolute_error", null)]
    [TestCase("huber", null)]
    [TestCase("huber", "0.3")] // differences of 0.1 to 1 lie on both sides of Delta
    public void Backward_Regression_MatchesFiniteDifferences(string name, string? delta)
    {
        Tensor predictions = Plugin.Uniform(5, new TensorShape(3), seed: 1, -2f, 2f);
        Tensor targets = predictions.Clone();
        AddInPlace(targets, Plugin.AwayFromZero(5, new TensorShape(3), seed: 2, low: 0.1f, high: 1f)); // |p − t| ≥ 0.1: off the kink
        var options = delta is null ? null : new Dictionary<string, string?> { ["Delta"] = delta };
        GradientCheck.AssertLoss(Plugin.Create<ILoss>(name, options), predictions, targets);
    }

    [TestCase("binary_crossentropy", null)]
    [TestCase("categorical_crossentropy", null)]
    [TestCase("categorical_crossentropy", "0.2")]
    [TestCase("kl_divergence", null)]
    public void Backward_Probabilities_MatchesFiniteDifferences(string name, string? smoothing)
    {
        Tensor predictions = Plugin.Uniform(4, new TensorShape(5), seed: 3, 0.05f, 0.95f);
        Tensor targets = Plugin.OneHot(4, 5);
        targets[3, 0] = 0.3f; // a soft target too
        var options = smoothing is null ? null : new Dictionary<string, string?> { ["LabelSmoothing"] = smoothing };
        GradientCheck.AssertLoss(Plugin.Create<ILoss>(name, options), predictions, targets, epsilon: 1e-3f);
    }

    [Test]
    public void Backward_Hinge_MatchesFiniteDifferences()
    {
        // Scores whose margins 1 − y·p stay at least 0.1 from the kink at 0.
        Tensor targets = Plugin.OneHot(4, 5);
        Tensor predictions = Plugin.AwayFromZero(4, new TensorShape(5), seed: 4, low: 0.1f, high: 0.9f);
        for (int i = 0; i < predictions.Length; i += 3) predictions.Buffer[i] += 2 * MathF.Sign(predictions.Buffer[i]);
        GradientCheck.AssertLoss(Plugin.Create<ILoss>("hinge"), predictions, targets);
    }

    [Test]
    public void Backward_Sparse_MatchesFiniteDifferences()
    {
        Tensor predictions = Plugin.Uniform(4, new TensorShape(5), seed: 3, 0.05f, 0.95f);
        var classes = new Tensor([0f, 2f, 4f, 1f], 4, new TensorShape(1));
        var loss = (IFusedLoss)Plugin.Create<ILoss>("sparse_categorical_crossentropy");
        GradientCheck.AssertLoss(loss, predictions, classes, epsilon: 1e-3f);
        GradientCheck.AssertFusedLoss(loss, Plugin.Uniform(4, new TensorShape(5), seed: 5, -3f, 3f), classes);
    }

    [TestCase("binary_crossentropy", null)]
    [TestCase("categorical_crossentropy", null)]
    [TestCase("categorical_crossentropy", "0.2")]
    public void BackwardFromLogits_MatchesFiniteDifferences(string name, string? smoothing)
    {
        Tensor logits = Plugin.Uniform(4, new TensorShape(5), seed: 5, -3f, 3f);
        Tensor targets = Plugin.OneHot(4, 5);
        var options = smoothing is null ? null : new Dictionary<string, string?> { ["LabelSmoothing"] = smoothing };
        GradientCheck.AssertFusedLoss((IFusedLoss)Plugin.Create<ILoss>(name, options), logits, targets);
    }

    [Test]
    public void Sparse_EqualsCategoricalOnOneHotRows()
    {
        Tensor logits = Plugin.Uniform(4, new TensorShape(5), seed: 6, -3f, 3f);
        Tensor oneHot = Plugin.OneHot(4, 5);
        var classes = new Tensor([0f, 2f, 4f, 1f], 4, new TensorShape(1)); // Plugin.OneHot's classes: 2i mod 5
        var sparse = (IFusedLoss)Plugin.Create<ILoss>("sparse_categorical_crossentropy");
        var dense = (IFusedLoss)Plugin.Create<ILoss>("categorical_crossentropy");
        Tensor g1 = new(4, 5), g2 = new(4, 5);
        sparse.BackwardFromLogits(logits, classes, g1);
        dense.BackwardFromLogits(logits, oneHot, g2);
        Assert.That(sparse.ForwardFromLogits(logits, classes), Is.EqualTo(dense.ForwardFromLogits(logits, oneHot)).Within(1e-6f));
        Expect.Close(g1.ReadOnlySpan, g2.ReadOnlySpan.ToArray(), "sparse vs one-hot gradient");
    }

    [TestCase(5f)]
    [TestCase(-1f)]
    [TestCase(1.5f)]
    [TestCase(float.NaN)]
    public void Sparse_TargetNotAClassIndex_ThrowsNamingTheRow(float bad)
    {
        var classes = new Tensor([0f, bad], 2, new TensorShape(1));
        var error = Assert.Throws<ArgumentException>(() => Plugin.Create<ILoss>("sparse_categorical_crossentropy").Forward(new Tensor(2, 5), classes))!;
        Assert.That(error.Message, Does.Contain("Row 1").And.Contain("[0, 5)"));
    }

    [Test]
    public void Sparse_OneHotTargets_ThrowsNamingTheExpectedShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Plugin.Create<ILoss>("sparse_categorical_crossentropy").Forward(new Tensor(4, 5), new Tensor(4, 5)))!;
        Assert.That(error.Message, Does.Contain("[4, 1]"));
    }

    [TestCase("huber", "Delta", "0")]
    [TestCase("huber", "Delta", "-1")]
    [TestCase("binary_crossentropy", "PosWeight", "0")]
    [TestCase("binary_crossentropy", "PosWeight", "-2")]
    [TestCase("categorical_crossentropy", "LabelSmoothing", "1.5")]
    [TestCase("categorical_crossentropy", "LabelSmoothing", "-0.1")]
    public void Create_OptionOutOfRange_NamesTheKey(string name, string key, string value)
    {
        var error = Assert.Throws<NeuralNet.Errors.ConfigurationException>(() => Plugin.Create<ILoss>(name, new Dictionary<string, string?> { [key] = value }))!;
        Assert.That(error.Key, Is.EqualTo($"Test:{key}"));
    }

    [TestCase("huber", "Delta", "0.25")]
    [TestCase("categorical_crossentropy", "LabelSmoothing", "0.1")]
    [TestCase("binary_crossentropy", "PosWeight", "3")]
    public void Options_RoundTrip_KeepTheOption(string name, string key, string value)
        => Conformance.AssertOptionsRoundTrip<ILoss>(Plugin.Registry.Find<ILoss>(name, "Test").ComponentType, name,
            new Dictionary<string, string?> { [key] = value });

    [TestCase("binary_crossentropy", "sigmoid")]
    [TestCase("categorical_crossentropy", "softmax")]
    [TestCase("sparse_categorical_crossentropy", "softmax")]
    public void FusedActivation_IsARegisteredActivationName(string name, string activation)
    {
        var loss = (IFusedLoss)Plugin.Create<ILoss>(name);
        Assert.That(loss.FusedActivation, Is.EqualTo(activation));
        Assert.That(Plugin.Registry.Find<IActivation>(loss.FusedActivation, "Test").Name, Is.EqualTo(activation));
    }

    [TestCase("binary_crossentropy", "sigmoid")]
    [TestCase("categorical_crossentropy", "softmax")]
    public void FromLogits_EqualsActivationThenLoss(string name, string activationName)
    {
        var loss = (IFusedLoss)Plugin.Create<ILoss>(name);
        IActivation activation = Plugin.Create<IActivation>(activationName);
        Tensor logits = Plugin.Uniform(4, new TensorShape(5), seed: 8, -3f, 3f);
        Tensor targets = Plugin.OneHot(4, 5);
        var probabilities = new Tensor(4, 5);
        activation.Forward(logits, probabilities);
        var lossGradient = new Tensor(4, 5);
        var chained = new Tensor(4, 5);
        loss.Backward(probabilities, targets, lossGradient);
        activation.Backward(logits, probabilities, lossGradient, chained);
        var fused = new Tensor(4, 5);
        loss.BackwardFromLogits(logits, targets, fused);

        Assert.That(loss.ForwardFromLogits(logits, targets), Is.EqualTo(loss.Forward(probabilities, targets)).Within(1e-5f));
        Expect.Close(fused.ReadOnlySpan, chained.ReadOnlySpan.ToArray(), "fused vs chained gradient", relative: 1e-4, absolute: 1e-6);
    }

    [Test]
    public void CategoricalFromLogits_HugeLogits_StaysFinite()
    {
        var loss = new CategoricalCrossEntropy(new CategoricalCrossEntropyOptions());
        var logits = new Tensor([1000f, -1000f, 0f], 1, new TensorShape(3));
        var targets = new Tensor([0f, 1f, 0f], 1, new TensorShape(3));
        var gradient = new Tensor(1, 3);
        Assert.That(loss.ForwardFromLogits(logits, targets), Is.EqualTo(2000f));
        loss.BackwardFromLogits(logits, targets, gradient);
        Assert.That(gradient.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { 1f, -1f, 0f }));
    }

    [Test]
    public void BinaryFromLogits_HugeLogits_StaysFinite()
    {
        var loss = new BinaryCrossEntropy(new BinaryCrossEntropyOptions());
        var logits = new Tensor([100f, -100f], 1, new TensorShape(2));
        var targets = new Tensor([0f, 1f], 1, new TensorShape(2));
        var gradient = new Tensor(1, 2);
        Assert.That(loss.ForwardFromLogits(logits, targets), Is.EqualTo(100f));
        loss.BackwardFromLogits(logits, targets, gradient);
        Assert.That(gradient.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { 0.5f, -0.5f }));
    }

    [TestCase("binary_crossentropy")]
    [TestCase("categorical_crossentropy")]
    public void FromProbabilities_SaturatedPrediction_IsClampedLikeKeras(string name)
    {
        ILoss loss = Plugin.Create<ILoss>(name);
        var predictions = new Tensor([0f, 1f], 1, new TensorShape(2));
        var targets = new Tensor([1f, 0f], 1, new TensorShape(2));
        var gradient = new Tensor(1, 2);
        // p = 0 is held at 1e-7 and p = 1 at the float nearest 1 − 1e-7; BCE averages both elements, CCE sums the one
        // class whose target is 1 over a batch of one row.
        float low = -MathF.Log(1e-7f), high = -MathF.Log(1f - (1f - 1e-7f));
        float expected = name == "binary_crossentropy" ? (low + high) / 2 : low;
        Assert.That(loss.Forward(predictions, targets), Is.EqualTo(expected).Within(1e-3f));
        loss.Backward(predictions, targets, gradient);
        Assert.That(gradient.ReadOnlySpan.ToArray(), Is.EqualTo(new[] { 0f, 0f }), "the clamp holds p, so the derivative is 0");
    }

    [Test]
    public void Forward_TargetsOfOtherShape_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Forward(new Tensor(4, 3), new Tensor(4, 2)))!;
        Assert.That(error.Message, Does.Contain("[4, 3]").And.Contain("[4, 2]"));
    }

    private static void AssertMatches(ILoss loss, JsonNode? predictionsNode, JsonNode? targetsNode, JsonNode? lossNode, JsonNode? gradientNode)
    {
        Tensor predictions = References.Tensor(predictionsNode), targets = References.Tensor(targetsNode);
        var gradient = new Tensor(predictions.BatchSize, predictions.SampleShape);
        float value = loss.Forward(predictions, targets);
        loss.Backward(predictions, targets, gradient);
        Expect.Close(value, lossNode!.GetValue<float>(), $"{loss.GetType().Name} loss");
        Expect.Close(gradient.ReadOnlySpan, References.Floats(gradientNode), $"{loss.GetType().Name} gradient");
    }

    private static void AddInPlace(Tensor target, Tensor addend)
    {
        for (int i = 0; i < target.Length; i++) target.Buffer[i] += addend.Buffer[i];
    }
}
