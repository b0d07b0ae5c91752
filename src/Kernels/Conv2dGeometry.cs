namespace NeuralNet.Kernels;

/// <summary>
/// The immutable shape of a 2-D convolution over one image of <see cref="Channels"/> x <see cref="InputHeight"/> x
/// <see cref="InputWidth"/>: kernel size, stride, zero padding on each side and dilation, and the output size they
/// give. Create it with <see cref="Create"/>, <see cref="Symmetric"/> or <see cref="Same"/>, which validate it.
/// </summary>
/// <remarks>
/// <para>Output size per axis (PyTorch's and TensorFlow's formula):
/// <c>OH = floor((H + padTop + padBottom - dilationH·(KH - 1) - 1) / strideH) + 1</c>, likewise OW.
/// Output position (oh, ow) and kernel tap (kh, kw) read input pixel
/// <c>(oh·strideH - padTop + kh·dilationH, ow·strideW - padLeft + kw·dilationW)</c>, or zero where that lies in the
/// padding.</para>
/// <para>The filter count is not part of the geometry: the kernels take it with the weights, which are laid out
/// [F, C, KH, KW] like PyTorch's (so one filter is a row of <see cref="ColumnCount"/> = C·KH·KW values).</para>
/// </remarks>
public sealed class Conv2dGeometry : IEquatable<Conv2dGeometry>
{
    private Conv2dGeometry(int channels, int inputHeight, int inputWidth, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padBottom, int padLeft, int padRight,
        int dilationHeight, int dilationWidth, int outputHeight, int outputWidth)
    {
        Channels = channels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadBottom = padBottom;
        PadLeft = padLeft;
        PadRight = padRight;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
    }

    /// <summary>Input channels C.</summary>
    public int Channels { get; }

    /// <summary>Input height H.</summary>
    public int InputHeight { get; }

    /// <summary>Input width W.</summary>
    public int InputWidth { get; }

    /// <summary>Kernel height KH.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel width KW.</summary>
    public int KernelWidth { get; }

    /// <summary>Vertical stride (at least 1).</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride (at least 1).</summary>
    public int StrideWidth { get; }

    /// <summary>Zero rows added above the input.</summary>
    public int PadTop { get; }

    /// <summary>Zero rows added below the input.</summary>
    public int PadBottom { get; }

    /// <summary>Zero columns added left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>Zero columns added right of the input.</summary>
    public int PadRight { get; }

    /// <summary>Vertical dilation: spacing between kernel taps (1 = adjacent).</summary>
    public int DilationHeight { get; }

    /// <summary>Horizontal dilation: spacing between kernel taps (1 = adjacent).</summary>
    public int DilationWidth { get; }

    /// <summary>Output height OH.</summary>
    public int OutputHeight { get; }

    /// <summary>Output width OW.</summary>
    public int OutputWidth { get; }

    /// <summary>Values in one input image, C·H·W.</summary>
    public int InputSize => Channels * InputHeight * InputWidth;

    /// <summary>Output positions per image and filter, OH·OW.</summary>
    public int OutputPositions => OutputHeight * OutputWidth;

    /// <summary>Columns of the im2col matrix and weights per filter, K = C·KH·KW.</summary>
    public int ColumnCount => Channels * KernelHeight * KernelWidth;

    /// <summary>Validates and creates a geometry with independent padding on each of the four sides.</summary>
    /// <exception cref="ArgumentException">
    /// A size, stride or dilation is less than 1, a padding is negative, the dilated kernel
    /// (<c>dilation·(k - 1) + 1</c>) is larger than the padded input on either axis, or a tensor would exceed
    /// <see cref="int.MaxValue"/> elements; the message gives the whole geometry, and <see cref="ArgumentException.ParamName"/>
    /// is <c>kernelHeight</c> or <c>kernelWidth</c> when the kernel does not fit.
    /// </exception>
    public static Conv2dGeometry Create(int channels, int inputHeight, int inputWidth, int kernelHeight,
        int kernelWidth, int strideHeight, int strideWidth, int padTop, int padBottom, int padLeft, int padRight,
        int dilationHeight = 1, int dilationWidth = 1)
    {
        string? problem =
            Positive(channels, "channels") ?? Positive(inputHeight, "input height") ?? Positive(inputWidth, "input width")
            ?? Positive(kernelHeight, "kernel height") ?? Positive(kernelWidth, "kernel width")
            ?? Positive(strideHeight, "stride height") ?? Positive(strideWidth, "stride width")
            ?? Positive(dilationHeight, "dilation height") ?? Positive(dilationWidth, "dilation width")
            ?? NonNegative(padTop, "padding top") ?? NonNegative(padBottom, "padding bottom")
            ?? NonNegative(padLeft, "padding left") ?? NonNegative(padRight, "padding right");
        long paddedHeight = (long)inputHeight + padTop + padBottom, paddedWidth = (long)inputWidth + padLeft + padRight;
        long extentHeight = (long)dilationHeight * (kernelHeight - 1) + 1, extentWidth = (long)dilationWidth * (kernelWidth - 1) + 1;
        string? parameter = null; // which argument is at fault, for callers that map it to their own option
        if (problem is null && extentHeight > paddedHeight)
            (problem, parameter) = ($"the kernel spans {extentHeight} rows (dilation {dilationHeight}) but the padded input has only {paddedHeight}", nameof(kernelHeight));
        if (problem is null && extentWidth > paddedWidth)
            (problem, parameter) = ($"the kernel spans {extentWidth} columns (dilation {dilationWidth}) but the padded input has only {paddedWidth}", nameof(kernelWidth));
        long outputHeight = problem is null ? (paddedHeight - extentHeight) / strideHeight + 1 : 0;
        long outputWidth = problem is null ? (paddedWidth - extentWidth) / strideWidth + 1 : 0;
        if (problem is null && ((long)channels * inputHeight * inputWidth > int.MaxValue
            || (long)channels * kernelHeight * kernelWidth > int.MaxValue || outputHeight * outputWidth > int.MaxValue))
            problem = "a tensor would exceed int.MaxValue elements";
        if (problem is not null)
        {
            throw new ArgumentException(
                $"Conv2dGeometry: {problem}; input [C={channels}, H={inputHeight}, W={inputWidth}], " +
                $"kernel {kernelHeight}x{kernelWidth}, stride {strideHeight}x{strideWidth}, " +
                $"padding top {padTop} bottom {padBottom} left {padLeft} right {padRight}, " +
                $"dilation {dilationHeight}x{dilationWidth}.", parameter);
        }

        return new Conv2dGeometry(channels, inputHeight, inputWidth, kernelHeight, kernelWidth, strideHeight,
            strideWidth, padTop, padBottom, padLeft, padRight, dilationHeight, dilationWidth,
            (int)outputHeight, (int)outputWidth);
    }

    /// <summary>
    /// Validates and creates a geometry with the same padding on both sides of each axis, like PyTorch's
    /// <c>Conv2d(padding=(padH, padW))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static Conv2dGeometry Symmetric(int channels, int inputHeight, int inputWidth, int kernelHeight,
        int kernelWidth, int strideHeight = 1, int strideWidth = 1, int padHeight = 0, int padWidth = 0,
        int dilationHeight = 1, int dilationWidth = 1)
        => Create(channels, inputHeight, inputWidth, kernelHeight, kernelWidth, strideHeight, strideWidth,
            padHeight, padHeight, padWidth, padWidth, dilationHeight, dilationWidth);

    /// <summary>
    /// "Same" padding: the output has <c>ceil(H / strideH)</c> x <c>ceil(W / strideW)</c> positions (H x W at
    /// stride 1), as TensorFlow's <c>padding="SAME"</c> and, at stride 1, PyTorch's <c>padding="same"</c>.
    /// </summary>
    /// <remarks>
    /// Total padding per axis is <c>max((ceil(H / s) - 1)·s + d·(k - 1) + 1 - H, 0)</c>; the top (left) side gets
    /// half of it rounded down and the bottom (right) side the rest, so an even kernel pads one more pixel at the
    /// bottom and right.
    /// </remarks>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static Conv2dGeometry Same(int channels, int inputHeight, int inputWidth, int kernelHeight,
        int kernelWidth, int strideHeight = 1, int strideWidth = 1, int dilationHeight = 1, int dilationWidth = 1)
    {
        int padHeight = SamePadding(inputHeight, kernelHeight, strideHeight, dilationHeight);
        int padWidth = SamePadding(inputWidth, kernelWidth, strideWidth, dilationWidth);
        return Create(channels, inputHeight, inputWidth, kernelHeight, kernelWidth, strideHeight, strideWidth,
            padHeight / 2, padHeight - padHeight / 2, padWidth / 2, padWidth - padWidth / 2,
            dilationHeight, dilationWidth);
    }

    /// <inheritdoc />
    public bool Equals(Conv2dGeometry? other)
        => other is not null && Channels == other.Channels && InputHeight == other.InputHeight
            && InputWidth == other.InputWidth && KernelHeight == other.KernelHeight
            && KernelWidth == other.KernelWidth && StrideHeight == other.StrideHeight
            && StrideWidth == other.StrideWidth && PadTop == other.PadTop && PadBottom == other.PadBottom
            && PadLeft == other.PadLeft && PadRight == other.PadRight && DilationHeight == other.DilationHeight
            && DilationWidth == other.DilationWidth;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Conv2dGeometry);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(HashCode.Combine(Channels, InputHeight, InputWidth, KernelHeight, KernelWidth),
            HashCode.Combine(StrideHeight, StrideWidth, PadTop, PadBottom, PadLeft, PadRight),
            HashCode.Combine(DilationHeight, DilationWidth));

    /// <summary>The shape in words, for error messages and logs.</summary>
    public override string ToString()
        => $"input [C={Channels}, H={InputHeight}, W={InputWidth}], kernel {KernelHeight}x{KernelWidth}, " +
            $"stride {StrideHeight}x{StrideWidth}, padding top {PadTop} bottom {PadBottom} left {PadLeft} " +
            $"right {PadRight}, dilation {DilationHeight}x{DilationWidth}, output {OutputHeight}x{OutputWidth}";

    private static int SamePadding(int input, int kernel, int stride, int dilation)
    {
        if (input < 1 || kernel < 1 || stride < 1 || dilation < 1)
            return 0; // Create reports the bad value
        long output = (input + (long)stride - 1) / stride;
        long total = (output - 1) * stride + (long)dilation * (kernel - 1) + 1 - input;
        return (int)Math.Clamp(total, 0, int.MaxValue / 2);
    }

    private static string? Positive(int value, string name) => value >= 1 ? null : $"{name} must be at least 1 but is {value}";

    private static string? NonNegative(int value, string name) => value >= 0 ? null : $"{name} must be non-negative but is {value}";
}
