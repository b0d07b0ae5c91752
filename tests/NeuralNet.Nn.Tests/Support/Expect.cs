using System.Globalization;

namespace NeuralNet.Nn.Tests.Support;

/// <summary>Element-wise comparison with a message naming the first element out of tolerance.</summary>
internal static class Expect
{
    /// <summary>Asserts |actual − expected| ≤ absolute + relative·|expected| for every element.</summary>
    public static void Close(ReadOnlySpan<float> actual, IReadOnlyList<float> expected, string what,
        double relative = 1e-5, double absolute = 1e-6)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Count), $"{what}: length");
        for (int i = 0; i < actual.Length; i++)
        {
            double allowed = absolute + relative * Math.Abs(expected[i]);
            if (!(Math.Abs(actual[i] - expected[i]) <= allowed))
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{what}[{i}]: got {actual[i]:G9}, expected {expected[i]:G9} (allowed ±{allowed:G3})."));
        }
    }

    public static void Close(float actual, float expected, string what, double relative = 1e-5, double absolute = 1e-6)
        => Close([actual], [expected], what, relative, absolute);
}
