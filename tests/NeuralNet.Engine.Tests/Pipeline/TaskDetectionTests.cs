using NeuralNet.Data;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>The task is read from the targets: one-hot, multi-hot or real values.</summary>
public sealed class TaskDetectionTests
{
    private static DataSet Data(int width, float[] targets, bool names = true)
    {
        int rows = targets.Length / width;
        return new DataSet(new Tensor(rows, 1), new Tensor(targets, rows, new TensorShape(width)),
            names ? Enumerable.Range(0, width).Select(c => "c" + c).ToArray() : null);
    }

    [Test]
    public void OneHotRows_Classification() => Assert.That(TaskDetection.Of(Data(3, [1, 0, 0, 0, 0, 1, 0, 1, 0])), Is.EqualTo(PredictionTask.Classification));

    [Test]
    public void SingleColumn_Classification() => Assert.That(TaskDetection.Of(Data(1, [1, 0, 0, 1])), Is.EqualTo(PredictionTask.Classification));

    [Test]
    public void RowWithTwoLabelsOrNone_MultiLabel()
    {
        Assert.That(TaskDetection.Of(Data(3, [1, 0, 0, 1, 1, 0])), Is.EqualTo(PredictionTask.MultiLabel));
        Assert.That(TaskDetection.Of(Data(3, [1, 0, 0, 0, 0, 0])), Is.EqualTo(PredictionTask.MultiLabel));
    }

    [Test]
    public void NoClassNames_Regression() => Assert.That(TaskDetection.Of(Data(2, [1, 0, 0, 1], names: false)), Is.EqualTo(PredictionTask.Regression));
}
