using System.Globalization;

namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>
/// Axis arithmetic: padded limits around data, "nice" tick steps from the 1-2-5 sequence (…, 0.5, 1, 2, 5, 10, …),
/// the ticks inside a range, and their labels.
/// </summary>
internal static class NiceScale
{
    /// <summary>Hard cap on ticks per axis, whatever the caller asks, so no range can make an endless loop.</summary>
    public const int MaxTicks = 60;

    /// <summary>
    /// Axis limits for data in [<paramref name="min"/>, <paramref name="max"/>]: widened by <paramref name="padFraction"/>
    /// of the span on each side; a zero span is widened by 10 % of the value (1 if the value is 0, at least 1 for
    /// integer data); no finite data gives [0, 1].
    /// </summary>
    public static (double Lo, double Hi) Limits(double min, double max, double padFraction, bool integerData = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max) return (0, 1);
        double span = max - min;
        if (!double.IsFinite(span)) return (min, max);
        if (span <= Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-12)
        {
            double d = min == 0 ? 1 : Math.Abs(min) * 0.1;
            if (integerData) d = Math.Max(d, 1);
            return (min - d, max + d);
        }
        double pad = span * padFraction;
        return (min - pad, max + pad);
    }

    /// <summary>The smallest 1-2-5 step at least <paramref name="atLeast"/> (and at least <paramref name="minStep"/>).</summary>
    public static double StepAtLeast(double atLeast, double minStep = 0)
    {
        atLeast = Math.Max(atLeast, minStep);
        if (!(atLeast > 0) || !double.IsFinite(atLeast)) return double.IsFinite(atLeast) ? 1 : double.MaxValue;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(atLeast)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            double step = m * magnitude;
            if (step >= atLeast * (1 - 1e-9)) return step;
        }
        return 10 * magnitude;
    }

    /// <summary>The next 1-2-5 step above <paramref name="step"/>.</summary>
    public static double NextStep(double step) => StepAtLeast(step * 1.0001);

    /// <summary>The nice step giving at most <paramref name="maxTicks"/> ticks over [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static double Step(double lo, double hi, int maxTicks, double minStep = 0)
    {
        double span = hi - lo;
        maxTicks = Math.Clamp(maxTicks, 2, MaxTicks);
        double step = StepAtLeast(span / (maxTicks - 1), minStep);
        while (Count(lo, hi, step) > maxTicks) step = NextStep(step);
        return step;
    }

    /// <summary>How many multiples of <paramref name="step"/> lie in [<paramref name="lo"/>, <paramref name="hi"/>] (NaN if unknowable).</summary>
    public static double Count(double lo, double hi, double step)
        => Math.Floor(hi / step + 1e-9) - Math.Ceiling(lo / step - 1e-9) + 1;

    /// <summary>The multiples of <paramref name="step"/> inside [<paramref name="lo"/>, <paramref name="hi"/>] (at most <see cref="MaxTicks"/>).</summary>
    public static double[] Ticks(double lo, double hi, double step)
    {
        if (!(step > 0) || !double.IsFinite(lo) || !double.IsFinite(hi) || hi < lo) return [];
        double first = Math.Ceiling(lo / step - 1e-9);
        double count = Count(lo, hi, step);
        if (!(count > 0) || count > MaxTicks) return [];
        var ticks = new double[(int)count];
        for (int i = 0; i < ticks.Length; i++)
        {
            double v = (first + i) * step;
            ticks[i] = Math.Abs(v) < step * 1e-9 ? 0 : v; // no "-0"
        }
        return ticks;
    }

    /// <summary>
    /// A tick label: as many decimals as the step needs (0.5 → "2.5", 0.02 → "0.14"), or scientific notation for
    /// very large or very small magnitudes.
    /// </summary>
    public static string Format(double value, double step)
    {
        if (value == 0) return "0";
        double magnitude = Math.Max(Math.Abs(value), step);
        if (magnitude >= 1e6 || step < 1e-4)
            return value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        int decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step) - 1e-9);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
