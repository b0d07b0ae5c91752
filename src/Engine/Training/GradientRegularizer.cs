using System.Numerics.Tensors;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Layers;

namespace NeuralNet.Engine.Training;

/// <summary>
/// What happens to the gradients between the backward pass and the optimizer step: L1 and L2 weight penalties (a
/// layer's own <c>L1</c>/<c>L2</c>, else <c>Training:L1</c>/<c>L2</c>), then clipping by value (<c>ClipValue</c>), then by
/// global norm (<c>ClipNorm</c>).
/// </summary>
/// <remarks>
/// <para>Penalties follow Keras' convention: the loss gains L1·Σ|w| + L2·Σw², so the gradient gains L1·sign(w) + 2·L2·w
/// (sign(0) = 0). They apply to weights only (<see cref="Parameter.Regularize"/>: kernels yes, biases, batch-norm
/// scales and prelu slopes no). Note that an optimizer's <c>WeightDecay</c> λ instead adds λ·w (PyTorch's convention),
/// which equals L2 = λ/2.</para>
/// <para>Clipping by value clamps every gradient element to [−ClipValue, ClipValue] (PyTorch's <c>clip_grad_value_</c>);
/// clipping by norm then scales all gradients together so their global L2 norm is at most ClipNorm (<c>clip_grad_norm_</c>).
/// Nothing is allocated per step.</para>
/// </remarks>
public sealed class GradientRegularizer
{
    private readonly Parameter[] _parameters;
    private readonly Parameter[] _penalized;
    private readonly float[] _l1;
    private readonly float[] _l2;
    private readonly float? _clipValue;
    private readonly float? _clipNorm;

    /// <param name="model">Its layers' penalties (<see cref="SequentialModel.Penalties"/>) override the global ones.</param>
    /// <param name="settings">Global L1, L2, ClipValue, ClipNorm.</param>
    public GradientRegularizer(SequentialModel model, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        _parameters = model.Parameters.ToArray();
        var penalized = new List<(Parameter P, float L1, float L2)>();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            LayerPenalty own = model.Penalties[i];
            float l1 = own.L1 ?? settings.L1, l2 = own.L2 ?? settings.L2;
            if (l1 == 0 && l2 == 0) continue;
            foreach (Parameter p in model.Layers[i].Parameters)
                if (p.Regularize) penalized.Add((p, l1, l2));
        }
        _penalized = penalized.Select(x => x.P).ToArray();
        _l1 = penalized.Select(x => x.L1).ToArray();
        _l2 = penalized.Select(x => x.L2).ToArray();
        _clipValue = settings.ClipValue;
        _clipNorm = settings.ClipNorm;
    }

    /// <summary>Adds the penalties' gradients, clips, and returns the penalty to add to the batch loss.</summary>
    public float Apply()
    {
        float penalty = 0;
        for (int i = 0; i < _penalized.Length; i++)
        {
            Span<float> w = _penalized[i].Value.Span;
            Span<float> g = _penalized[i].Gradient.Span;
            float l1 = _l1[i], l2 = _l2[i];
            if (l2 > 0)
            {
                penalty += l2 * TensorPrimitives.SumOfSquares(w);
                TensorPrimitives.MultiplyAdd(w, 2 * l2, g, g);
            }
            if (l1 > 0)
            {
                penalty += l1 * TensorPrimitives.SumOfMagnitudes(w);
                for (int j = 0; j < w.Length; j++) g[j] += l1 * MathF.Sign(w[j]);
            }
        }
        if (_clipValue is float value)
            foreach (Parameter p in _parameters)
            {
                Span<float> g = p.Gradient.Span;
                TensorPrimitives.Min(g, value, g);
                TensorPrimitives.Max(g, -value, g);
            }
        if (_clipNorm is float norm) ClipByNorm(norm);
        return penalty;
    }

    /// <summary>Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    private void ClipByNorm(float maxNorm)
    {
        double sumSquares = 0;
        foreach (Parameter p in _parameters) sumSquares += TensorPrimitives.SumOfSquares(p.Gradient.Span);
        double norm = Math.Sqrt(sumSquares);
        if (norm <= maxNorm || norm == 0) return;
        float scale = (float)(maxNorm / norm);
        foreach (Parameter p in _parameters) TensorPrimitives.Multiply(p.Gradient.Span, scale, p.Gradient.Span);
    }
}
