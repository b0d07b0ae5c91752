namespace NeuralNet.Losses;

/// <summary>
/// A loss that decides how many outputs a classifier has and what its targets are, from the data's one-hot class
/// rows: <c>binary_crossentropy</c> takes <b>one</b> sigmoid output for two-class data (target 1 for the second
/// class, 0 for the first). After loading a classification data set the engine sizes the model's output with
/// <see cref="OutputWidth"/> and feeds the loss (and the metrics) targets written by <see cref="EncodeTargets"/>. A
/// loss without this interface gets one output per class and the one-hot rows as they are.
/// </summary>
public interface IClassOutputLoss : ILoss
{
    /// <summary>The model's output width for data of <paramref name="classes"/> classes (≥ 2).</summary>
    int OutputWidth(int classes);

    /// <summary>
    /// Writes one sample's targets (<see cref="OutputWidth"/> values) from its one-hot row of
    /// <c>oneHot.Length</c> classes. Called on the batch loader's thread; allocates nothing.
    /// </summary>
    void EncodeTargets(ReadOnlySpan<float> oneHot, Span<float> targets);
}
