namespace NeuralNet.Kernels.Tests;

public sealed class RowsTests
{
    [Test]
    public void PredictedClass_SeveralColumns_IsTheArgMax()
    {
        var result = new int[2];
        Rows.PredictedClass([0.1f, 0.7f, 0.2f, 0.5f, 0.2f, 0.5f], 2, 3, result);
        Assert.That(result, Is.EqualTo(new[] { 1, 0 }), "first wins on ties");
    }

    [Test]
    public void PredictedClass_OneColumn_ThresholdsTheSecondClassProbabilityAtOneHalf()
    {
        var result = new int[4];
        Rows.PredictedClass([0.2f, 0.5f, 0.9f, 0.49f], 4, 1, result);
        Assert.That(result, Is.EqualTo(new[] { 0, 1, 1, 0 }));
    }

    [Test]
    public void PredictedClass_ShortResult_Throws()
        => Assert.Throws<ArgumentException>(() => Rows.PredictedClass([0.2f, 0.5f], 2, 1, new int[1]));
}
