using NeuralNet.Charts.Cairo.Layout;

namespace NeuralNet.Charts.Cairo.Tests.Layout;

public class NiceScaleTests
{
    [TestCase(0.7, 1.0)]
    [TestCase(1.0, 1.0)]
    [TestCase(1.3, 2.0)]
    [TestCase(3.0, 5.0)]
    [TestCase(7.0, 10.0)]
    [TestCase(0.031, 0.05)]
    [TestCase(180.0, 200.0)]
    public void StepAtLeast_Value_IsNext125Step(double atLeast, double expected)
        => Assert.That(NiceScale.StepAtLeast(atLeast), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void StepAtLeast_BelowMinStep_UsesMinStep()
        => Assert.That(NiceScale.StepAtLeast(0.2, minStep: 1), Is.EqualTo(1));

    [Test]
    public void Step_LossRange_GivesFewNiceTicksCoveringTheRange()
    {
        double step = NiceScale.Step(0.03, 1.27, maxTicks: 8);
        double[] ticks = NiceScale.Ticks(0.03, 1.27, step);

        Assert.That(step, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(ticks, Is.EqualTo(new[] { 0.2, 0.4, 0.6, 0.8, 1.0, 1.2 }).Within(1e-12));
    }

    [Test]
    public void Ticks_RangeAcrossZero_HasExactZero()
    {
        double[] ticks = NiceScale.Ticks(-0.3, 0.3, 0.1);

        Assert.That(ticks, Has.Length.EqualTo(7));
        Assert.That(ticks[3], Is.EqualTo(0.0));
        Assert.That(double.IsNegative(ticks[3]), Is.False, "no -0 label");
    }

    [Test]
    public void Ticks_AbsurdlySmallStep_ReturnsNoneInsteadOfMillions()
        => Assert.That(NiceScale.Ticks(0, 1e9, 1e-3), Is.Empty);

    [TestCase(0.0, 0.0, -1.0, 1.0)]
    [TestCase(0.5, 0.5, 0.45, 0.55)]
    [TestCase(-2.0, -2.0, -2.2, -1.8)]
    public void Limits_ZeroSpan_PadsAroundTheValue(double min, double max, double lo, double hi)
    {
        (double l, double h) = NiceScale.Limits(min, max, 0.05);

        Assert.That(l, Is.EqualTo(lo).Within(1e-12));
        Assert.That(h, Is.EqualTo(hi).Within(1e-12));
    }

    [Test]
    public void Limits_SingleIntegerEpoch_PadsByAtLeastOne()
        => Assert.That(NiceScale.Limits(3, 3, 0.02, integerData: true), Is.EqualTo((2.0, 4.0)));

    [Test]
    public void Limits_NoFiniteData_IsUnitRange()
        => Assert.That(NiceScale.Limits(double.PositiveInfinity, double.NegativeInfinity, 0.05), Is.EqualTo((0.0, 1.0)));

    [Test]
    public void Limits_Span_PaddedByFraction()
    {
        (double lo, double hi) = NiceScale.Limits(0, 10, 0.05);

        Assert.That(lo, Is.EqualTo(-0.5).Within(1e-12));
        Assert.That(hi, Is.EqualTo(10.5).Within(1e-12));
    }

    [TestCase(2.5, 0.5, "2.5")]
    [TestCase(2.0, 0.5, "2.0")]
    [TestCase(0.14, 0.02, "0.14")]
    [TestCase(30.0, 5.0, "30")]
    [TestCase(0.0, 0.1, "0")]
    [TestCase(-0.4, 0.2, "-0.4")]
    [TestCase(2_000_000.0, 500_000.0, "2E+6")]
    [TestCase(0.00003, 0.00001, "3E-5")]
    public void Format_Value_UsesDecimalsTheStepNeeds(double value, double step, string expected)
        => Assert.That(NiceScale.Format(value, step), Is.EqualTo(expected));
}
