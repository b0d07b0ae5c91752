using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts;

/// <summary>
/// One kind of chart, registered by name (<c>loss</c>, <c>confusion</c>, <c>roc</c>) and chosen in
/// <c>Experiment:Charts:Kinds</c>. It receives everything a finished run produced (<see cref="RunResults"/>) and
/// writes its own files, so a new kind of chart is a new component, never a change to this contract.
/// </summary>
/// <remarks>
/// The engine draws charts after the model and report are saved, each into a folder of its own, and moves the files
/// into the run folder only when <see cref="Draw"/> returns; a chart that throws is logged by name and skipped.
/// </remarks>
[ComponentFamily("chart")]
public interface IChart
{
    /// <summary>
    /// Whether the chart has something to show for a run of <paramref name="task"/> on samples of
    /// <paramref name="inputShape"/> with <paramref name="outputs"/> target columns (decision regions: a classifier on
    /// two inputs). Asked before training: a chart named in config that does not apply is a configuration error; with
    /// no <c>Kinds</c> configured, every registered chart that applies is drawn.
    /// </summary>
    bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs);

    /// <summary>Writes the chart's file(s) through <paramref name="output"/>.</summary>
    void Draw(RunResults results, ChartOutput output);
}
