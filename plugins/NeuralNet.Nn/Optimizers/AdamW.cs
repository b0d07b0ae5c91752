using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// AdamW, as <c>torch.optim.AdamW</c>: w ← w·(1 − lr·λ), then the Adam update m ← β₁m + (1 − β₁)g;
/// v ← β₂v + (1 − β₂)g²; w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
/// Options: <see cref="AdamWOptions.LearningRate"/> (0.001), <see cref="AdamWOptions.Beta1"/> (0.9),
/// <see cref="AdamWOptions.Beta2"/> (0.999), <see cref="AdamWOptions.Epsilon"/> (1e-8), <see cref="AdamWOptions.WeightDecay"/>.
/// </summary>
[Component("adamw", Description = "AdamW: Adam with decoupled weight decay.")]
public sealed class AdamW(AdamWOptions options)
    : AdamBase("adamw", options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, decoupled: true);
