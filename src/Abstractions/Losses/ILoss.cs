using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Losses;

/// <summary>
/// A loss between a batch of predictions and targets of the same shape (<c>[batch, outputs]</c>: one-hot rows for
/// classification), averaged over the batch. Per training batch the engine calls <see cref="Forward"/>, then
/// <see cref="Backward"/> with the same tensors; in evaluation only <see cref="Forward"/>. Both allocate nothing.
/// </summary>
[ComponentFamily("loss")]
public interface ILoss
{
    /// <summary>The mean loss over the batch (<c>predictions.BatchSize</c> rows; the last batch may be short).</summary>
    float Forward(Tensor predictions, Tensor targets);

    /// <summary>Overwrites <paramref name="gradient"/> (the predictions' shape) with d(mean loss)/d(predictions).</summary>
    void Backward(Tensor predictions, Tensor targets, Tensor gradient);
}
