using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Training;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

public sealed class FeatureNormalizerTests
{
    [Test]
    public void ScopeFor_DefaultsToChannelsForImages_AndFeaturesOtherwise()
    {
        Assert.That(FeatureNormalizer.ScopeFor(null, new TensorShape(3, 4, 4)), Is.EqualTo(NormalizationScope.Channel));
        Assert.That(FeatureNormalizer.ScopeFor(null, new TensorShape(784)), Is.EqualTo(NormalizationScope.Feature));
        Assert.That(FeatureNormalizer.ScopeFor(NormalizationScope.Feature, new TensorShape(3, 4, 4)), Is.EqualTo(NormalizationScope.Feature));
    }

    [Test]
    public void ScopeFor_ChannelsOfFlatSamples_IsRejectedNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureNormalizer.ScopeFor(NormalizationScope.Channel, new TensorShape(784)))!;
        Assert.That(error.Message, Does.Contain("[784]"));
    }

    [Test]
    public void Fit_PerChannel_OneMeanAndScalePerChannelOverAllItsPixels()
    {
        // Two samples of [2, 1, 2]: channel 0 holds 1, 3, 5, 7 (mean 4, std √5); channel 1 holds 10 everywhere.
        var x = new Tensor(2, new TensorShape(2, 1, 2));
        float[] values = [1, 3, 10, 10, 5, 7, 10, 10];
        values.CopyTo(x.Buffer, 0);
        var set = new TensorSampleSet(x, new Tensor(2, 1));
        FeatureNormalizer normalizer = FeatureNormalizer.Fit(NormalizationKind.Standard, NormalizationScope.Channel, set, [0, 1]);
        Assert.That(normalizer.Shift, Is.EqualTo(new[] { 4f, 10f }));
        Assert.That(normalizer.Scale[0], Is.EqualTo(1 / MathF.Sqrt(5)).Within(1e-6));
        Assert.That(normalizer.Scale[1], Is.EqualTo(1f), "a constant channel keeps scale 1");
        normalizer.Apply(x);
        Assert.That(x.Buffer[0], Is.EqualTo(-3 / MathF.Sqrt(5)).Within(1e-6));
        Assert.That(x.Buffer[2], Is.EqualTo(0f));
    }
}

