namespace NeuralNet.Kernels.Tests;

/// <summary>
/// Naive direct convolution in double, written from the definition (no im2col): each input pixel index is computed
/// and range-checked per tap. Results come with the sum of the terms' magnitudes, for a relative error bound.
/// </summary>
internal sealed class ConvolutionReference(int batch, int channels, int height, int width, int filters,
    int kernelH, int kernelW, int strideH, int strideW, int padTop, int padLeft, int dilationH, int dilationW,
    int outH, int outW)
{
    public static ConvolutionReference For(Conv2dGeometry g, int batch, int filters)
        => new(batch, g.Channels, g.InputHeight, g.InputWidth, filters, g.KernelHeight, g.KernelWidth,
            g.StrideHeight, g.StrideWidth, g.PadTop, g.PadLeft, g.DilationHeight, g.DilationWidth,
            g.OutputHeight, g.OutputWidth);

    private int X(int b, int c, int h, int w) => ((b * channels + c) * height + h) * width + w;

    private int Y(int b, int f, int h, int w) => ((b * filters + f) * outH + h) * outW + w;

    private int Wt(int f, int c, int h, int w) => ((f * channels + c) * kernelH + h) * kernelW + w;

    /// <summary>Calls <paramref name="visit"/>(xIndex, yIndex, wIndex) for every tap that reads a real input pixel.</summary>
    private void ForEachTap(Action<int, int, int> visit)
    {
        for (int b = 0; b < batch; b++)
            for (int f = 0; f < filters; f++)
                for (int oh = 0; oh < outH; oh++)
                    for (int ow = 0; ow < outW; ow++)
                        for (int c = 0; c < channels; c++)
                            for (int kh = 0; kh < kernelH; kh++)
                                for (int kw = 0; kw < kernelW; kw++)
                                {
                                    int ih = oh * strideH - padTop + kh * dilationH;
                                    int iw = ow * strideW - padLeft + kw * dilationW;
                                    if (ih < 0 || ih >= height || iw < 0 || iw >= width)
                                        continue;
                                    visit(X(b, c, ih, iw), Y(b, f, oh, ow), Wt(f, c, kh, kw));
                                }
    }

    /// <summary>y = conv(x, w) + bias (bias: empty, per filter, or per filter and position).</summary>
    public (double[] Value, double[] Magnitude) Forward(float[] x, float[] w, float[] bias)
    {
        var value = new double[batch * filters * outH * outW];
        var magnitude = new double[value.Length];
        ForEachTap((xi, yi, wi) =>
        {
            value[yi] += (double)x[xi] * w[wi];
            magnitude[yi] += Math.Abs((double)x[xi] * w[wi]);
        });
        int positions = outH * outW;
        for (int i = 0; i < value.Length; i++)
        {
            int f = i / positions % filters, p = i % positions;
            double add = bias.Length == 0 ? 0 : bias.Length == filters ? bias[f] : bias[f * positions + p];
            value[i] += add;
            magnitude[i] += Math.Abs(add);
        }

        return (value, magnitude);
    }

    /// <summary>dW[f, c, kh, kw] = Σ dy · x over all taps.</summary>
    public (double[] Value, double[] Magnitude) WeightGradient(float[] x, float[] dy)
    {
        var value = new double[filters * channels * kernelH * kernelW];
        var magnitude = new double[value.Length];
        ForEachTap((xi, yi, wi) =>
        {
            value[wi] += (double)dy[yi] * x[xi];
            magnitude[wi] += Math.Abs((double)dy[yi] * x[xi]);
        });
        return (value, magnitude);
    }

    /// <summary>dX[b, c, ih, iw] = Σ dy · w over all taps reading that pixel.</summary>
    public (double[] Value, double[] Magnitude) InputGradient(float[] w, float[] dy)
    {
        var value = new double[batch * channels * height * width];
        var magnitude = new double[value.Length];
        ForEachTap((xi, yi, wi) =>
        {
            value[xi] += (double)dy[yi] * w[wi];
            magnitude[xi] += Math.Abs((double)dy[yi] * w[wi]);
        });
        return (value, magnitude);
    }

    /// <summary>db: tied (one per filter) sums over batch and positions; untied sums over the batch only.</summary>
    public (double[] Value, double[] Magnitude) BiasGradient(float[] dy, bool tied)
    {
        int positions = outH * outW;
        var value = new double[tied ? filters : filters * positions];
        var magnitude = new double[value.Length];
        for (int b = 0; b < batch; b++)
            for (int f = 0; f < filters; f++)
                for (int p = 0; p < positions; p++)
                {
                    int target = tied ? f : f * positions + p;
                    double g = dy[(b * filters + f) * positions + p];
                    value[target] += g;
                    magnitude[target] += Math.Abs(g);
                }

        return (value, magnitude);
    }

    /// <summary>Asserts |actual - expected| ≤ 1e-4 · Σ|terms| (+ 1e-6) elementwise, naming the first bad element.</summary>
    public static void AssertClose(float[] actual, (double[] Value, double[] Magnitude) expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Value.Length), what);
        for (int i = 0; i < actual.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected.Value[i]);
            double bound = 1e-4 * expected.Magnitude[i] + 1e-6;
            if (!(error <= bound))
                Assert.Fail($"{what}[{i}] = {actual[i]} but reference is {expected.Value[i]} (error {error:G3} > {bound:G3})");
        }
    }
}
