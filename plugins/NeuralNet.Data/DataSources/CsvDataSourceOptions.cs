using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="CsvDataSource"/>.</summary>
[ComponentOptions]
public sealed class CsvDataSourceOptions : IValidatableObject
{
    /// <summary>The CSV file; relative paths resolve against the host's content root. Required.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>
    /// The field separator: one character, or <c>tab</c> (also the two characters <c>\t</c>, as a command line
    /// passes it) for a tab. Default ",".
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    public string Delimiter { get; set; } = ",";

    /// <summary>What the first line holds: <c>names</c> (default), <c>none</c> or <c>sklearn</c>. See <see cref="CsvHeader"/>.</summary>
    [EnumDataType(typeof(CsvHeader))]
    public CsvHeader Header { get; set; } = CsvHeader.Names;

    /// <summary>The target column, by name or by 0-based index as text. Default: the last column.</summary>
    public string? Target { get; set; }

    /// <summary>The feature columns, by name or 0-based index, in the order given. Default: every column but the target.</summary>
    public List<string>? Features { get; set; }

    /// <summary>Classification, regression, or <c>auto</c> (default; the rule is on <see cref="CsvTask.Auto"/>).</summary>
    [EnumDataType(typeof(CsvTask))]
    public CsvTask Task { get; set; } = CsvTask.Auto;

    /// <summary>
    /// The classes in target-column order. Every target value must be one of them. Default: the distinct target values,
    /// sorted (numbers by value, before any text, which sorts ordinally); with the sklearn header, the header's names.
    /// </summary>
    public List<string>? ClassNames { get; set; }

    /// <summary>
    /// Row filters, all of which a row must pass: <c>"column op value"</c> with op one of == != &lt; &lt;= &gt; &gt;=,
    /// e.g. <c>"sepal_length &gt; 5.0"</c>, <c>"species != setosa"</c>. Values compare as numbers when both sides parse
    /// as numbers, otherwise as text (ordinal). The value may be quoted ('...' or "..."). Default: none.
    /// </summary>
    public List<string>? Filters { get; set; }

    /// <summary>Keep at most this many rows (after filtering); reading stops there. Default: all.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxRows { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DelimiterCharacter() is not char delimiter)
            yield return new ValidationResult($"expected one character, or 'tab', got '{Delimiter}'.", [nameof(Delimiter)]);
        else if (delimiter is '"' or '\r' or '\n')
            yield return new ValidationResult("the delimiter cannot be a quote or a line break.", [nameof(Delimiter)]);
        if (Task == CsvTask.Regression && ClassNames is not null)
            yield return new ValidationResult("ClassNames is set, but Task is regression.", [nameof(ClassNames)]);
        if (Header == CsvHeader.Sklearn && Task == CsvTask.Regression)
            yield return new ValidationResult("the sklearn header describes a classification file; Task cannot be regression.", [nameof(Task)]);
        if (Header == CsvHeader.Sklearn && ClassNames is not null)
            yield return new ValidationResult("the sklearn header names the classes itself; remove ClassNames.", [nameof(ClassNames)]);
        if (ClassNames is not null)
        {
            if (ClassNames.Count == 0)
                yield return new ValidationResult("ClassNames, when set, needs at least one name.", [nameof(ClassNames)]);
            string? repeated = ClassNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (repeated is not null)
                yield return new ValidationResult($"class '{repeated}' is listed twice.", [nameof(ClassNames)]);
        }
        if (Features is { Count: 0 })
            yield return new ValidationResult("Features, when set, needs at least one column.", [nameof(Features)]);
    }

    /// <summary>The delimiter as a character, or null when <see cref="Delimiter"/> is not one.</summary>
    internal char? DelimiterCharacter() => Delimiter switch
    {
        [char c] => c,
        @"\t" => '\t',
        _ when string.Equals(Delimiter, "tab", StringComparison.OrdinalIgnoreCase) => '\t',
        _ => null,
    };
}
