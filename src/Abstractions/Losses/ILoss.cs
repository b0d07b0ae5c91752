using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Losses;

/// <summary>
/// A loss between a batch of predictions and targets of the same shape (<c>[batch, outputs]</c>: one-hot rows for
/// classification, unless the loss asks for class indices with <see cref="TargetEncoding"/>), averaged over the batch. Per training batch the engine calls <see cref="Forward"/>, then
/// <see cref="Backward"/> with the same tensors; in evaluation only <see cref="Forward"/>. Both allocate nothing.
/// </summary>
[ComponentFamily("loss")]
public interface ILoss
{
    /// <summary>The mean loss over the batch (<c>predictions.BatchSize</c> rows; the last batch may be short).</summary>
    float Forward(Tensor predictions, Tensor targets);

    /// <summary>Overwrites <paramref name="gradient"/> (the predictions' shape) with d(mean loss)/d(predictions).</summary>
    void Backward(Tensor predictions, Tensor targets, Tensor gradient);

    /// <summary>
    /// The targets this loss reads for single-label classification data: one-hot rows (the default) or one class
    /// index per sample (<c>sparse_categorical_crossentropy</c>), which the engine then reads from the data for it.
    /// A class-index loss on regression or multi-label data is a configuration error.
    /// </summary>
    TargetEncoding TargetEncoding => TargetEncoding.OneHot;
}
