namespace NeuralNet.Kernels.Tests;

/// <summary>
/// The one-plane pooling kernels give bitwise what the batch kernels give for that plane, and the plane-fused
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
        for (int p = planes - 1; p >= 0; p--) // any order
        {
            PoolingKernels.MaxPool2dForwardPlane(g, x.AsSpan(p * planeIn, planeIn), planeY.AsSpan(p * planeOut, planeOut),
                planeArgmax.AsSpan(p * planeOut, planeOut));
            PoolingKernels.MaxPool2dBackwardPlane(g, dy.AsSpan(p * planeOut, planeOut), planeArgmax.AsSpan(p * planeOut, planeOut),
                planeDx.AsSpan(p * planeIn, planeIn));
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
        for (int p = 0; p < planes; p++)
        {
            PoolingKernels.AvgPool2dForwardPlane(g, x.AsSpan(p * planeIn, planeIn), planeY.AsSpan(p * planeOut, planeOut));
            PoolingKernels.AvgPool2dBackwardPlane(g, dy.AsSpan(p * planeOut, planeOut), planeDx.AsSpan(p * planeIn, planeIn));
        }
        Assert.That(planeY, Is.EqualTo(y));
        Assert.That(planeDx, Is.EqualTo(dx));
    }

    [Test]
    public void PoolPlanes_WrongLengths_NameTheSpan()
    {
        Pool2dGeometry g = Geometries[0];
        var e = Assert.Throws<ArgumentException>(() => PoolingKernels.MaxPool2dForwardPlane(g, new float[783], new float[196], new int[196]));
        Assert.That(e!.Message, Does.Contain("input has 783 elements but one plane needs 784"));
        e = Assert.Throws<ArgumentException>(() => PoolingKernels.MaxPool2dBackwardPlane(g, new float[196], new int[195], new float[784]));
        Assert.That(e!.Message, Does.Contain("argmax has 195"));
    }

    [Test]
    public void NormalizePlanes_PlanesShorterThanTheMinimum_AreRejected()
    {
        const int channels = 2, spatial = NormalizationKernels.PlaneMinimum - 1;
        float[] stats = [0f, 0f];
        var e = Assert.Throws<ArgumentException>(() => NormalizationKernels.NormalizePlanes(new float[channels * spatial], 1, channels, spatial,
            stats, stats, [], [], null, (_, _, _) => { }, 4, new float[channels * 4]));
        Assert.That(e!.Message, Does.Contain($"planes of {spatial} floats are shorter than the {NormalizationKernels.PlaneMinimum}"));
    }

    [Test]
    public void BackwardReductionsThroughPlanes_ActivationWithoutItsDerivative_IsRejected()
    {
        const int channels = 1, spatial = 16;
        float[] stats = [0f];
        var e = Assert.Throws<ArgumentException>(() => NormalizationKernels.BackwardReductionsThroughPlanes(new float[spatial], new float[4], 4,
            (_, _, _) => { }, _ => { }, null, 1, channels, spatial, stats, stats, [], [], new float[1], new float[1], []));
        Assert.That(e!.Message, Does.Contain("an activation and its derivative go together"));
    }
}
