using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// Optimizer updates, each fused into one vectorised pass over a parameter's values w, its gradient g and the
/// optimizer's state, allocating nothing. The formulas are PyTorch's (<c>torch.optim</c>, 1.13), so results match
/// it step for step. An L2 <c>weightDecay</c> adds weightDecay·w to the gradient first; Adam's decoupled form
/// (AdamW) instead shrinks w by (1 − lr·weightDecay) before the update.
/// </summary>
/// <remarks>All spans of one call must have the same length, else <see cref="ArgumentException"/>.</remarks>
public static class OptimizerKernels
{
    /// <summary>Plain SGD: w ← w − lr·(g + λw).</summary>
    public static void Sgd(Span<float> w, ReadOnlySpan<float> g, float learningRate, float weightDecay)
        => SimdKernels.Map(w, g, w, new SgdUpdate(learningRate, weightDecay));

    /// <summary>
    /// SGD with momentum: d = g + λw; v ← μv + d; w ← w − lr·(nesterov ? d + μv : v). The velocity starts at zero,
    /// so the first step is v = d, as in PyTorch.
    /// </summary>
    public static void SgdMomentum(Span<float> w, ReadOnlySpan<float> g, Span<float> velocity,
        float learningRate, float momentum, bool nesterov, float weightDecay)
        => ParallelUpdate.Run(w, g, velocity, new SgdMomentumUpdate(learningRate, momentum, nesterov, weightDecay));

    /// <summary>
    /// Adam: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε),
    /// for step t (1 for the first call). With <paramref name="decoupledWeightDecay"/>, w is first multiplied by
    /// (1 − lr·λ) (AdamW); otherwise λw is added to g (L2).
    /// </summary>
    public static void Adam(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float learningRate, float beta1, float beta2, float epsilon, int step, float weightDecay, bool decoupledWeightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        var update = new AdamUpdate(
            stepSize: (float)(learningRate / biasCorrection1),
            inverseSqrtBiasCorrection2: (float)(1.0 / Math.Sqrt(biasCorrection2)),
            beta1, beta2, epsilon,
            l2: decoupledWeightDecay ? 0f : weightDecay,
            shrink: decoupledWeightDecay ? 1f - learningRate * weightDecay : 1f);
        ParallelUpdate.Run(w, g, m, v, update);
    }

    /// <summary>RMSprop: d = g + λw; s ← αs + (1 − α)d²; w ← w − lr·d / (√s + ε).</summary>
    public static void RmsProp(Span<float> w, ReadOnlySpan<float> g, Span<float> squareAverage,
        float learningRate, float alpha, float epsilon, float weightDecay)
        => ParallelUpdate.Run(w, g, squareAverage, new RmsPropUpdate(learningRate, alpha, epsilon, weightDecay));

    /// <summary>RMSprop with momentum: d = g + λw; s ← αs + (1 − α)d²; b ← μb + d / (√s + ε); w ← w − lr·b.</summary>
    public static void RmsPropMomentum(Span<float> w, ReadOnlySpan<float> g, Span<float> squareAverage, Span<float> momentumBuffer,
        float learningRate, float alpha, float epsilon, float momentum, float weightDecay)
        => ParallelUpdate.Run(w, g, squareAverage, momentumBuffer, new RmsPropMomentumUpdate(learningRate, alpha, epsilon, momentum, weightDecay));

    /// <summary>Adagrad: d = g + λw; s ← s + d²; w ← w − lr·d / (√s + ε).</summary>
    public static void Adagrad(Span<float> w, ReadOnlySpan<float> g, Span<float> sumOfSquares,
        float learningRate, float epsilon, float weightDecay)
        => ParallelUpdate.Run(w, g, sumOfSquares, new AdagradUpdate(learningRate, epsilon, weightDecay));

    private readonly struct SgdUpdate(float lr, float decay) : SimdKernels.IBinaryOperator
    {
        public float Invoke(float w, float g) => w - lr * (g + decay * w);

        public Vector256<float> Invoke(Vector256<float> w, Vector256<float> g) => w - (g + w * decay) * lr;

        public Vector512<float> Invoke(Vector512<float> w, Vector512<float> g) => w - (g + w * decay) * lr;
    }

    private readonly struct SgdMomentumUpdate(float lr, float momentum, bool nesterov, float decay) : SimdKernels.IUpdate1Operator
    {
        public void Invoke(ref float w, float g, ref float v)
        {
            float d = g + decay * w;
            v = SimdKernels.FlushDenormal(momentum * v + d);
            w -= lr * (nesterov ? d + momentum * v : v);
        }

        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> v)
        {
            Vector256<float> d = g + w * decay;
            v = SimdKernels.FlushDenormal(v * momentum + d);
            w -= (nesterov ? d + v * momentum : v) * lr;
        }

        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> v)
        {
            Vector512<float> d = g + w * decay;
            v = SimdKernels.FlushDenormal(v * momentum + d);
            w -= (nesterov ? d + v * momentum : v) * lr;
        }
    }

    private readonly struct AdamUpdate(float stepSize, float inverseSqrtBiasCorrection2, float beta1, float beta2, float epsilon, float l2, float shrink)
        : SimdKernels.IUpdate2Operator
    {
        public void Invoke(ref float w, float g, ref float m, ref float v)
        {
            g += l2 * w;
            w *= shrink;
            m = SimdKernels.FlushDenormal(beta1 * m + (1f - beta1) * g);
            v = SimdKernels.FlushDenormal(beta2 * v + (1f - beta2) * g * g);
            w -= stepSize * m / (MathF.Sqrt(v) * inverseSqrtBiasCorrection2 + epsilon);
        }

        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v)
        {
            g += w * l2;
            w *= shrink;
            m = SimdKernels.FlushDenormal(m * beta1 + g * (1f - beta1));
            v = SimdKernels.FlushDenormal(v * beta2 + g * g * (1f - beta2));
            w -= m * stepSize / (Vector256.Sqrt(v) * inverseSqrtBiasCorrection2 + Vector256.Create(epsilon));
        }

        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> v)
        {
            g += w * l2;
            w *= shrink;
            m = SimdKernels.FlushDenormal(m * beta1 + g * (1f - beta1));
            v = SimdKernels.FlushDenormal(v * beta2 + g * g * (1f - beta2));
            w -= m * stepSize / (Vector512.Sqrt(v) * inverseSqrtBiasCorrection2 + Vector512.Create(epsilon));
        }
    }

    private readonly struct RmsPropUpdate(float lr, float alpha, float epsilon, float decay) : SimdKernels.IUpdate1Operator
    {
        public void Invoke(ref float w, float g, ref float s)
        {
            float d = g + decay * w;
            s = SimdKernels.FlushDenormal(alpha * s + (1f - alpha) * d * d);
            w -= lr * d / (MathF.Sqrt(s) + epsilon);
        }

        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s)
        {
            Vector256<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            w -= d * lr / (Vector256.Sqrt(s) + Vector256.Create(epsilon));
        }

        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s)
        {
            Vector512<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            w -= d * lr / (Vector512.Sqrt(s) + Vector512.Create(epsilon));
        }
    }

    private readonly struct RmsPropMomentumUpdate(float lr, float alpha, float epsilon, float momentum, float decay) : SimdKernels.IUpdate2Operator
    {
        public void Invoke(ref float w, float g, ref float s, ref float b)
        {
            float d = g + decay * w;
            s = SimdKernels.FlushDenormal(alpha * s + (1f - alpha) * d * d);
            b = SimdKernels.FlushDenormal(momentum * b + d / (MathF.Sqrt(s) + epsilon));
            w -= lr * b;
        }

        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s, ref Vector256<float> b)
        {
            Vector256<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            b = SimdKernels.FlushDenormal(b * momentum + d / (Vector256.Sqrt(s) + Vector256.Create(epsilon)));
            w -= b * lr;
        }

        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s, ref Vector512<float> b)
        {
            Vector512<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            b = SimdKernels.FlushDenormal(b * momentum + d / (Vector512.Sqrt(s) + Vector512.Create(epsilon)));
            w -= b * lr;
        }
    }

    private readonly struct AdagradUpdate(float lr, float epsilon, float decay) : SimdKernels.IUpdate1Operator
    {
        public void Invoke(ref float w, float g, ref float s)
        {
            float d = g + decay * w;
            s += d * d;
            w -= lr * d / (MathF.Sqrt(s) + epsilon);
        }

        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s)
        {
            Vector256<float> d = g + w * decay;
            s += d * d;
            w -= d * lr / (Vector256.Sqrt(s) + Vector256.Create(epsilon));
        }

        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s)
        {
            Vector512<float> d = g + w * decay;
            s += d * d;
            w -= d * lr / (Vector512.Sqrt(s) + Vector512.Create(epsilon));
        }
    }
}
