using NeuralNet.Tensors;

namespace NeuralNet.Losses;

/// <summary>
/// A loss that, when the network ends in <see cref="FusedActivation"/>, is computed from the logits before it:
/// softmax + categorical cross-entropy (log-sum-exp, gradient p - y) or sigmoid + binary cross-entropy. Stable
/// where the separate pair overflows or loses precision, and cheaper. The engine fuses when the final activation's
/// registered name matches.
/// </summary>
public interface IFusedLoss : ILoss
{
    /// <summary>The registered name of the activation this loss absorbs: <c>softmax</c>.</summary>
    string FusedActivation { get; }

    /// <summary>The mean loss of activation(logits) against targets.</summary>
    float ForwardFromLogits(Tensor logits, Tensor targets);

    /// <summary>Writes d(mean loss)/d(logits) into <paramref name="gradient"/>.</summary>
    void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient);
}
