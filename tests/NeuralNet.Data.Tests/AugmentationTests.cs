using NeuralNet.Augmentation;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

/// <summary>random_crop and horizontal_flip: what they do to pixels, their randomness, and their contracts.</summary>
public sealed class AugmentationTests
{
    /// <summary>Samples of [channels, h, w] whose pixel value encodes (sample, channel, y, x), never 0.</summary>
    private static Tensor Images(int batch, int channels, int height, int width)
    {
        var t = new Tensor(batch, new TensorShape(channels, height, width));
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                        t.Buffer[((n * channels + c) * height + y) * width + x] = 1000 * n + 100 * c + 10 * y + x + 1;
        return t;
    }

    private static AugmentationContext Context(ulong key) => new(CounterRandom.Key(key, 1, 1), 1, 1);

    [TestCase(typeof(RandomCrop))]
    [TestCase(typeof(HorizontalFlip))]
    public void Registry_Name_ResolvesToTheAugmentation(Type type) => Conformance.AssertResolvesByName<IAugmentation>(type);

    [Test]
    public void RandomCrop_ShiftsEveryChannelAlike_ByAtMostThePadding_FillingWithZeros()
    {
        var crop = new RandomCrop(new RandomCropOptions { Padding = 2 });
        crop.Prepare(new TensorShape(2, 5, 6), 16);
        Tensor original = Images(16, 2, 5, 6), batch = original.Clone();
        crop.Apply(batch, Context(7));

        int shifted = 0;
        for (int n = 0; n < 16; n++)
        {
            // Find (dy, dx) from a pixel that survived, then check every pixel against it.
            (int dy, int dx)? shift = null;
            for (int dy = -2; dy <= 2 && shift is null; dy++)
                for (int dx = -2; dx <= 2 && shift is null; dx++)
                    if (Matches(n, dy, dx)) shift = (dy, dx);
            Assert.That(shift, Is.Not.Null, $"sample {n} is not a shifted copy");
            if (shift != (0, 0)) shifted++;
        }
        Assert.That(shifted, Is.GreaterThan(8), "most samples should move (24 of 25 offsets do)");

        bool Matches(int n, int dy, int dx)
        {
            for (int c = 0; c < 2; c++)
                for (int y = 0; y < 5; y++)
                    for (int x = 0; x < 6; x++)
                    {
                        int sy = y + dy, sx = x + dx;
                        float expected = sy is >= 0 and < 5 && sx is >= 0 and < 6 ? original.Buffer[((n * 2 + c) * 5 + sy) * 6 + sx] : 0f;
                        if (batch.Buffer[((n * 2 + c) * 5 + y) * 6 + x] != expected) return false;
                    }
            return true;
        }
    }

    [Test]
    public void RandomCrop_IsAPureFunctionOfTheContext()
    {
        var crop = new RandomCrop(new RandomCropOptions { Padding = 3 });
        crop.Prepare(new TensorShape(1, 8, 8), 8);
        Tensor a = Images(8, 1, 8, 8), b = a.Clone(), c = a.Clone();
        crop.Apply(a, Context(1));
        crop.Apply(b, Context(1));
        crop.Apply(c, Context(2));
        Assert.That(b.ReadOnlySpan.ToArray(), Is.EqualTo(a.ReadOnlySpan.ToArray()));
        Assert.That(c.ReadOnlySpan.ToArray(), Is.Not.EqualTo(a.ReadOnlySpan.ToArray()));
    }

    [Test]
    public void HorizontalFlip_ProbabilityOne_MirrorsEveryRow_ProbabilityZero_ChangesNothing()
    {
        var always = new HorizontalFlip(new HorizontalFlipOptions { Probability = 1 });
        always.Prepare(new TensorShape(3, 2, 4), 2);
        Tensor batch = Images(2, 3, 2, 4);
        always.Apply(batch, Context(3));
        Assert.That(batch.Buffer.AsSpan(0, 4).ToArray(), Is.EqualTo(new[] { 4f, 3f, 2f, 1f }));
        Assert.That(batch.Buffer.AsSpan(24 + 20, 4).ToArray(), Is.EqualTo(new[] { 1214f, 1213f, 1212f, 1211f }));

        var never = new HorizontalFlip(new HorizontalFlipOptions { Probability = 0 });
        never.Prepare(new TensorShape(3, 2, 4), 2);
        Tensor untouched = Images(2, 3, 2, 4);
        never.Apply(untouched, Context(3));
        Assert.That(untouched.ReadOnlySpan.ToArray(), Is.EqualTo(Images(2, 3, 2, 4).ReadOnlySpan.ToArray()));
    }

    [Test]
    public void HorizontalFlip_DefaultProbability_FlipsAboutHalf()
    {
        var flip = new HorizontalFlip(new HorizontalFlipOptions());
        flip.Prepare(new TensorShape(1, 1, 2), 4000);
        Tensor batch = Images(4000, 1, 1, 2);
        flip.Apply(batch, Context(11));
        int flipped = Enumerable.Range(0, 4000).Count(n => batch.Buffer[2 * n] > batch.Buffer[2 * n + 1]);
        Assert.That(flipped, Is.InRange(1850, 2150)); // 0.5 ± 4.7 standard deviations
    }

    [TestCase(typeof(RandomCrop))]
    [TestCase(typeof(HorizontalFlip))]
    public void Prepare_NonImageSamples_AreRejectedNamingTheShape(Type type)
    {
        IAugmentation augmentation = type == typeof(RandomCrop) ? new RandomCrop(new RandomCropOptions()) : new HorizontalFlip(new HorizontalFlipOptions());
        var error = Assert.Throws<ArgumentException>(() => augmentation.Prepare(new TensorShape(784), 8))!;
        Assert.That(error.Message, Does.Contain("[784]"));
    }
}
