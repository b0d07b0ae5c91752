namespace NeuralNet.Kernels.Tests;

/// <summary>Naive pooling over an explicitly padded window, in double, written from PyTorch's definitions.</summary>
internal static class PoolingReference
{
    /// <summary>Max over each window (padding = -inf), first maximum wins; with the winner's index ih·W + iw.</summary>
    public static (float[] Values, int[] Indices) MaxPool(Pool2dGeometry g, int batch, float[] x)
    {
        var values = new float[batch * g.OutputSize];
        var indices = new int[values.Length];
        int i = 0;
        for (int plane = 0; plane < batch * g.Channels; plane++)
            for (int oh = 0; oh < g.OutputHeight; oh++)
                for (int ow = 0; ow < g.OutputWidth; ow++, i++)
                {
                    float best = float.NegativeInfinity;
                    int bestIndex = -1;
                    for (int kh = 0; kh < g.PoolHeight; kh++)
                        for (int kw = 0; kw < g.PoolWidth; kw++)
                        {
                            int ih = oh * g.StrideHeight - g.PadHeight + kh, iw = ow * g.StrideWidth - g.PadWidth + kw;
                            bool inside = ih >= 0 && ih < g.InputHeight && iw >= 0 && iw < g.InputWidth;
                            float value = inside ? x[(plane * g.InputHeight + ih) * g.InputWidth + iw] : float.NegativeInfinity;
                            if (inside && (bestIndex < 0 || value > best))
                            {
                                best = value;
                                bestIndex = ih * g.InputWidth + iw;
                            }
                        }

                    values[i] = best;
                    indices[i] = bestIndex;
                }

        return (values, indices);
    }

    /// <summary>Scatter of dy onto the recorded winners, summed in double.</summary>
    public static double[] MaxPoolBackward(Pool2dGeometry g, int batch, float[] dy, int[] indices)
    {
        var dx = new double[batch * g.InputSize];
        int planeOut = g.OutputHeight * g.OutputWidth, planeIn = g.InputHeight * g.InputWidth;
        for (int i = 0; i < dy.Length; i++)
            dx[i / planeOut * planeIn + indices[i]] += dy[i];
        return dx;
    }

    /// <summary>Window sums with zero padding, divided by pool area or by the real pixels in the window.</summary>
    public static double[] AvgPool(Pool2dGeometry g, int batch, float[] x, bool includePadding)
    {
        var y = new double[batch * g.OutputSize];
        int i = 0;
        for (int plane = 0; plane < batch * g.Channels; plane++)
            for (int oh = 0; oh < g.OutputHeight; oh++)
                for (int ow = 0; ow < g.OutputWidth; ow++, i++)
                {
                    double sum = 0;
                    int count = 0;
                    foreach ((int ih, int iw) in Window(g, oh, ow))
                    {
                        sum += x[(plane * g.InputHeight + ih) * g.InputWidth + iw];
                        count++;
                    }

                    y[i] = sum / (includePadding ? g.PoolHeight * g.PoolWidth : count);
                }

        return y;
    }

    /// <summary>dx[pixel] = Σ over windows containing it of dy / divisor.</summary>
    public static double[] AvgPoolBackward(Pool2dGeometry g, int batch, float[] dy, bool includePadding)
    {
        var dx = new double[batch * g.InputSize];
        int i = 0;
        for (int plane = 0; plane < batch * g.Channels; plane++)
            for (int oh = 0; oh < g.OutputHeight; oh++)
                for (int ow = 0; ow < g.OutputWidth; ow++, i++)
                {
                    List<(int, int)> pixels = Window(g, oh, ow).ToList();
                    double share = (double)dy[i] / (includePadding ? g.PoolHeight * g.PoolWidth : pixels.Count);
                    foreach ((int ih, int iw) in pixels)
                        dx[(plane * g.InputHeight + ih) * g.InputWidth + iw] += share;
                }

        return dx;
    }

    /// <summary>The real input pixels of window (oh, ow).</summary>
    private static IEnumerable<(int, int)> Window(Pool2dGeometry g, int oh, int ow)
    {
        for (int kh = 0; kh < g.PoolHeight; kh++)
            for (int kw = 0; kw < g.PoolWidth; kw++)
            {
                int ih = oh * g.StrideHeight - g.PadHeight + kh, iw = ow * g.StrideWidth - g.PadWidth + kw;
                if (ih >= 0 && ih < g.InputHeight && iw >= 0 && iw < g.InputWidth)
                    yield return (ih, iw);
            }
    }
}
