using System.Runtime.InteropServices;
using NeuralNet.Kernels.Threading;

namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class WinogradConvolutionTests
{
    private const int Filters = 5;

    // 3x3 stride-1 geometries the algorithm takes: odd outputs (a last tile past the edge), no and wide padding,
    // asymmetric pads, tile rows of 7, 8, 16 and 19 tiles (the eight-lane blocks, their spill and the carry past a
    // block), an input smaller than a tile.
    private static readonly Dictionary<string, Func<Conv2dGeometry>> Geometries = new()
    {
        ["same 14x14 (the CNN's second layer)"] = () => Conv2dGeometry.Same(3, 14, 14, 3, 3),
        ["same 7x5 (odd output)"] = () => Conv2dGeometry.Same(3, 7, 5, 3, 3),
        ["valid 6x9"] = () => Conv2dGeometry.Symmetric(2, 6, 9, 3, 3),
        ["padding 2 on 5x5"] = () => Conv2dGeometry.Symmetric(2, 5, 5, 3, 3, 1, 1, 2, 2),
        ["asymmetric pads 0/2, 2/1 on 5x8"] = () => Conv2dGeometry.Create(2, 5, 8, 3, 3, 1, 1, 0, 2, 2, 1, 1, 1),
        ["same 4x16 (8 tiles a row)"] = () => Conv2dGeometry.Same(2, 4, 16, 3, 3),
        ["same 3x32 (16 tiles a row)"] = () => Conv2dGeometry.Same(2, 3, 32, 3, 3),
        ["same 9x37 (19 tiles a row)"] = () => Conv2dGeometry.Same(2, 9, 37, 3, 3),
        ["1x1 input, padding 1"] = () => Conv2dGeometry.Symmetric(2, 1, 1, 3, 3, 1, 1, 1, 1),
    };

    private static IEnumerable<string> GeometryNames() => Geometries.Keys;

    private int _savedThreads;

    [SetUp]
    public void SaveThreads() => _savedThreads = KernelSettings.MaxThreads;

    [TearDown]
    public void RestoreThreads() => KernelSettings.MaxThreads = _savedThreads;

    [TestCaseSource(nameof(GeometryNames))]
    public void Conv2dForward_Geometries_MatchesNaiveConvolution(string name)
    {
        Conv2dGeometry g = Geometries[name]();
        foreach (int batch in new[] { 1, 3, 11 }) // 11 of 14x14 makes several chunks
        {
            ConvolutionReference reference = ConvolutionReference.For(g, batch, Filters);
            float[] x = GemmReference.Random(batch * g.InputSize, 1);
            float[] w = GemmReference.Random(Filters * g.ColumnCount, 2);
            float[] tied = GemmReference.Random(Filters, 3), untied = GemmReference.Random(Filters * g.OutputPositions, 4);
            float[] scratch = GemmReference.Random(WinogradConvolution.ForwardScratchLength(g, batch, Filters) + 5, 5); // garbage in the slack

            foreach ((string kind, float[] bias) in new[] { ("no bias", Array.Empty<float>()), ("tied", tied), ("untied", untied) })
            {
                float[] y = GemmReference.Random(batch * Filters * g.OutputPositions, 6);
                WinogradConvolution.Conv2dForward(g, batch, Filters, x, w, bias, y, scratch);
                ConvolutionReference.AssertClose(y, reference.Forward(x, w, bias), $"y ({kind}, batch {batch})");
            }
        }
    }

    [TestCaseSource(nameof(GeometryNames))]
    public void Conv2dBackward_Geometries_MatchesNaiveGradients(string name)
    {
        Conv2dGeometry g = Geometries[name]();
        foreach (int batch in new[] { 1, 3, 11 })
        {
            ConvolutionReference reference = ConvolutionReference.For(g, batch, Filters);
            float[] x = GemmReference.Random(batch * g.InputSize, 7);
            float[] w = GemmReference.Random(Filters * g.ColumnCount, 8);
            float[] dy = GemmReference.Random(batch * Filters * g.OutputPositions, 9);
            float[] scratch = GemmReference.Random(WinogradConvolution.BackwardScratchLength(g, batch, Filters), 10);

            foreach (bool tied in new[] { true, false })
            {
                float[] dw = GemmReference.Random(w.Length, 11), dx = GemmReference.Random(x.Length, 12);
                float[] db = GemmReference.Random(tied ? Filters : Filters * g.OutputPositions, 13);

                WinogradConvolution.Conv2dBackward(g, batch, Filters, x, w, dy, dw, db, dx, scratch);

                string kind = $"{(tied ? "tied" : "untied")}, batch {batch}";
                ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), $"dW ({kind})");
                ConvolutionReference.AssertClose(db, reference.BiasGradient(dy, tied), $"db ({kind})");
                ConvolutionReference.AssertClose(dx, reference.InputGradient(w, dy), $"dX ({kind})");
            }
        }
    }

    [Test]
    public void Conv2dBackward_NoInputGradientNoBias_ComputesWeightGradientOnly()
    {
        Conv2dGeometry g = Geometries["same 7x5 (odd output)"]();
        const int batch = 4;
        ConvolutionReference reference = ConvolutionReference.For(g, batch, Filters);
        float[] x = GemmReference.Random(batch * g.InputSize, 14), w = GemmReference.Random(Filters * g.ColumnCount, 15);
        float[] dy = GemmReference.Random(batch * Filters * g.OutputPositions, 16);
        float[] dw = new float[w.Length], scratch = new float[WinogradConvolution.BackwardScratchLength(g, batch, Filters)];

        WinogradConvolution.Conv2dBackward(g, batch, Filters, x, w, dy, dw, [], [], scratch);

        ConvolutionReference.AssertClose(dw, reference.WeightGradient(x, dy), "dW");
    }

    [Test]
    public void Conv2dBackward_TiedBias_BitwiseAsBiasGradient()
    {
        Conv2dGeometry g = Conv2dGeometry.Same(16, 14, 14, 3, 3);
        const int batch = 9, filters = 6;
        float[] x = GemmReference.Random(batch * g.InputSize, 21), w = GemmReference.Random(filters * g.ColumnCount, 22);
        float[] dy = GemmReference.Random(batch * filters * g.OutputPositions, 23);
        float[] dw = new float[w.Length], db = new float[filters], expected = new float[filters];
        float[] scratch = new float[WinogradConvolution.BackwardScratchLength(g, batch, filters)];

        WinogradConvolution.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, [], scratch);
        ConvolutionKernels.BiasGradient(batch, filters, g.OutputPositions, dy, expected);

        Assert.That(db, Is.EqualTo(expected));
    }

    [Test]
    public void ForwardAndBackward_OneTwoOrThreeThreads_BitwiseIdentical()
    {
        // 40 samples of 14x14 are 14 chunks in 8 groups: every part count splits them differently.
        Conv2dGeometry g = Conv2dGeometry.Same(16, 14, 14, 3, 3);
        const int batch = 40, filters = 16;
        Assert.That(batch / WinogradConvolution.ChunkSamples(g, batch), Is.GreaterThan(8), "chunks");

        float[][] Run()
        {
            float[] x = GemmReference.Random(batch * g.InputSize, 31), w = GemmReference.Random(filters * g.ColumnCount, 32);
            float[] bias = GemmReference.Random(filters, 33), dy = GemmReference.Random(batch * filters * g.OutputPositions, 34);
            float[] scratch = new float[WinogradConvolution.BackwardScratchLength(g, batch, filters)];
            float[] y = new float[dy.Length], dw = new float[w.Length], db = new float[filters], dx = new float[x.Length];
            WinogradConvolution.Conv2dForward(g, batch, filters, x, w, bias, y, scratch);
            WinogradConvolution.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, dx, scratch);
            return [y, dw, db, dx];
        }

        KernelSettings.MaxThreads = 1;
        float[][] single = Run();
        string[] names = ["y", "dW", "db", "dX"];
        foreach (int threads in new[] { 2, 3 })
        {
            KernelSettings.MaxThreads = threads;
            float[][] split = Run();
            for (int i = 0; i < single.Length; i++)
                Assert.That(MemoryMarshal.AsBytes(split[i].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(single[i].AsSpan())), Is.True,
                    $"{names[i]} with {threads} threads");
        }
    }

    [Test]
    public void ForwardAndBackward_WarmCalls_AllocateNothing()
    {
        KernelSettings.MaxThreads = Math.Max(2, Environment.ProcessorCount);
        Conv2dGeometry g = Conv2dGeometry.Same(16, 14, 14, 3, 3);
        const int batch = 12, filters = 16;
        float[] x = GemmReference.Random(batch * g.InputSize, 41), w = GemmReference.Random(filters * g.ColumnCount, 42);
        float[] bias = new float[filters], y = new float[batch * filters * g.OutputPositions], dy = GemmReference.Random(y.Length, 43);
        float[] dw = new float[w.Length], db = new float[filters], dx = new float[x.Length];
        float[] scratch = new float[WinogradConvolution.BackwardScratchLength(g, batch, filters)];

        void Step()
        {
            WinogradConvolution.Conv2dForward(g, batch, filters, x, w, bias, y, scratch);
            WinogradConvolution.Conv2dBackward(g, batch, filters, x, w, dy, dw, db, dx, scratch);
        }

        for (int warm = 0; warm < 3; warm++) Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Supports_OnlyThreeByThreeStrideOneUndilated()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WinogradConvolution.Supports(Conv2dGeometry.Same(4, 8, 8, 3, 3)), Is.True);
            Assert.That(WinogradConvolution.Supports(Conv2dGeometry.Symmetric(4, 8, 8, 3, 3, 1, 1, 3, 3)), Is.True, "any padding");
            Assert.That(WinogradConvolution.Supports(Conv2dGeometry.Same(4, 8, 8, 3, 3, 2, 2)), Is.False, "stride 2");
            Assert.That(WinogradConvolution.Supports(Conv2dGeometry.Same(4, 8, 8, 3, 3, 1, 1, 2, 2)), Is.False, "dilation 2");
            Assert.That(WinogradConvolution.Supports(Conv2dGeometry.Same(4, 8, 8, 5, 5)), Is.False, "5x5");
            Assert.That(WinogradConvolution.Preferred(Conv2dGeometry.Same(1, 28, 28, 3, 3), 32), Is.False, "one input channel");
        });
    }

    [Test]
    public void Conv2dForward_UnsupportedGeometryOrShortScratch_ThrowsNamingIt()
    {
        Conv2dGeometry strided = Conv2dGeometry.Same(2, 8, 8, 3, 3, 2, 2), g = Conv2dGeometry.Same(2, 8, 8, 3, 3);
        float[] x = new float[g.InputSize], w = new float[Filters * g.ColumnCount], y = new float[Filters * g.OutputPositions];

        var unsupported = Assert.Throws<ArgumentException>(() => WinogradConvolution.ForwardScratchLength(strided, 1, Filters));
        var shortScratch = Assert.Throws<ArgumentException>(() => WinogradConvolution.Conv2dForward(g, 1, Filters, x, w, [], y,
            new float[WinogradConvolution.ForwardScratchLength(g, 1, Filters) - 1]));

        Assert.Multiple(() =>
        {
            Assert.That(unsupported!.Message, Does.Contain("3x3 kernel with stride 1"));
            Assert.That(shortScratch!.ParamName, Is.EqualTo("scratch"));
        });
    }
}
