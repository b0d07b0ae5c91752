namespace NeuralNet.Kernels;

/// <summary>values = f(values), in place: an element-wise activation that a kernel applies to a block it has just written.</summary>
public delegate void InPlaceMap(Span<float> values);

/// <summary>gradient = gradient · f'(x), in place, from the activation's output y = f(x).</summary>
public delegate void GradientScale(ReadOnlySpan<float> output, Span<float> gradient);
