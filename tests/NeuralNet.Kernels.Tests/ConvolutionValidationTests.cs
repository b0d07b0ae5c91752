namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class ConvolutionValidationTests
{
    [Test]
    public void Create_StrideZero_ThrowsNamingStride()
    {
        Assert.That(() => Conv2dGeometry.Symmetric(3, 7, 5, 3, 3, strideHeight: 1, strideWidth: 0),
            Throws.ArgumentException.With.Message.Contains("stride width must be at least 1 but is 0")
                .And.Message.Contains("input [C=3, H=7, W=5]"));
    }

    [Test]
    public void Create_DilatedKernelLargerThanPaddedInput_Throws()
    {
        // Kernel 3 with dilation 2 spans 5 rows; 3 rows + 2·0 padding is too few.
        Assert.That(() => Conv2dGeometry.Symmetric(1, 3, 9, 3, 3, dilationHeight: 2),
            Throws.ArgumentException.With.Message.Contains("the kernel spans 5 rows (dilation 2) but the padded input has only 3"));
    }

    [Test]
    public void Create_KernelFitsOnlyWithPadding_Succeeds()
    {
        Conv2dGeometry g = Conv2dGeometry.Symmetric(1, 3, 3, 5, 5, padHeight: 1, padWidth: 1);

        Assert.That((g.OutputHeight, g.OutputWidth), Is.EqualTo((1, 1)));
    }

    [TestCase(-1, 1, "padding top must be non-negative but is -1")]
    [TestCase(0, 0, "channels must be at least 1 but is 0")]
    public void Create_BadValues_Throw(int padTop, int channels, string expected)
    {
        Assert.That(() => Conv2dGeometry.Create(channels, 5, 5, 3, 3, 1, 1, padTop, 0, 0, 0),
            Throws.ArgumentException.With.Message.Contains(expected));
    }

    [Test]
    public void Conv2dForward_ScratchTooShort_ThrowsWithNeededLength()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(2, 5, 5, 3, 3);
        int needed = ConvolutionKernels.ForwardScratchLength(g, 3, 4);
        float[] x = new float[3 * 2 * 25], w = new float[4 * 18], y = new float[3 * 4 * 25];

        Assert.That(needed, Is.EqualTo(3 * 25 * 18 + 3 * 25 * 4));
        Assert.That(() => ConvolutionKernels.Conv2dForward(g, 3, 4, x, w, [], y, new float[needed - 1]),
            Throws.ArgumentException.With.Message.Contains($"scratch has {needed - 1} floats but needs {needed}"));
    }

    [Test]
    public void Conv2dBackward_ScratchTooShort_Throws()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(2, 5, 5, 3, 3);
        int needed = ConvolutionKernels.BackwardScratchLength(g, 3, 4);
        float[] x = new float[3 * 2 * 25], w = new float[4 * 18], dy = new float[3 * 4 * 25];

        Assert.That(() => ConvolutionKernels.Conv2dBackward(g, 3, 4, x, w, dy, new float[w.Length], [], x.ToArray(),
                new float[needed - 1]),
            Throws.ArgumentException.With.Message.Contains($"scratch has {needed - 1} floats but needs {needed}"));
    }

    [Test]
    public void Conv2dForward_InputWrongLength_ThrowsGivingShape()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(2, 5, 5, 3, 3);
        float[] scratch = new float[ConvolutionKernels.ForwardScratchLength(g, 3, 4)];

        Assert.That(() => ConvolutionKernels.Conv2dForward(g, 3, 4, new float[149], new float[72], [], new float[300], scratch),
            Throws.ArgumentException.With.Message.Contains("input has 149 elements but [B=3, C=2, H=5, W=5] needs 150"));
    }

    [Test]
    public void Conv2dForward_BiasNeitherTiedNorUntied_Throws()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(2, 5, 5, 3, 3);
        float[] scratch = new float[ConvolutionKernels.ForwardScratchLength(g, 3, 4)];

        Assert.That(() => ConvolutionKernels.Conv2dForward(g, 3, 4, new float[150], new float[72], new float[5], new float[300], scratch),
            Throws.ArgumentException.With.Message.Contains("bias has 5 values but must be empty, F = 4 (tied) or [F=4, OH=5, OW=5] = 100"));
    }

    [Test]
    public void Col2Im_ColumnsWrongLength_Throws()
    {
        Conv2dGeometry g = Conv2dGeometry.Symmetric(1, 4, 4, 2, 2);

        Assert.That(() => ConvolutionKernels.Col2Im(g, 1, new float[35], new float[16]),
            Throws.ArgumentException.With.Message.Contains("columns has 35 elements but [C·KH·KW=4, B·OH·OW=9]"));
    }

    [Test]
    public void PoolCreate_StrideZero_Throws()
    {
        Assert.That(() => Pool2dGeometry.Create(1, 4, 4, 2, 0),
            Throws.ArgumentException.With.Message.Contains("stride height must be at least 1 but is 0"));
    }

    [Test]
    public void PoolCreate_PaddingOverHalfWindow_Throws()
    {
        Assert.That(() => Pool2dGeometry.Create(1, 4, 4, 2, 2, 2),
            Throws.ArgumentException.With.Message.Contains("padding 2x2 is more than half the 2x2 window"));
    }

    [Test]
    public void PoolCreate_WindowLargerThanInput_Throws()
    {
        Assert.That(() => Pool2dGeometry.Create(1, 3, 5, 4, 1),
            Throws.ArgumentException.With.Message.Contains("the 4x4 window is larger than the 3x5 padded input"));
    }

    [Test]
    public void MaxPool2dBackward_IndexOutsidePlane_Throws()
    {
        Pool2dGeometry g = Pool2dGeometry.Create(1, 4, 4, 2, 2);
        int[] argmax = [0, 1, 16, 3];

        Assert.That(() => PoolingKernels.MaxPool2dBackward(g, 1, new float[4], argmax, new float[16]),
            Throws.ArgumentException.With.Message.Contains("argmax[2] = 16 is outside its input plane of 16 pixels"));
    }

    [Test]
    public void MaxPool2dForward_ArgmaxTooShort_Throws()
    {
        Pool2dGeometry g = Pool2dGeometry.Create(2, 4, 4, 2, 2);

        Assert.That(() => PoolingKernels.MaxPool2dForward(g, 1, new float[32], new float[8], new int[7]),
            Throws.ArgumentException.With.Message.Contains("argmax has 7 elements but [B=1, C=2, OH=2, OW=2]"));
    }
}
