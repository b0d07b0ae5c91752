using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Layers;

/// <summary>
/// dropout: the kept fraction within a tight statistical bound, inverted scaling, identity in evaluation, masks that
/// are a pure function of (layer key, epoch, batch), and the gradient in training mode. (PyTorch's masks come from a
/// different generator, so there is no fixture.)
/// </summary>
public class DropoutTests
{
    private static Dropout Built(float rate, TensorShape shape, int maxBatch, int seed = 42)
    {
        var dropout = new Dropout(new DropoutOptions { Rate = rate });
        dropout.Build(shape, Plugin.Context(maxBatch, seed: seed));
        return dropout;
    }

    private static float[] Mask(Dropout dropout, int batch, TensorShape shape, ForwardContext context)
    {
        var ones = new Tensor(batch, shape);
        ones.Span.Fill(1f);
        return dropout.Forward(ones, context).ReadOnlySpan.ToArray();
    }

    [Test]
    public void Resolve_Name_FindsTheType() => Conformance.AssertResolvesByName<ILayer>(typeof(Dropout));

    [Test]
    public void Options_RoundTrip_KeepEveryValue()
        => Conformance.AssertOptionsRoundTrip<ILayer>(typeof(Dropout), "dropout", new Dictionary<string, string?> { ["Rate"] = "0.25" });

    [TestCase("1")]
    [TestCase("-0.1")]
    [TestCase("half")]
    public void Create_InvalidRate_ThrowsKeyedRate(string rate)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plugin.Create<ILayer>("dropout", new Dictionary<string, string?> { ["Rate"] = rate }))!;
        Assert.That(error.Key, Is.EqualTo("Test:Rate"));
    }

    [Test]
    public void Create_Defaults_RateIsHalf()
    {
        var dropout = (Dropout)Plugin.Create<ILayer>("dropout");
        dropout.Build(new TensorShape(10_000), Plugin.Context(1));
        float[] mask = Mask(dropout, 1, new TensorShape(10_000), ForwardContext.Train(1, 1));
        Assert.That(mask.Distinct().Order(), Is.EqualTo(new[] { 0f, 2f }));
    }

    [TestCase(0.1f)]
    [TestCase(0.3f)]
    [TestCase(0.5f)]
    [TestCase(0.9f)]
    public void Forward_Training_DropsTheRateAndScalesTheRest(float rate)
    {
        const int Batch = 100, Features = 10_000; // n = 10⁶ elements
        var shape = new TensorShape(Features);
        Dropout dropout = Built(rate, shape, Batch);
        float[] mask = Mask(dropout, Batch, shape, ForwardContext.Train(1, 1));

        float scale = 1f / (1f - rate);
        Assert.That(mask.All(v => v == 0f || v == scale), "every element is dropped (0) or kept and scaled by 1/(1-rate)");
        double dropped = mask.Count(v => v == 0f) / (double)mask.Length;
        double sigma = Math.Sqrt(rate * (1 - rate) / mask.Length);
        Assert.That(dropped, Is.EqualTo(rate).Within(5 * sigma), $"dropped fraction; 5 sigma = {5 * sigma:G3}");
    }

    [Test]
    public void Forward_RateZero_KeepsEverything()
    {
        Dropout dropout = Built(0f, new TensorShape(3, 4, 5), 4);
        Tensor input = Plugin.Uniform(4, new TensorShape(3, 4, 5), seed: 1, -1f, 1f);
        Assert.That(dropout.Forward(input, ForwardContext.Train(2, 3)).ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()));
    }

    [Test]
    public void Forward_Evaluation_IsTheIdentityAndBackwardPassesTheGradient()
    {
        Dropout dropout = Built(0.5f, new TensorShape(2, 3, 3), 4);
        Tensor input = Plugin.Uniform(4, new TensorShape(2, 3, 3), seed: 2, -1f, 1f);
        Tensor output = dropout.Forward(input, ForwardContext.Evaluation);
        Assert.That(output.SampleShape, Is.EqualTo(input.SampleShape));
        Assert.That(output.ReadOnlySpan.ToArray(), Is.EqualTo(input.ReadOnlySpan.ToArray()));
        Tensor outputGradient = Plugin.Uniform(4, new TensorShape(2, 3, 3), seed: 3, -1f, 1f);
        Assert.That(dropout.Backward(outputGradient, needInputGradient: true)!.ReadOnlySpan.ToArray(), Is.EqualTo(outputGradient.ReadOnlySpan.ToArray()));
    }

    [Test]
    public void Forward_SameContext_SameMask_OtherBatchOrEpoch_OtherMask()
    {
        var shape = new TensorShape(4, 8, 8);
        Dropout dropout = Built(0.5f, shape, 8);
        float[] first = Mask(dropout, 8, shape, ForwardContext.Train(3, 7));
        Mask(dropout, 8, shape, ForwardContext.Train(1, 1)); // something else in between
        float[] again = Mask(dropout, 8, shape, ForwardContext.Train(3, 7));
        float[] otherBatch = Mask(dropout, 8, shape, ForwardContext.Train(3, 8));
        float[] otherEpoch = Mask(dropout, 8, shape, ForwardContext.Train(4, 7));

        Assert.That(again, Is.EqualTo(first));
        Assert.That(Agreement(first, otherBatch), Is.LessThan(0.6), "another batch draws an unrelated mask (~50% agreement)");
        Assert.That(Agreement(first, otherEpoch), Is.LessThan(0.6), "another epoch draws an unrelated mask (~50% agreement)");
    }

    [Test]
    public void Build_SameSeed_SameMasks_OtherSeed_OtherMasks()
    {
        var shape = new TensorShape(512);
        float[] first = Mask(Built(0.5f, shape, 4, seed: 7), 4, shape, ForwardContext.Train(1, 1));
        float[] same = Mask(Built(0.5f, shape, 4, seed: 7), 4, shape, ForwardContext.Train(1, 1));
        float[] other = Mask(Built(0.5f, shape, 4, seed: 8), 4, shape, ForwardContext.Train(1, 1));
        Assert.That(same, Is.EqualTo(first));
        Assert.That(Agreement(first, other), Is.LessThan(0.6));
    }

    [Test]
    public void Forward_SmallerBatch_MaskIsThePrefixOfTheFullBatchMask()
    {
        // Element i of a batch uses counter i, so the first samples' mask does not depend on the batch size.
        var shape = new TensorShape(3, 5);
        Dropout dropout = Built(0.4f, shape, 6);
        float[] full = Mask(dropout, 6, shape, ForwardContext.Train(2, 2));
        float[] small = Mask(dropout, 2, shape, ForwardContext.Train(2, 2));
        Assert.That(small, Is.EqualTo(full[..small.Length]));
    }

    [TestCase(0.5f)]
    [TestCase(0.2f)]
    public void Backward_Training_MatchesFiniteDifferences(float rate)
    {
        var shape = new TensorShape(2, 3, 4);
        Dropout dropout = Built(rate, shape, 3);
        Tensor input = Plugin.AwayFromZero(3, shape, seed: 4);
        GradientCheck.AssertLayer(dropout, input, ForwardContext.Train(2, 5));
        // And the mask really dropped something, so the check was not of the identity.
        Assert.That(dropout.Forward(input, ForwardContext.Train(2, 5)).ReadOnlySpan.ToArray(), Has.Some.EqualTo(0f));
    }

    [Test]
    public void Backward_UsesTheStoredMask()
    {
        var shape = new TensorShape(50);
        Dropout dropout = Built(0.5f, shape, 2);
        float[] mask = Mask(dropout, 2, shape, ForwardContext.Train(1, 4));
        var ones = new Tensor(2, shape);
        ones.Span.Fill(1f);
        Assert.That(dropout.Backward(ones, needInputGradient: true)!.ReadOnlySpan.ToArray(), Is.EqualTo(mask));
    }

    [Test]
    public void Forward_WrongInputShape_ThrowsNamingShapes()
    {
        Dropout dropout = Built(0.5f, new TensorShape(3, 4), 2);
        var error = Assert.Throws<ArgumentException>(() => dropout.Forward(new Tensor(2, 12), ForwardContext.Train(1, 1)))!;
        Assert.That(error.Message, Does.Contain("[3, 4]").And.Contain("[2, 12]"));
    }

    private static double Agreement(float[] a, float[] b) => a.Zip(b).Count(p => p.First == p.Second) / (double)a.Length;
}
