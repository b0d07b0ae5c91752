using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Losses;

/// <summary>A loss between a batch of predictions and targets of the same shape, averaged over the batch.</summary>
[ComponentFamily("loss")]
public interface ILoss
{
    /// <summary>The mean loss over the batch.</summary>
    float Forward(Tensor predictions, Tensor targets);

    /// <summary>Writes d(mean loss)/d(predictions) into <paramref name="gradient"/>.</summary>
    void Backward(Tensor predictions, Tensor targets, Tensor gradient);
}
