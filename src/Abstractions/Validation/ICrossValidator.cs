using NeuralNet.Components;

namespace NeuralNet.Validation;

/// <summary>Divides a data set into one split (hold-out) or several (k-fold); the engine trains one model per split.</summary>
[ComponentFamily("validator")]
public interface ICrossValidator
{
    IReadOnlyList<DataSplit> Split(SplitRequest request);
}
