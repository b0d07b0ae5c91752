using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Adadelta (<c>torch.optim.Adadelta</c>): d = g + λw; s ← ρs + (1 − ρ)d²; Δ = √(a + ε)/√(s + ε)·d;
    /// a ← ρa + (1 − ρ)Δ²; w ← w − lr·Δ.
    /// </summary>
    public static void Adadelta(Span<float> w, ReadOnlySpan<float> g, Span<float> squareAverage, Span<float> accumulatedDelta,
        float learningRate, float rho, float epsilon, float weightDecay)
        => ParallelUpdate.Run(w, g, squareAverage, accumulatedDelta, new AdadeltaUpdate(learningRate, rho, epsilon, weightDecay));

    /// <summary>
    /// Adamax (<c>torch.optim.Adamax</c>): d = g + λw; m ← β₁m + (1 − β₁)d; u ← max(β₂u, |d| + ε);
    /// w ← w − lr/(1 − β₁ᵗ)·m/u, for step t (1 for the first call).
    /// </summary>
    public static void Adamax(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> u,
        float learningRate, float beta1, float beta2, float epsilon, int step, float weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        float stepSize = (float)(learningRate / (1.0 - Math.Pow(beta1, step)));
        ParallelUpdate.Run(w, g, m, u, new AdamaxUpdate(stepSize, beta1, beta2, epsilon, weightDecay));
    }

    /// <summary>
    /// NAdam (<c>torch.optim.NAdam</c>, 1.13): d = g + λw; m ← β₁m + (1 − β₁)d; v ← β₂v + (1 − β₂)d²;
    /// with D = √(v/(1 − β₂ᵗ)) + ε, w ← w − <paramref name="gradientStep"/>·d/D − <paramref name="momentStep"/>·m/D,
    /// where the caller computes gradientStep = lr·(1 − μₜ)/(1 − Π) and momentStep = lr·μₜ₊₁/(1 − Π′) (Π the product of μ)
    /// from the momentum schedule μₜ = β₁·(1 − ½·0.96^(t·ψ)) (see <see cref="NAdamMomentum"/>).
    /// </summary>
    public static void NAdam(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float gradientStep, float momentStep, float beta1, float beta2, float epsilon, int step, float weightDecay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        float inverseBiasCorrection2 = (float)(1.0 / (1.0 - Math.Pow(beta2, step)));
        ParallelUpdate.Run(w, g, m, v, new NAdamUpdate(gradientStep, momentStep, beta1, beta2, epsilon, inverseBiasCorrection2, weightDecay));
    }

    /// <summary>NAdam's momentum schedule: μₜ = β₁·(1 − ½·0.96^(t·<paramref name="momentumDecay"/>)).</summary>
    public static double NAdamMomentum(float beta1, float momentumDecay, int step)
        => beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * (double)momentumDecay));

    private readonly struct SgdUpdate(float lr, float decay) : SimdKernels.IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Invoke(float w, float g) => w - lr * (g + decay * w);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Invoke(Vector256<float> w, Vector256<float> g) => w - (g + w * decay) * lr;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Invoke(Vector512<float> w, Vector512<float> g) => w - (g + w * decay) * lr;
    }

    private readonly struct SgdMomentumUpdate(float lr, float momentum, bool nesterov, float decay) : SimdKernels.IUpdate1Operator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float v)
        {
            float d = g + decay * w;
            v = SimdKernels.FlushDenormal(momentum * v + d);
            w -= lr * (nesterov ? d + momentum * v : v);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> v)
        {
            Vector256<float> d = g + w * decay;
            v = SimdKernels.FlushDenormal(v * momentum + d);
            w -= (nesterov ? d + v * momentum : v) * lr;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float m, ref float v)
        {
            g += l2 * w;
            w *= shrink;
            m = SimdKernels.FlushDenormal(beta1 * m + (1f - beta1) * g);
            v = SimdKernels.FlushDenormal(beta2 * v + (1f - beta2) * g * g);
            w -= stepSize * m / (MathF.Sqrt(v) * inverseSqrtBiasCorrection2 + epsilon);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v)
        {
            g += w * l2;
            w *= shrink;
            m = SimdKernels.FlushDenormal(m * beta1 + g * (1f - beta1));
            v = SimdKernels.FlushDenormal(v * beta2 + g * g * (1f - beta2));
            w -= m * stepSize / (Vector256.Sqrt(v) * inverseSqrtBiasCorrection2 + Vector256.Create(epsilon));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float s)
        {
            float d = g + decay * w;
            s = SimdKernels.FlushDenormal(alpha * s + (1f - alpha) * d * d);
            w -= lr * d / (MathF.Sqrt(s) + epsilon);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s)
        {
            Vector256<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            w -= d * lr / (Vector256.Sqrt(s) + Vector256.Create(epsilon));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s)
        {
            Vector512<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            w -= d * lr / (Vector512.Sqrt(s) + Vector512.Create(epsilon));
        }
    }

    private readonly struct RmsPropMomentumUpdate(float lr, float alpha, float epsilon, float momentum, float decay) : SimdKernels.IUpdate2Operator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float s, ref float b)
        {
            float d = g + decay * w;
            s = SimdKernels.FlushDenormal(alpha * s + (1f - alpha) * d * d);
            b = SimdKernels.FlushDenormal(momentum * b + d / (MathF.Sqrt(s) + epsilon));
            w -= lr * b;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s, ref Vector256<float> b)
        {
            Vector256<float> d = g + w * decay;
            s = SimdKernels.FlushDenormal(s * alpha + d * d * (1f - alpha));
            b = SimdKernels.FlushDenormal(b * momentum + d / (Vector256.Sqrt(s) + Vector256.Create(epsilon)));
            w -= b * lr;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float s)
        {
            float d = g + decay * w;
            s += d * d;
            w -= lr * d / (MathF.Sqrt(s) + epsilon);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s)
        {
            Vector256<float> d = g + w * decay;
            s += d * d;
            w -= d * lr / (Vector256.Sqrt(s) + Vector256.Create(epsilon));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s)
        {
            Vector512<float> d = g + w * decay;
            s += d * d;
            w -= d * lr / (Vector512.Sqrt(s) + Vector512.Create(epsilon));
        }
    }

    private readonly struct AdadeltaUpdate(float lr, float rho, float epsilon, float decay) : SimdKernels.IUpdate2Operator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float s, ref float a)
        {
            float d = g + decay * w;
            s = SimdKernels.FlushDenormal(rho * s + (1f - rho) * d * d);
            float delta = MathF.Sqrt(a + epsilon) / MathF.Sqrt(s + epsilon) * d;
            a = SimdKernels.FlushDenormal(rho * a + (1f - rho) * delta * delta);
            w -= lr * delta;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> s, ref Vector256<float> a)
        {
            Vector256<float> d = g + w * decay, eps = Vector256.Create(epsilon);
            s = SimdKernels.FlushDenormal(s * rho + d * d * (1f - rho));
            Vector256<float> delta = Vector256.Sqrt(a + eps) / Vector256.Sqrt(s + eps) * d;
            a = SimdKernels.FlushDenormal(a * rho + delta * delta * (1f - rho));
            w -= delta * lr;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> s, ref Vector512<float> a)
        {
            Vector512<float> d = g + w * decay, eps = Vector512.Create(epsilon);
            s = SimdKernels.FlushDenormal(s * rho + d * d * (1f - rho));
            Vector512<float> delta = Vector512.Sqrt(a + eps) / Vector512.Sqrt(s + eps) * d;
            a = SimdKernels.FlushDenormal(a * rho + delta * delta * (1f - rho));
            w -= delta * lr;
        }
    }

    private readonly struct AdamaxUpdate(float stepSize, float beta1, float beta2, float epsilon, float decay) : SimdKernels.IUpdate2Operator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float m, ref float u)
        {
            float d = g + decay * w;
            m = SimdKernels.FlushDenormal(beta1 * m + (1f - beta1) * d);
            u = MathF.Max(beta2 * u, MathF.Abs(d) + epsilon);
            w -= stepSize * m / u;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> u)
        {
            Vector256<float> d = g + w * decay;
            m = SimdKernels.FlushDenormal(m * beta1 + d * (1f - beta1));
            u = Vector256.Max(u * beta2, Vector256.Abs(d) + Vector256.Create(epsilon));
            w -= m * stepSize / u;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> u)
        {
            Vector512<float> d = g + w * decay;
            m = SimdKernels.FlushDenormal(m * beta1 + d * (1f - beta1));
            u = Vector512.Max(u * beta2, Vector512.Abs(d) + Vector512.Create(epsilon));
            w -= m * stepSize / u;
        }
    }

    private readonly struct NAdamUpdate(float gradientStep, float momentStep, float beta1, float beta2, float epsilon, float inverseBiasCorrection2, float decay)
        : SimdKernels.IUpdate2Operator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref float w, float g, ref float m, ref float v)
        {
            float d = g + decay * w;
            m = SimdKernels.FlushDenormal(beta1 * m + (1f - beta1) * d);
            v = SimdKernels.FlushDenormal(beta2 * v + (1f - beta2) * d * d);
            float denominator = MathF.Sqrt(v * inverseBiasCorrection2) + epsilon;
            w -= gradientStep * d / denominator;
            w -= momentStep * m / denominator;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v)
        {
            Vector256<float> d = g + w * decay;
            m = SimdKernels.FlushDenormal(m * beta1 + d * (1f - beta1));
            v = SimdKernels.FlushDenormal(v * beta2 + d * d * (1f - beta2));
            Vector256<float> denominator = Vector256.Sqrt(v * inverseBiasCorrection2) + Vector256.Create(epsilon);
            w -= d * gradientStep / denominator;
            w -= m * momentStep / denominator;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> v)
        {
            Vector512<float> d = g + w * decay;
            m = SimdKernels.FlushDenormal(m * beta1 + d * (1f - beta1));
            v = SimdKernels.FlushDenormal(v * beta2 + d * d * (1f - beta2));
            Vector512<float> denominator = Vector512.Sqrt(v * inverseBiasCorrection2) + Vector512.Create(epsilon);
            w -= d * gradientStep / denominator;
            w -= m * momentStep / denominator;
        }
    }
}
