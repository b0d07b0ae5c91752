namespace NeuralNet.Kernels;

/// <summary>values = f(values), in place: an element-wise activation that a kernel applies to a block it has just written.</summary>
public delegate void InPlaceMap(Span<float> values);

/// <summary>gradient = gradient · f'(x), in place, from the activation's output y = f(x).</summary>
public delegate void GradientScale(ReadOnlySpan<float> output, Span<float> gradient);

/// <summary>Output planes of a per-plane layer (pooling) from its input planes <paramref name="firstPlane"/> (<c>b·C + c</c>)
/// to <paramref name="firstPlane"/> + <paramref name="count"/> − 1, consecutive in both spans.</summary>
public delegate void PlaneForward(int firstPlane, int count, ReadOnlySpan<float> input, Span<float> output);

/// <summary>Input-plane gradients of a per-plane layer (overwritten) from its output-plane gradients, for planes
/// <paramref name="firstPlane"/> to <paramref name="firstPlane"/> + <paramref name="count"/> − 1.</summary>
public delegate void PlaneBackward(int firstPlane, int count, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);
