namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class ConvolutionKernelsTests
{
    private const int Batch = 3, Filters = 4;

    // Odd shapes from the brief plus edge cases: asymmetric padding, unequal strides, whole output rows in padding.
    private static readonly Dictionary<string, Func<Conv2dGeometry>> Geometries = new()
    {
        ["C3 7x5 k3x2 s2 p1 d2"] = () => Conv2dGeometry.Symmetric(3, 7, 5, 3, 2, 2, 2, 1, 1, 2, 2),
        ["same k4x2 (even kernels)"] = () => Conv2dGeometry.Same(3, 7, 5, 4, 2),
        ["same k3x3 stride 2"] = () => Conv2dGeometry.Same(2, 7, 6, 3, 3, 2, 2),
        ["valid k3x3"] = () => Conv2dGeometry.Symmetric(1, 6, 6, 3, 3),
        ["same k3x3 dilation 2 (rows shifted by two)"] = () => Conv2dGeometry.Same(2, 6, 7, 3, 3, 1, 1, 2, 2),
        ["same k5x1 (taller than the input reaches)"] = () => Conv2dGeometry.Same(2, 3, 4, 5, 1),
        ["asymmetric pads, strides 1x3, dilation 1x2"] = () => Conv2dGeometry.Create(2, 5, 8, 2, 3, 1, 3, 0, 2, 2, 1, 1, 2),
        ["padding wider than the kernel reach"] = () => Conv2dGeometry.Symmetric(2, 3, 3, 2, 2, 1, 1, 3, 3),
        ["1x1 kernel stride 2"] = () => Conv2dGeometry.Symmetric(3, 5, 7, 1, 1, 2, 2),
    };

    private static IEnumerable<string> GeometryNames() => Geometries.Keys;

    [TestCaseSource(nameof(GeometryNames))]
    public void Conv2dForward_OddGeometries_MatchesNaiveConvolution(string name)
    {
        Conv2dGeometry g = Geometries[name]();
        ConvolutionReference reference = ConvolutionReference.For(g, Batch, Filters);
        float[] x = GemmReference.Random(Batch * g.InputSize, 1);
        float[] w = GemmReference.Random(Filters * g.ColumnCount, 2);
        float[] tied = GemmReference.Random(Filters, 3);
        float[] untied = GemmReference.Random(Filters * g.OutputPositions, 4);
        float[] scratch = new float[ConvolutionKernels.ForwardScratchLength(g, Batch, Filters) + 7];

        foreach ((string kind, float[] bias) in new[] { ("no bias", Array.Empty<float>()), ("tied", tied), ("untied", untied) })
        {
            float[] y = GemmReference.Random(Batch * Filters * g.OutputPositions, 5); // garbage to overwrite
            ConvolutionKernels.Conv2dForward(g, Batch, Filters, x, w, bias, y, scratch);
            ConvolutionReference.AssertClose(y, reference.Forward(x, w, bias), $"y ({kind})");
        }
    }

    [TestCaseSource(nameof(GeometryNames))]
    public void Conv2dBackward_OddGeometries_MatchesNaiveGradients(string name)
    {
        Conv2dGeometry g = Geometries[name]();
        ConvolutionReference reference = ConvolutionReference.For(g, Batch, Filters);
        float[] x = GemmReference.Random(Batch * g.InputSize, 6);
        float[] w = GemmReference.Random(Filters * g.ColumnCount, 7);
        float[] dy = GemmReference.Random(Batch * Filters * g.OutputPositions, 8);
        float[] scratch = GemmReference.Random(ConvolutionKernels.BackwardScratchLength(g, Batch, Filters), 9);

        foreach (bool tied in new[] { true, false })
        {
            float[] dw = GemmReference.Random(w.Length, 10), dx = GemmReference.Random(x.Length, 11);
            float[] db = GemmReference.Random(tied ? Filters : Filters * g.OutputPositions, 12);

            ConvolutionKernels.Conv2dBackward(g, Batch, Filters, x, w, dy, dw, db, dx, scratch);

            string kind = tied ? "tied" : "untied";
            ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), $"dW ({kind})");
            ConvolutionReference.AssertClose(db, reference.BiasGradient(dy, tied), $"db ({kind})");
            ConvolutionReference.AssertClose(dx, reference.InputGradient(w, dy), $"dX ({kind})");
        }
    }

    [Test]
    public void Conv2dBackward_NoInputGradientNoBias_ComputesWeightGradientOnly()
    {
        Conv2dGeometry g = Geometries["C3 7x5 k3x2 s2 p1 d2"]();
        ConvolutionReference reference = ConvolutionReference.For(g, Batch, Filters);
        float[] x = GemmReference.Random(Batch * g.InputSize, 13);
        float[] w = GemmReference.Random(Filters * g.ColumnCount, 14);
        float[] dy = GemmReference.Random(Batch * Filters * g.OutputPositions, 15);
        float[] dw = new float[w.Length];
        float[] scratch = new float[ConvolutionKernels.BackwardScratchLength(g, Batch, Filters)];

        ConvolutionKernels.Conv2dBackward(g, Batch, Filters, x, w, dy, dw, [], [], scratch);

        ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), "dW");
    }

    [TestCase(16, 16, 5)]
    [TestCase(1, 28, 3)]
    public void Conv2dBackward_TiedBias_SumsPlanesInChunksBitwiseAsBiasGradientDoes(int channels, int side, int batch)
    {
        Conv2dGeometry g = Conv2dGeometry.Same(channels, side, side, 3, 3);
        const int filters = 6;
        float[] x = GemmReference.Random(batch * g.InputSize, 21), w = GemmReference.Random(filters * g.ColumnCount, 22);
        float[] dy = GemmReference.Random(batch * filters * g.OutputPositions, 23);
        float[] dw = new float[w.Length], db = GemmReference.Random(filters, 24), expected = new float[filters];
        float[] scratch = GemmReference.Random(ConvolutionKernels.BackwardScratchLength(g, batch, filters), 25);

        ConvolutionKernels.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, [], scratch);
        ConvolutionKernels.BiasGradient(batch, filters, g.OutputPositions, dy, expected);

        Assert.That(db, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(GeometryNames))]
    public void Im2Col_OddGeometries_MatchesDefinition(string name)
    {
        Conv2dGeometry g = Geometries[name]();
        float[] x = GemmReference.Random(Batch * g.InputSize, 16);
        float[] col = GemmReference.Random(Batch * g.OutputPositions * g.ColumnCount, 17);

        ConvolutionKernels.Im2Col(g, Batch, x, col);

        for (int b = 0; b < Batch; b++)
            for (int oh = 0; oh < g.OutputHeight; oh++)
                for (int ow = 0; ow < g.OutputWidth; ow++)
                    for (int c = 0; c < g.Channels; c++)
                        for (int kh = 0; kh < g.KernelHeight; kh++)
                            for (int kw = 0; kw < g.KernelWidth; kw++)
                            {
                                int ih = oh * g.StrideHeight - g.PadTop + kh * g.DilationHeight;
                                int iw = ow * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                                bool inside = ih >= 0 && ih < g.InputHeight && iw >= 0 && iw < g.InputWidth;
                                float expected = inside ? x[((b * g.Channels + c) * g.InputHeight + ih) * g.InputWidth + iw] : 0f;
                                int row = (c * g.KernelHeight + kh) * g.KernelWidth + kw;
                                int column = (b * g.OutputHeight + oh) * g.OutputWidth + ow;
                                Assert.That(col[row * Batch * g.OutputPositions + column], Is.EqualTo(expected), $"col[{row}, {column}]");
                            }
    }

    [TestCaseSource(nameof(GeometryNames))]
    public void Col2Im_OddGeometries_IsAdjointOfIm2Col(string name)
    {
        // <im2col(x), d> = <x, col2im(d)> for all x, d: checked with random x, d in double.
        Conv2dGeometry g = Geometries[name]();
        float[] x = GemmReference.Random(Batch * g.InputSize, 18);
        float[] d = GemmReference.Random(Batch * g.OutputPositions * g.ColumnCount, 19);
        float[] col = new float[d.Length], dx = GemmReference.Random(x.Length, 20);

        ConvolutionKernels.Im2Col(g, Batch, x, col);
        ConvolutionKernels.Col2Im(g, Batch, d, dx);

        double left = 0, right = 0, scale = 0;
        for (int i = 0; i < col.Length; i++)
        {
            left += (double)col[i] * d[i];
            scale += Math.Abs((double)col[i] * d[i]);
        }

        for (int i = 0; i < x.Length; i++)
            right += (double)x[i] * dx[i];
        Assert.That(right, Is.EqualTo(left).Within(1e-5 * scale + 1e-9));
    }

    [TestCase(16, 16, 5)] // K·P = 36 864 floats a sample, at most 7 a chunk: two chunks of 5; K = 144: partial dW as [F, K]
    [TestCase(1, 64, 1)]  // 4 096 positions (at least DirectMinPositions): one-sample chunks read and write y and dY in place; K = 9: partial dW as [K, F]
    [TestCase(2, 23, 1)]  // 529 positions, the smallest direct case here; 10 chunks in 8 groups of partial dW
    [TestCase(4, 14, 10)] // rows of 14 (13 inside the kernel's reach): the 8 + 4 + scalar paths of the row copies and adds
    public void Conv2d_ChunkedBatchesAndRowWidths_MatchNaiveConvolution(int channels, int side, int chunk)
    {
        Conv2dGeometry g = Conv2dGeometry.Same(channels, side, side, 3, 3);
        const int batch = 10, filters = 5;
        Assert.That(ConvolutionKernels.ChunkSamples(g, batch), Is.EqualTo(chunk));
        ConvolutionReference reference = ConvolutionReference.For(g, batch, filters);
        float[] x = GemmReference.Random(batch * g.InputSize, 31);
        float[] w = GemmReference.Random(filters * g.ColumnCount, 32);
        float[] bias = GemmReference.Random(filters, 33);
        float[] dy = GemmReference.Random(batch * filters * g.OutputPositions, 34);
        float[] scratch = new float[ConvolutionKernels.BackwardScratchLength(g, batch, filters)];
        float[] y = new float[dy.Length], dw = new float[w.Length], db = new float[filters], dx = new float[x.Length];

        ConvolutionKernels.Conv2dForward(g, batch, filters, x, w, bias, y, scratch);
        ConvolutionKernels.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, dx, scratch);

        ConvolutionReference.AssertClose(y, reference.Forward(x, w, bias), "y");
        ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), "dW");
        ConvolutionReference.AssertClose(db, reference.BiasGradient(dy, tied: true), "db");
        ConvolutionReference.AssertClose(dx, reference.InputGradient(w, dy), "dX");
    }

    [TestCase(0)]   // no bias: the GEMM's output is y, untouched afterwards
    [TestCase(3)]   // tied: added in place
    [TestCase(-1)]  // untied (F·OH·OW values): added in place
    public void Conv2d_OneSampleChunks_EveryBiasKind_MatchNaiveConvolution(int biasLength)
    {
        Conv2dGeometry g = Conv2dGeometry.Same(2, 23, 23, 3, 3);
        const int batch = 5, filters = 3;
        Assert.That(ConvolutionKernels.ChunkSamples(g, batch), Is.EqualTo(1), "529 positions: one sample a chunk");
        int length = biasLength < 0 ? filters * g.OutputPositions : biasLength;
        ConvolutionReference reference = ConvolutionReference.For(g, batch, filters);
        float[] x = GemmReference.Random(batch * g.InputSize, 41);
        float[] w = GemmReference.Random(filters * g.ColumnCount, 42);
        float[] bias = GemmReference.Random(length, 43);
        float[] dy = GemmReference.Random(batch * filters * g.OutputPositions, 44);
        float[] scratch = GemmReference.Random(ConvolutionKernels.BackwardScratchLength(g, batch, filters), 45); // garbage: must be overwritten
        float[] y = GemmReference.Random(dy.Length, 46), dw = new float[w.Length], db = new float[length], dx = new float[x.Length];

        ConvolutionKernels.Conv2dForward(g, batch, filters, x, w, bias, y, scratch);
        ConvolutionKernels.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, dx, scratch);

        ConvolutionReference.AssertClose(y, reference.Forward(x, w, bias), "y");
        ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), "dW");
        if (length > 0) ConvolutionReference.AssertClose(db, reference.BiasGradient(dy, tied: length == filters), "db");
        ConvolutionReference.AssertClose(dx, reference.InputGradient(w, dy), "dX");
    }

    [Test]
    public void Same_EvenKernel_PutsExtraPixelBottomRight()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(3, 7, 5, 4, 2);

        Assert.That((g.PadTop, g.PadBottom, g.PadLeft, g.PadRight), Is.EqualTo((1, 2, 0, 1)));
        Assert.That((g.OutputHeight, g.OutputWidth), Is.EqualTo((7, 5)));
    }

    [Test]
    public void Same_Stride2_OutputIsCeilOfInputOverStride()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(1, 7, 8, 3, 3, 2, 2);

        // H: out 4, total (4-1)·2 + 3 - 7 = 2 -> 1/1; W: out 4, total 3·2 + 3 - 8 = 1 -> 0/1.
        Assert.That((g.OutputHeight, g.OutputWidth), Is.EqualTo((4, 4)));
        Assert.That((g.PadTop, g.PadBottom, g.PadLeft, g.PadRight), Is.EqualTo((1, 1, 0, 1)));
    }

    [Test]
    public void Symmetric_StrideDilationPadding_OutputFollowsFloorFormula()
    {
        // floor((7 + 2 - 2·2 - 1) / 2) + 1 = 3 and floor((5 + 2 - 2·1 - 1) / 2) + 1 = 3.
        Conv2dGeometry g = Conv2dGeometry.Symmetric(3, 7, 5, 3, 2, 2, 2, 1, 1, 2, 2);

        Assert.That((g.OutputHeight, g.OutputWidth, g.ColumnCount, g.OutputPositions), Is.EqualTo((3, 3, 18, 9)));
    }
}
