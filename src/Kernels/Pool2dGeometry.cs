namespace NeuralNet.Kernels;

/// <summary>
/// The immutable shape of a 2-D pooling over one image of <see cref="Channels"/> x <see cref="InputHeight"/> x
/// <see cref="InputWidth"/>: window size, stride and symmetric padding, with PyTorch's rules (floor mode, no
/// dilation). Create it with <see cref="Create(int, int, int, int, int, int, int, int, int)"/>, which validates it.
/// </summary>
/// <remarks>
/// <para>Output size per axis: <c>OH = floor((H + 2·padH - poolH) / strideH) + 1</c>, likewise OW. Window (oh, ow)
/// covers input rows <c>oh·strideH - padH</c> .. <c>oh·strideH - padH + poolH - 1</c>, likewise columns.</para>
/// <para>As in PyTorch, padding is at most half the window on each axis, so every window holds at least one real
/// input pixel (a max pool never outputs the padding's -inf).</para>
/// </remarks>
public sealed class Pool2dGeometry : IEquatable<Pool2dGeometry>
{
    private Pool2dGeometry(int channels, int inputHeight, int inputWidth, int poolHeight, int poolWidth,
        int strideHeight, int strideWidth, int padHeight, int padWidth, int outputHeight, int outputWidth)
    {
        Channels = channels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadHeight = padHeight;
        PadWidth = padWidth;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
    }

    /// <summary>Channels C (pooled independently).</summary>
    public int Channels { get; }

    /// <summary>Input height H.</summary>
    public int InputHeight { get; }

    /// <summary>Input width W.</summary>
    public int InputWidth { get; }

    /// <summary>Window height.</summary>
    public int PoolHeight { get; }

    /// <summary>Window width.</summary>
    public int PoolWidth { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Padding rows above and below the input.</summary>
    public int PadHeight { get; }

    /// <summary>Padding columns left and right of the input.</summary>
    public int PadWidth { get; }

    /// <summary>Output height OH.</summary>
    public int OutputHeight { get; }

    /// <summary>Output width OW.</summary>
    public int OutputWidth { get; }

    /// <summary>Values in one input image, C·H·W.</summary>
    public int InputSize => Channels * InputHeight * InputWidth;

    /// <summary>Values in one output image, C·OH·OW.</summary>
    public int OutputSize => Channels * OutputHeight * OutputWidth;

    /// <summary>Validates and creates a pooling geometry.</summary>
    /// <exception cref="ArgumentException">
    /// A size or stride is less than 1, a padding is negative or more than half the window, the window is larger
    /// than the padded input, or a tensor would exceed <see cref="int.MaxValue"/> elements; the message gives the
    /// whole geometry.
    /// </exception>
    public static Pool2dGeometry Create(int channels, int inputHeight, int inputWidth, int poolHeight, int poolWidth,
        int strideHeight, int strideWidth, int padHeight = 0, int padWidth = 0)
    {
        string? problem = null;
        foreach ((int value, string name) in (ReadOnlySpan<(int, string)>)[(channels, "channels"),
                     (inputHeight, "input height"), (inputWidth, "input width"), (poolHeight, "pool height"),
                     (poolWidth, "pool width"), (strideHeight, "stride height"), (strideWidth, "stride width")])
        {
            if (value < 1)
            {
                problem = $"{name} must be at least 1 but is {value}";
                break;
            }
        }

        if (problem is null && (padHeight < 0 || padWidth < 0))
            problem = $"padding must be non-negative but is {padHeight}x{padWidth}";
        if (problem is null && (2L * padHeight > poolHeight || 2L * padWidth > poolWidth))
            problem = $"padding {padHeight}x{padWidth} is more than half the {poolHeight}x{poolWidth} window";
        long paddedHeight = inputHeight + 2L * padHeight, paddedWidth = inputWidth + 2L * padWidth;
        string? parameter = null; // which argument is at fault, for callers that map it to their own option
        if (problem is null && (poolHeight > paddedHeight || poolWidth > paddedWidth))
            (problem, parameter) = ($"the {poolHeight}x{poolWidth} window is larger than the {paddedHeight}x{paddedWidth} padded input",
                poolHeight > paddedHeight ? nameof(poolHeight) : nameof(poolWidth));
        long outputHeight = problem is null ? (paddedHeight - poolHeight) / strideHeight + 1 : 0;
        long outputWidth = problem is null ? (paddedWidth - poolWidth) / strideWidth + 1 : 0;
        if (problem is null && ((long)channels * inputHeight * inputWidth > int.MaxValue
            || channels * outputHeight * outputWidth > int.MaxValue))
            problem = "a tensor would exceed int.MaxValue elements";
        if (problem is not null)
        {
            throw new ArgumentException(
                $"Pool2dGeometry: {problem}; input [C={channels}, H={inputHeight}, W={inputWidth}], " +
                $"window {poolHeight}x{poolWidth}, stride {strideHeight}x{strideWidth}, padding {padHeight}x{padWidth}.", parameter);
        }

        return new Pool2dGeometry(channels, inputHeight, inputWidth, poolHeight, poolWidth, strideHeight,
            strideWidth, padHeight, padWidth, (int)outputHeight, (int)outputWidth);
    }

    /// <summary>Square window, stride and padding: <c>Create(c, h, w, pool, pool, stride, stride, padding, padding)</c>.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Create(int, int, int, int, int, int, int, int, int)"/>.</exception>
    public static Pool2dGeometry Create(int channels, int inputHeight, int inputWidth, int poolSize, int stride,
        int padding = 0)
        => Create(channels, inputHeight, inputWidth, poolSize, poolSize, stride, stride, padding, padding);

    /// <inheritdoc />
    public bool Equals(Pool2dGeometry? other)
        => other is not null && Channels == other.Channels && InputHeight == other.InputHeight
            && InputWidth == other.InputWidth && PoolHeight == other.PoolHeight && PoolWidth == other.PoolWidth
            && StrideHeight == other.StrideHeight && StrideWidth == other.StrideWidth
            && PadHeight == other.PadHeight && PadWidth == other.PadWidth;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Pool2dGeometry);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(HashCode.Combine(Channels, InputHeight, InputWidth, PoolHeight, PoolWidth),
            StrideHeight, StrideWidth, PadHeight, PadWidth);

    /// <summary>The shape in words, for error messages and logs.</summary>
    public override string ToString()
        => $"input [C={Channels}, H={InputHeight}, W={InputWidth}], window {PoolHeight}x{PoolWidth}, " +
            $"stride {StrideHeight}x{StrideWidth}, padding {PadHeight}x{PadWidth}, output {OutputHeight}x{OutputWidth}";
}
