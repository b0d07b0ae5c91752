using NeuralNet.Charts;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.TestPlugin.Charts;

/// <summary>A chart that writes half a file and then throws: the engine must skip it, remove its file, and keep the run.</summary>
[Component("test>broken_chart", Description = "Always fails while drawing, from the test fixture plugin")]
public sealed class BrokenChart : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs) => true;

    public void Draw(RunResults results, ChartOutput output)
    {
        File.WriteAllText(output.PathFor("broken"), "half a chart");
        throw new InvalidOperationException("the broken chart always fails");
    }
}
