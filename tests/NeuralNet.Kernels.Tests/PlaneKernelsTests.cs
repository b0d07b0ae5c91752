namespace NeuralNet.Kernels.Tests;

/// <summary>
/// The plane-run pooling kernels give bitwise what the batch kernels give for those planes, and the plane-fused
/// normalisation kernels reject what they cannot do. (Their results against the unfused layers are checked end to end
/// in NeuralNet.Engine.Tests' ActivationFusionTests.)
/// </summary>
[TestFixture]
public class PlaneKernelsTests
{
    private const int Batch = 3;

    private static readonly Pool2dGeometry[] Geometries =
    [
        Pool2dGeometry.Create(2, 28, 28, 2, 2),
        Pool2dGeometry.Create(3, 7, 9, 3, 2, 2, 1, 1, 1),
        Pool2dGeometry.Create(2, 9, 7, 3, 2),
    ];

    private static IEnumerable<int> Cases() => Enumerable.Range(0, Geometries.Length);

    /// <summary>Runs of 1, 2, 3, … planes covering 0 .. planes − 1.</summary>
    private static IEnumerable<(int First, int Count)> Runs(int planes)
    {
        for (int p = 0, n = 1; p < planes; p += n, n++)
            yield return (p, Math.Min(n, planes - p));
    }

    [TestCaseSource(nameof(Cases))]
    public void MaxPoolPlanes_AreTheBatchKernelsPlaneByPlane(int index)
    {
        Pool2dGeometry g = Geometries[index];
        int planes = Batch * g.Channels, planeIn = g.InputHeight * g.InputWidth, planeOut = g.OutputHeight * g.OutputWidth;
        float[] x = GemmReference.Random(Batch * g.InputSize, 1), dy = GemmReference.Random(Batch * g.OutputSize, 2);
        float[] y = new float[dy.Length], dx = new float[x.Length];
        int[] argmax = new int[dy.Length];
        PoolingKernels.MaxPool2dForward(g, Batch, x, y, argmax);
        PoolingKernels.MaxPool2dBackward(g, Batch, dy, argmax, dx);

        float[] planeY = new float[y.Length], planeDx = GemmReference.Random(x.Length, 3); // stale values must be overwritten
        int[] planeArgmax = new int[argmax.Length];
        foreach ((int p, int n) in Runs(planes).Reverse()) // runs of planes, in any order
        {
            PoolingKernels.MaxPool2dForwardPlanes(g, n, x.AsSpan(p * planeIn, n * planeIn), planeY.AsSpan(p * planeOut, n * planeOut),
                planeArgmax.AsSpan(p * planeOut, n * planeOut));
            PoolingKernels.MaxPool2dBackwardPlanes(g, n, dy.AsSpan(p * planeOut, n * planeOut), planeArgmax.AsSpan(p * planeOut, n * planeOut),
                planeDx.AsSpan(p * planeIn, n * planeIn));
        }
        Assert.That(planeY, Is.EqualTo(y));
        Assert.That(planeArgmax, Is.EqualTo(argmax));
        Assert.That(planeDx, Is.EqualTo(dx));
    }

    [TestCaseSource(nameof(Cases))]
    public void AvgPoolPlanes_AreTheBatchKernelsPlaneByPlane(int index)
    {
        Pool2dGeometry g = Geometries[index];
        int planes = Batch * g.Channels, planeIn = g.InputHeight * g.InputWidth, planeOut = g.OutputHeight * g.OutputWidth;
        float[] x = GemmReference.Random(Batch * g.InputSize, 4), dy = GemmReference.Random(Batch * g.OutputSize, 5);
        float[] y = new float[dy.Length], dx = new float[x.Length];
        PoolingKernels.AvgPool2dForward(g, Batch, x, y);
        PoolingKernels.AvgPool2dBackward(g, Batch, dy, dx);

        float[] planeY = new float[y.Length], planeDx = GemmReference.Random(x.Length, 6);
        foreach ((int p, int n) in Runs(planes))
        {
            PoolingKernels.AvgPool2dForwardPlanes(g, n, x.AsSpan(p * planeIn, n * planeIn), planeY.AsSpan(p * planeOut, n * planeOut));
            PoolingKernels.AvgPool2dBackwardPlanes(g, n, dy.AsSpan(p * planeOut, n * planeOut), planeDx.AsSpan(p * planeIn, n * planeIn));
        }
        Assert.That(planeY, Is.EqualTo(y));
        Assert.That(planeDx, Is.EqualTo(dx));
    }

    [Test]
    public void PoolPlanes_WrongLengths_NameTheSpan()
    {
        Pool2dGeometry g = Geometries[0];
        var e = Assert.Throws<ArgumentException>(() => PoolingKernels.MaxPool2dForwardPlanes(g, 2, new float[1567], new float[392], new int[392]));
        Assert.That(e!.Message, Does.Contain("input has 1567 elements but the planes need 1568"));
        e = Assert.Throws<ArgumentException>(() => PoolingKernels.MaxPool2dBackwardPlanes(g, 1, new float[196], new int[195], new float[784]));
        Assert.That(e!.Message, Does.Contain("argmax has 195"));
    }

    [Test]
    public void NormalizePlanes_PlanesShorterThanTheMinimum_AreRejected()
    {
        const int channels = 2, spatial = NormalizationKernels.PlaneMinimum - 1;
        float[] stats = [0f, 0f];
        var e = Assert.Throws<ArgumentException>(() => NormalizationKernels.NormalizePlanes(new float[channels * spatial], 1, channels, spatial,
            stats, stats, [], [], null, (_, _, _, _) => { }, 4, new float[channels * 4]));
        Assert.That(e!.Message, Does.Contain($"planes of {spatial} floats are shorter than the {NormalizationKernels.PlaneMinimum}"));
    }

    [Test]
    public void BackwardReductionsThroughPlanes_ActivationWithoutItsDerivative_IsRejected()
    {
        const int channels = 1, spatial = 16;
        float[] stats = [0f];
        var e = Assert.Throws<ArgumentException>(() => NormalizationKernels.BackwardReductionsThroughPlanes(new float[spatial], new float[4], 4,
            (_, _, _, _) => { }, _ => { }, null, 1, channels, spatial, stats, stats, [], [], new float[1], new float[1], []));
        Assert.That(e!.Message, Does.Contain("an activation and its derivative go together"));
    }
}
