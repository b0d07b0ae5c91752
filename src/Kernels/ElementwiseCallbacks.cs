namespace NeuralNet.Kernels;

/// <summary>values = f(values), in place: an element-wise activation that a kernel applies to a block it has just written.</summary>
public delegate void InPlaceMap(Span<float> values);

/// <summary>gradient = gradient · f'(x), in place, from the activation's output y = f(x).</summary>
public delegate void GradientScale(ReadOnlySpan<float> output, Span<float> gradient);

/// <summary>Output plane of a per-plane layer (pooling) from its input plane <paramref name="plane"/> (<c>b·C + c</c>).</summary>
public delegate void PlaneForward(int plane, ReadOnlySpan<float> input, Span<float> output);

/// <summary>Input-plane gradient of a per-plane layer (overwritten) from its output-plane gradient, for plane <paramref name="plane"/>.</summary>
public delegate void PlaneBackward(int plane, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);
