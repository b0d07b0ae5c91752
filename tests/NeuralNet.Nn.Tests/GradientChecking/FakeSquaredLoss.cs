using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.GradientChecking;

/// <summary>
/// Mean squared error (fused with the identity, so the logits path is the same formula) whose gradient is multiplied
/// by a chosen factor (1 = correct), for testing the gradient checker.
/// </summary>
internal sealed class FakeSquaredLoss(float gradientFactor) : IFusedLoss
{
    public string FusedActivation => "linear";

    public float Forward(Tensor predictions, Tensor targets)
    {
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = predictions.Buffer[i] - targets.Buffer[i];
            sum += d * d;
        }
        return (float)(sum / predictions.Length);
    }

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient)
    {
        for (int i = 0; i < predictions.Length; i++)
            gradient.Buffer[i] = gradientFactor * 2 * (predictions.Buffer[i] - targets.Buffer[i]) / predictions.Length;
    }

    public float ForwardFromLogits(Tensor logits, Tensor targets) => Forward(logits, targets);

    public void BackwardFromLogits(Tensor logits, Tensor targets, Tensor gradient) => Backward(logits, targets, gradient);
}
