using NeuralNet.Data;
using NeuralNet.Engine.Training;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Training;

public sealed class TargetScalerTests
{
    private static TensorSampleSet Set(float[] targets, int outputs)
        => new(new Tensor(targets.Length / outputs, 1), new Tensor(targets, targets.Length / outputs, new TensorShape(outputs)));

    [Test]
    public void Fit_MeanAndPopulationStdPerOutputOfTheTrainingRowsOnly()
    {
        // Output 0 over rows 0..3: 1, 3, 5, 7 (mean 4, std √5); output 1 is constant there; row 4 is not training.
        var scaler = TargetScaler.Fit(Set([1, 10, 3, 10, 5, 10, 7, 10, 1000, -1000], 2), [0, 1, 2, 3]);

        Assert.That(scaler.Mean, Is.EqualTo(new[] { 4f, 10f }));
        Assert.That(scaler.Std[0], Is.EqualTo(MathF.Sqrt(5)).Within(1e-6));
        Assert.That(scaler.Std[1], Is.EqualTo(1f), "a constant output keeps std 1");
    }

    [Test]
    public void ApplyThenInverse_GivesTheValuesBack()
    {
        var scaler = new TargetScaler([4f, -2f], [2f, 0.5f]);
        var y = new Tensor([6f, -1f, 0f, -3f], 2, new TensorShape(2));

        scaler.Apply(y);
        float[] standardised = y.Buffer.ToArray();
        scaler.Inverse(y);

        Assert.That(standardised, Is.EqualTo(new[] { 1f, 2f, -2f, -2f }));
        Assert.That(y.Buffer, Is.EqualTo(new[] { 6f, -1f, 0f, -3f }));
    }

    [Test]
    public void ScaledMetric_SeesValuesInTheDataUnits()
    {
        var recorder = new RecordingMetric();
        var metric = new TargetScaledMetric(recorder, new TargetScaler([100f], [10f]));

        metric.Update(new Tensor([1f, -1f], 2, new TensorShape(1)), new Tensor([0f, 0.5f], 2, new TensorShape(1)));

        Assert.That(recorder.Predictions, Is.EqualTo(new[] { 110f, 90f }));
        Assert.That(recorder.Targets, Is.EqualTo(new[] { 100f, 105f }));
    }

    [Test]
    public void Constructor_NonPositiveStd_Rejected()
        => Assert.Throws<ArgumentException>(() => _ = new TargetScaler([0f], [0f]));

    private sealed class RecordingMetric : IMetric
    {
        public float[] Predictions { get; private set; } = [];

        public float[] Targets { get; private set; } = [];

        public bool HigherIsBetter => false;

        public void Reset() { }

        public void Update(Tensor predictions, Tensor targets)
        {
            Predictions = predictions.ReadOnlySpan.ToArray();
            Targets = targets.ReadOnlySpan.ToArray();
        }

        public double Result() => 0;
    }
}
