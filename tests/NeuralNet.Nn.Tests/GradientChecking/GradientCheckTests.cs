using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.GradientChecking;

/// <summary>
/// The shared checker must pass correct gradients and fail wrong ones: each fake component is checked once with
/// its correct backward pass and once with a gradient off by 10%.
/// </summary>
public class GradientCheckTests
{
    private static (FakeLinearLayer Layer, Tensor Input) BuiltFake(float inputFactor = 1f, float kernelFactor = 1f, bool alwaysReturnInputGradient = false)
    {
        var layer = new FakeLinearLayer(units: 4, inputFactor, kernelFactor, alwaysReturnInputGradient);
        layer.Build(new TensorShape(5), Plugin.Context(maxBatchSize: 3));
        return (layer, Plugin.AwayFromZero(3, new TensorShape(5), seed: 7));
    }

    [Test]
    public void CheckLayer_CorrectGradients_Passes()
    {
        var (layer, input) = BuiltFake();
        GradientCheck.Result result = GradientCheck.CheckLayer(layer, input);
        Assert.That(result.Passed, Is.True, result.Message);
        Assert.That(result.Checked, Is.EqualTo(3 * 5 + 5 * 4));
    }

    [Test]
    public void CheckLayer_InputGradientOffByTenPercent_FailsNamingWorstInputElement()
    {
        var (layer, input) = BuiltFake(inputFactor: 1.1f);
        GradientCheck.Result result = GradientCheck.CheckLayer(layer, input);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.WorstGradient, Is.EqualTo("input"));
        Assert.That(result.Analytical / result.Numerical, Is.EqualTo(1.1).Within(1e-3));
        Assert.That(result.Message, Does.Contain("failed").And.Contain($"input[{result.WorstIndex}]")
            .And.Contain("analytical").And.Contain("numerical"));
    }

    [Test]
    public void CheckLayer_KernelGradientOffByTenPercent_FailsNamingTheParameter()
    {
        var (layer, input) = BuiltFake(kernelFactor: 1.1f);
        GradientCheck.Result result = GradientCheck.CheckLayer(layer, input);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.WorstGradient, Is.EqualTo("kernel"));
        Assert.That(result.Message, Does.Contain($"kernel[{result.WorstIndex}]"));
    }

    [Test]
    public void CheckLayer_KernelGradientOffByTwoPercent_Fails()
    {
        var (layer, input) = BuiltFake(kernelFactor: 1.02f);
        Assert.That(GradientCheck.CheckLayer(layer, input).Passed, Is.False, "a 2% error must fail (rtol 1%)");
    }

    [Test]
    public void CheckLayer_InputGradientReturnedWhenNotNeeded_Fails()
    {
        var (layer, input) = BuiltFake(alwaysReturnInputGradient: true);
        GradientCheck.Result result = GradientCheck.CheckLayer(layer, input);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Message, Does.Contain("needInputGradient: false"));
    }

    [TestCase(1f, true)]
    [TestCase(1.1f, false)]
    [TestCase(0.9f, false)]
    public void CheckActivation_DerivativeScaled_PassesOnlyWhenCorrect(float factor, bool passes)
    {
        GradientCheck.Result result = GradientCheck.CheckActivation(new FakeTanh(factor), Plugin.AwayFromZero(3, new TensorShape(4), seed: 3, high: 2f));
        Assert.That(result.Passed, Is.EqualTo(passes), result.Message);
    }

    [TestCase(1f, true)]
    [TestCase(1.1f, false)]
    public void CheckLoss_GradientScaled_PassesOnlyWhenCorrect(float factor, bool passes)
    {
        var predictions = Plugin.Uniform(4, new TensorShape(3), seed: 1, -1f, 1f);
        var targets = Plugin.Uniform(4, new TensorShape(3), seed: 2, -1f, 1f);
        GradientCheck.Result result = GradientCheck.CheckLoss(new FakeSquaredLoss(factor), predictions, targets);
        Assert.That(result.Passed, Is.EqualTo(passes), result.Message);
        if (!passes) Assert.That(result.Message, Does.Contain("predictions["));
    }

    [TestCase(1f, true)]
    [TestCase(1.1f, false)]
    public void CheckFusedLoss_GradientScaled_PassesOnlyWhenCorrect(float factor, bool passes)
    {
        var logits = Plugin.Uniform(4, new TensorShape(3), seed: 1, -1f, 1f);
        var targets = Plugin.Uniform(4, new TensorShape(3), seed: 2, -1f, 1f);
        GradientCheck.Result result = GradientCheck.CheckFusedLoss(new FakeSquaredLoss(factor), logits, targets);
        Assert.That(result.Passed, Is.EqualTo(passes), result.Message);
        if (!passes) Assert.That(result.Message, Does.Contain("logits["));
    }

    [Test]
    public void CheckLayer_RestoresInputAndParameters()
    {
        var (layer, input) = BuiltFake();
        float[] inputBefore = input.ReadOnlySpan.ToArray();
        float[] kernelBefore = layer.Parameters[0].Value.ReadOnlySpan.ToArray();
        GradientCheck.CheckLayer(layer, input);
        Assert.That(input.ReadOnlySpan.ToArray(), Is.EqualTo(inputBefore));
        Assert.That(layer.Parameters[0].Value.ReadOnlySpan.ToArray(), Is.EqualTo(kernelBefore));
    }
}
