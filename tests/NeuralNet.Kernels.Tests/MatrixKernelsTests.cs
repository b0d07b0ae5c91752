using NeuralNet.Kernels;

namespace NeuralNet.Kernels.Tests;

/// <summary>Row broadcast, row addition and column sums on small matrices with known answers.</summary>
public class MatrixKernelsTests
{
    [Test]
    public void BroadcastRow_CopiesIntoEveryRow()
    {
        var matrix = new float[6];
        MatrixKernels.BroadcastRow([1f, 2f, 3f], matrix, rows: 2);
        Assert.That(matrix, Is.EqualTo(new[] { 1f, 2f, 3f, 1f, 2f, 3f }));
    }

    [Test]
    public void AddRow_AddsToEveryRow()
    {
        float[] matrix = [1f, 1f, 2f, 2f, 3f, 3f];
        MatrixKernels.AddRow([10f, 20f], matrix, rows: 3);
        Assert.That(matrix, Is.EqualTo(new[] { 11f, 21f, 12f, 22f, 13f, 23f }));
    }

    [Test]
    public void ColumnSums_OverwriteWithEachColumnsSum()
    {
        float[] sums = [99f, 99f, 99f];
        MatrixKernels.ColumnSums([1f, 2f, 3f, 4f, 5f, 6f], rows: 2, sums);
        Assert.That(sums, Is.EqualTo(new[] { 5f, 7f, 9f }));
        MatrixKernels.ColumnSums([], rows: 0, sums);
        Assert.That(sums, Is.EqualTo(new[] { 0f, 0f, 0f }));
    }

    [Test]
    public void ColumnSums_WrongShape_ThrowsNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixKernels.ColumnSums(new float[7], rows: 2, new float[3]))!;
        Assert.That(error.Message, Does.Contain("7").And.Contain("[2, 3]"));
    }

    [TestCase(1)]
    [TestCase(7)]   // one vector of 4 and a scalar tail of 3
    [TestCase(784)]
    public void AccumulateMoments_AddsValuesAndSquaresInDouble_ExactlyAsAScalarLoop(int width)
    {
        var random = new Random(width);
        double[] sums = new double[width], squares = new double[width], expectedSums = new double[width], expectedSquares = new double[width];
        for (int row = 0; row < 5; row++)
        {
            float[] x = Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray();
            MatrixKernels.AccumulateMoments(x, sums, squares);
            for (int j = 0; j < width; j++)
            {
                expectedSums[j] += x[j];
                expectedSquares[j] += (double)x[j] * x[j];
            }
        }
        Assert.That(sums, Is.EqualTo(expectedSums));
        Assert.That(squares, Is.EqualTo(expectedSquares));
    }

    [Test]
    public void AccumulateMoments_TotalsOfAnotherWidth_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixKernels.AccumulateMoments(new float[4], new double[4], new double[3]))!;
        Assert.That(error.Message, Does.Contain("4 values").And.Contain("squares 3"));
    }
}
