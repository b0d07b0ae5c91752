using System.Text.RegularExpressions;
using NeuralNet.Errors;

namespace NeuralNet.DataSources.Internal;

/// <summary>
/// One row filter, <c>"column op value"</c> (op one of == != &lt; &lt;= &gt; &gt;=). Compares as numbers when both the
/// field and the value parse as numbers (invariant culture), otherwise as text, ordinally.
/// </summary>
internal sealed partial class CsvRowFilter
{
    private readonly string _operator;
    private readonly string _value;
    private readonly double? _number;

    private CsvRowFilter(int column, string op, string value)
    {
        Column = column;
        _operator = op;
        _value = value;
        _number = CsvValues.TryNumber(value, out double number) ? number : null;
    }

    /// <summary>The 0-based column the filter reads.</summary>
    public int Column { get; }

    /// <summary>Parses filter <paramref name="text"/> against <paramref name="columns"/>.</summary>
    /// <param name="key">The filter's config key (<c>Experiment:Data:Filters:0</c>), for errors.</param>
    /// <exception cref="ConfigurationException">Not of the form <c>column op value</c>, or no such column.</exception>
    public static CsvRowFilter Parse(string? text, IReadOnlyList<string> columns, string key)
    {
        Match match = FilterSyntax().Match(text ?? "");
        if (!match.Success)
            throw new ConfigurationException(key,
                $"'{text}' is not a filter: expected 'column op value' with op one of ==, !=, <, <=, >, >= (e.g. \"sepal_length > 5.0\", \"species != setosa\").");
        string column = Unquote(match.Groups["column"].Value);
        string value = Unquote(match.Groups["value"].Value);
        int index = CsvValues.FindColumn(columns, column);
        if (index < 0)
            throw new ConfigurationException(key, $"filter '{text}' names no column of the file: '{column}'. Columns: {CsvValues.Describe(columns)}.");
        return new CsvRowFilter(index, match.Groups["op"].Value, value);
    }

    /// <summary>Whether a row whose field in <see cref="Column"/> is <paramref name="field"/> passes.</summary>
    public bool Matches(string field)
    {
        int order = _number is double value && CsvValues.TryNumber(field, out double number)
            ? number.CompareTo(value)
            : string.CompareOrdinal(field, _value);
        return _operator switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0, // ">=", the only one left
        };
    }

    private static string Unquote(string text)
        => text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1] : text;

    // The column is the shortest prefix before an operator, so values may hold operator characters.
    [GeneratedRegex(@"^\s*(?<column>\S.*?)\s*(?<op>==|!=|<=|>=|<|>)\s*(?<value>\S.*?)\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FilterSyntax();
}
