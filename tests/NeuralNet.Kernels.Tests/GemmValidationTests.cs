namespace NeuralNet.Kernels.Tests;

[TestFixture]
public class GemmValidationTests
{
    [Test]
    public void Multiply_BTooShortForKxN_ThrowsNamingBothShapes()
    {
        // A caller holding a 7x13 A and a 12x5 B who claims k = 13: B cannot be 13x5.
        float[] a = new float[7 * 13], b = new float[12 * 5], c = new float[7 * 5];

        Assert.That(() => Gemm.Multiply(false, false, 7, 5, 13, a, b, c),
            Throws.ArgumentException
                .With.Message.Contains("op(A) is 7x13")
                .And.Message.Contains("op(B) is 13x5")
                .And.Message.Contains("B has 60 elements but op(B) needs 65"));
    }

    [Test]
    public void Multiply_ATooShort_ThrowsNamingBothShapesAndStorage()
    {
        float[] a = new float[50], b = new float[13 * 5], c = new float[7 * 5];

        Assert.That(() => Gemm.Multiply(true, false, 7, 5, 13, a, b, c),
            Throws.ArgumentException
                .With.Message.Contains("op(A) is 7x13")
                .And.Message.Contains("op(B) is 13x5")
                .And.Message.Contains("A stored 13x7 and transposed"));
    }

    [Test]
    public void Multiply_CTooShortForLdc_Throws()
    {
        float[] a = new float[4 * 3], b = new float[3 * 5], c = new float[4 * 5];

        Assert.That(() => Gemm.Multiply(false, false, 4, 5, 3, 1f, a, 3, b, 5, 0f, c, 6),
            Throws.ArgumentException
                .With.Message.Contains("C has 20 elements but C needs 23")
                .And.Message.Contains("op(A) is 4x3")
                .And.Message.Contains("op(B) is 3x5"));
    }

    [TestCase(false, 12, "lda = 12 is less than the 13 columns of A")]
    [TestCase(true, 6, "lda = 6 is less than the 7 columns of A")]
    public void Multiply_LeadingDimensionBelowWidth_Throws(bool transposeA, int lda, string expected)
    {
        float[] a = new float[200], b = new float[13 * 5], c = new float[7 * 5];

        Assert.That(() => Gemm.Multiply(transposeA, false, 7, 5, 13, 1f, a, lda, b, 5, 0f, c, 5),
            Throws.ArgumentException.With.Message.Contains(expected).And.Message.Contains("op(B) is 13x5"));
    }

    [Test]
    public void Multiply_LdbBelowWidthOfTransposedB_Throws()
    {
        float[] a = new float[7 * 13], b = new float[200], c = new float[7 * 5];

        Assert.That(() => Gemm.Multiply(false, true, 7, 5, 13, 1f, a, 13, b, 12, 0f, c, 5),
            Throws.ArgumentException.With.Message.Contains("ldb = 12 is less than the 13 columns of B"));
    }

    [TestCase(-1, 5, 13)]
    [TestCase(7, -5, 13)]
    [TestCase(7, 5, -13)]
    public void Multiply_NegativeDimension_Throws(int m, int n, int k)
    {
        Assert.That(() => Gemm.Multiply(false, false, m, n, k, new float[100], new float[100], new float[100]),
            Throws.ArgumentException.With.Message.Contains("must be non-negative"));
    }

    [Test]
    public void Multiply_SubMatrixWithExactMinimalSpans_DoesNotThrow()
    {
        // 3x4 op(A) inside rows of 10: the last row needs only 4 elements, so 2 * 10 + 4 = 24 suffice.
        float[] a = new float[24], b = new float[4 * 2], c = new float[3 * 2];

        Assert.That(() => Gemm.Multiply(false, false, 3, 2, 4, 1f, a, 10, b, 2, 0f, c, 2), Throws.Nothing);
    }
}
