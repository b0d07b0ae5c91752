using System.Globalization;

namespace NeuralNet.DataSources.Internal;

/// <summary>Number parsing, column lookup and class-name ordering shared by the CSV reader's parts.</summary>
internal static class CsvValues
{
    private const NumberStyles Number = NumberStyles.Float;

    /// <summary>Parses a finite number in the invariant culture (<c>1.5</c>, <c>-2e-3</c>); NaN and infinities fail.</summary>
    public static bool TryNumber(string text, out double value)
        => double.TryParse(text, Number, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a finite float in the invariant culture.</summary>
    public static bool TryFloat(string text, out float value)
        => float.TryParse(text, Number, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    /// <summary>Text that parses as a float but not a finite one: NaN, Infinity, 1e999.</summary>
    public static bool IsNonFinite(string text)
        => float.TryParse(text, Number, CultureInfo.InvariantCulture, out float value) && !float.IsFinite(value);

    /// <summary>An integer literal: optional sign, then digits only (<c>3</c>, <c>-1</c>; not <c>3.0</c>).</summary>
    public static bool IsIntegerLiteral(string text)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        return s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// The 0-based index of column <paramref name="reference"/>: an exact name first, then a 0-based index; -1 when neither.
    /// </summary>
    public static int FindColumn(IReadOnlyList<string> columns, string? reference)
    {
        if (reference is null) return -1;
        string name = reference.Trim();
        for (int i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.Ordinal)) return i;
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < columns.Count ? index : -1;
    }

    /// <summary>The columns for a message: <c>'a' (0), 'b' (1)</c>.</summary>
    public static string Describe(IReadOnlyList<string> columns)
        => string.Join(", ", columns.Select((c, i) => $"'{c}' ({i})"));

    /// <summary>Class-name order: numbers by value first, then text, ordinally.</summary>
    public static int CompareClassNames(string? a, string? b)
    {
        bool aNumber = TryNumber(a ?? "", out double x);
        bool bNumber = TryNumber(b ?? "", out double y);
        if (aNumber && bNumber)
        {
            int byValue = x.CompareTo(y);
            return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
        }
        if (aNumber != bNumber) return aNumber ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }
}
