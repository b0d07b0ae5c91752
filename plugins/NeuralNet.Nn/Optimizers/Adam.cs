using NeuralNet.Components;

namespace NeuralNet.Nn.Optimizers;

/// <summary>
/// Adam, as <c>torch.optim.Adam</c>: m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε), with an optional L2 term λw added to g first.
/// Options: <see cref="AdamOptions.LearningRate"/> (0.001), <see cref="AdamOptions.Beta1"/> (0.9),
/// <see cref="AdamOptions.Beta2"/> (0.999), <see cref="AdamOptions.Epsilon"/> (1e-8), <see cref="AdamOptions.WeightDecay"/>.
/// </summary>
[Component("adam", Description = "Adam: adaptive moment estimation with bias correction.", DefaultFor = [ComponentDefaults.Always])]
public sealed class Adam(AdamOptions options)
    : AdamBase("adam", options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, decoupled: false);
