using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>flatten: [C, H, W] → [C·H·W] and back, in element order, with a smaller last batch.</summary>
public class FlattenTests
{
    [Test]
    public void Resolve_Name_FindsTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(Flatten));

    [Test]
    public void Backward_RankThree_MatchesFiniteDifferences()
    {
        var flatten = new Flatten();
        flatten.Build(new TensorShape(2, 3, 2), Plugin.Context(3));
        GradientCheck.AssertLayer(flatten, Plugin.AwayFromZero(3, new TensorShape(2, 3, 2), seed: 1));
    }

    [Test]
    public void ForwardBackward_KeepTheElementOrderAndRestoreTheInputShape()
    {
        var flatten = new Flatten();
        Assert.That(flatten.Build(new TensorShape(2, 3, 4), Plugin.Context(4)), Is.EqualTo(new TensorShape(24)));
        Tensor input = Plugin.Uniform(4, new TensorShape(2, 3, 4), seed: 2, -1f, 1f);
        Tensor output = flatten.Forward(input, ForwardContext.Train(1, 1));
        Assert.That(output.SampleShape, Is.EqualTo(new TensorShape(24)));
        Assert.That(output, Is.Not.SameAs(input));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()));

        Tensor outputGradient = Plugin.Uniform(4, new TensorShape(24), seed: 3, -1f, 1f);
        Tensor inputGradient = flatten.Backward(outputGradient, needInputGradient: true)!;
        Assert.That(inputGradient.SampleShape, Is.EqualTo(new TensorShape(2, 3, 4)));
        Assert.That(inputGradient.ReadOnlySpan.ToArray(), Is.EqualTo(outputGradient.ReadOnlySpan.ToArray()));
        Assert.That(flatten.Backward(outputGradient, needInputGradient: false), Is.Null);
    }

    [Test]
    public void ForwardAndBackward_AreViewsOfTheOtherLayersArrays_MadeOncePerArray()
    {
        var flatten = new Flatten();
        flatten.Build(new TensorShape(2, 2, 2), Plugin.Context(5));
        Tensor input = Plugin.Uniform(5, new TensorShape(2, 2, 2), seed: 4, -1f, 1f);
        Tensor full = flatten.Forward(input, ForwardContext.Train(1, 1));
        Assert.That(full.Buffer, Is.SameAs(input.Buffer), "the same floats, not a copy");
        Assert.That(full.SampleShape, Is.EqualTo(new TensorShape(8)));

        input.SetBatchSize(2); // a smaller last batch in the same array: the same view, at the new batch size
        Tensor output = flatten.Forward(input, ForwardContext.Train(1, 2));
        Assert.That(output, Is.SameAs(full));
        Assert.That(output.BatchSize, Is.EqualTo(2));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()));

        var outputGradient = new Tensor(2, 8);
        Tensor gradient = flatten.Backward(outputGradient, needInputGradient: true)!;
        Assert.That(gradient.Buffer, Is.SameAs(outputGradient.Buffer));
        Assert.That(gradient.SampleShape, Is.EqualTo(new TensorShape(2, 2, 2)));
        Assert.That(gradient.BatchSize, Is.EqualTo(2));
        Assert.That(flatten.Backward(outputGradient, needInputGradient: true), Is.SameAs(gradient));
    }

    [Test]
    public void Forward_FreshTensorsEveryCall_CopiesOnceItHasAsManyViewsAsItKeeps()
    {
        var flatten = new Flatten();
        flatten.Build(new TensorShape(2, 2, 2), Plugin.Context(3));
        var outputs = new List<Tensor>();
        for (int i = 0; i < 7; i++)
        {
            Tensor input = Plugin.Uniform(3, new TensorShape(2, 2, 2), seed: 10 + i, -1f, 1f);
            Tensor output = flatten.Forward(input, ForwardContext.Evaluation);
            Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()), $"call {i}");
            Assert.That(ReferenceEquals(output.Buffer, input.Buffer), Is.EqualTo(i < 4), $"call {i}: a view for the first four arrays, then a copy");
            outputs.Add(output);
        }
        Assert.That(outputs[4], Is.SameAs(outputs[6]), "one owned copy buffer");
    }

    [Test]
    public void Forward_WrongInputShape_ThrowsNamingShapes()
    {
        var flatten = new Flatten();
        flatten.Build(new TensorShape(2, 3, 4), Plugin.Context(2));
        var error = Assert.Throws<ArgumentException>(() => flatten.Forward(new Tensor(2, new TensorShape(3, 2, 4)), ForwardContext.Evaluation))!;
        Assert.That(error.Message, Does.Contain("[2, 3, 4]").And.Contain("[2, 3, 2, 4]"));
    }
}

/// <summary>reshape: the requested shape with one inferred −1, rejected at Build when sizes differ.</summary>
public class ReshapeTests
{
    private static Dictionary<string, string?> ShapeOption(params int[] dims)
        => dims.Select((d, i) => (Key: $"Shape:{i}", Value: (string?)d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public void Resolve_Name_FindsTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(Reshape));

    [Test]
    public void Options_RoundTrip_KeepEveryValue()
        => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(Reshape), "reshape", ShapeOption(1, -1, 7));

    [Test]
    public void Build_InferredDimension_FillsItFromTheInputSize()
    {
        ILayer reshape = Plugin.Create<ILayer>("reshape", ShapeOption(1, -1, 28));
        Assert.That(reshape.Build(new TensorShape(784), Plugin.Context(2)), Is.EqualTo(new TensorShape(1, 28, 28)));
    }

    [Test]
    public void Backward_MatchesFiniteDifferences()
    {
        ILayer reshape = Plugin.Create<ILayer>("reshape", ShapeOption(2, 6));
        reshape.Build(new TensorShape(3, 4), Plugin.Context(2));
        GradientCheck.AssertLayer(reshape, Plugin.AwayFromZero(2, new TensorShape(3, 4), seed: 1));
    }

    [Test]
    public void ForwardBackward_KeepTheElementOrder()
    {
        ILayer reshape = Plugin.Create<ILayer>("reshape", ShapeOption(1, 2, 3));
        reshape.Build(new TensorShape(6), Plugin.Context(3));
        Tensor input = Plugin.Uniform(3, new TensorShape(6), seed: 2, -1f, 1f);
        Tensor output = reshape.Forward(input, ForwardContext.Train(1, 1));
        Assert.That(output.SampleShape, Is.EqualTo(new TensorShape(1, 2, 3)));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()));
        Tensor outputGradient = Plugin.Uniform(3, new TensorShape(1, 2, 3), seed: 3, -1f, 1f);
        Tensor inputGradient = reshape.Backward(outputGradient, needInputGradient: true)!;
        Assert.That(inputGradient.SampleShape, Is.EqualTo(new TensorShape(6)));
        Assert.That(inputGradient.ReadOnlySpan.ToArray(), Is.EqualTo(outputGradient.ReadOnlySpan.ToArray()));
    }

    [TestCase(new[] { 1, 28, 27 }, "784")]
    [TestCase(new[] { -1, 5 }, "not a multiple of 5")]
    [TestCase(new[] { 1000, -1 }, "not a multiple of 1000")]
    public void Build_SizesDiffer_ThrowsKeyedShapeNamingBothShapes(int[] shape, string detail)
    {
        ILayer reshape = Plugin.Create<ILayer>("reshape", ShapeOption(shape));
        var error = Assert.Throws<ConfigurationException>(() =>
            reshape.Build(new TensorShape(784), Plugin.Context(2, path: "Experiment:Model:Layers:3")))!;
        Assert.That(error.Key, Is.EqualTo("Experiment:Model:Layers:3:Shape"));
        Assert.That(error.Message, Does.Contain("[784]").And.Contain("[" + string.Join(", ", shape) + "]").And.Contain(detail));
    }

    [TestCase(new[] { -1, -1 })]
    [TestCase(new[] { 0, 4 })]
    [TestCase(new[] { 2, -3 })]
    [TestCase(new int[0])]
    public void Create_InvalidShape_ThrowsKeyedShape(int[] shape)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("reshape", ShapeOption(shape)))!;
        Assert.That(error.Key, Is.EqualTo("Test:Shape"));
    }
}
