using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="CsvDataSource"/>.</summary>
[ComponentOptions]
public sealed class CsvDataSourceOptions : IValidatableObject
{
    /// <summary>Stands for <c>"whitespace"</c> in <see cref="DelimiterCharacter"/>: a separator no text file uses.</summary>
    internal const char WhitespaceDelimiter = '\0';

    /// <summary>The CSV file; relative paths resolve against the host's content root. Required.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>
    /// The field separator: one character, <c>tab</c> (also the two characters <c>\t</c>, as a command line passes
    /// it) for a tab, or <c>whitespace</c> for runs of spaces and tabs (leading and trailing ones ignored), as in
    /// scikit-learn's diabetes files. Default ",".
    /// </summary>
    [Required(AllowEmptyStrings = true)]
    public string Delimiter { get; set; } = ",";

    /// <summary>Leading lines to ignore (comments, a title) before the header or the first row. Default 0.</summary>
    [Range(0, int.MaxValue)]
    public int SkipRows { get; set; }

    /// <summary>What the first line holds: <c>names</c> (default), <c>none</c> or <c>sklearn</c>. See <see cref="CsvHeader"/>.</summary>
    [EnumDataType(typeof(CsvHeader))]
    public CsvHeader Header { get; set; } = CsvHeader.Names;

    /// <summary>
    /// The target column, by name or by 0-based index as text. Default: the last column, or with
    /// <see cref="TargetPath"/> every column of that file.
    /// </summary>
    public string? Target { get; set; }

    /// <summary>
    /// Several target columns (multi-output regression, or multi-label classification when every value is 0 or 1),
    /// by name or 0-based index. Use either this or <see cref="Target"/>.
    /// </summary>
    public List<string>? Targets { get; set; }

    /// <summary>
    /// A second file holding the targets, row-aligned with <see cref="Path"/> (scikit-learn's diabetes ships that
    /// way): the k-th row of one belongs to the k-th row of the other, and both must hold the same number of rows.
    /// It is read with the same <see cref="Delimiter"/> and <see cref="SkipRows"/>; its header is
    /// <see cref="TargetHeader"/>; <see cref="Target"/> or <see cref="Targets"/> then name its columns. Default: none.
    /// </summary>
    public string? TargetPath { get; set; }

    /// <summary>
    /// A test file laid out as <see cref="Path"/>: the data set's own test partition (validators then split only the
    /// training file). Its columns are encoded with the training file's categories and classes. Default: none.
    /// </summary>
    public string? TestPath { get; set; }

    /// <summary>The targets of <see cref="TestPath"/>, when the training targets are in <see cref="TargetPath"/>.</summary>
    public string? TestTargetPath { get; set; }

    /// <summary>
    /// What the first line of <see cref="TargetPath"/> holds: <c>names</c> or <c>none</c>. Default: <c>names</c> when
    /// <see cref="Header"/> is <c>names</c>, otherwise <c>none</c>.
    /// </summary>
    public CsvHeader? TargetHeader { get; set; }

    /// <summary>
    /// What a missing value (one of <see cref="MissingValues"/>) in a feature does: <c>error</c> (default; names the
    /// line and column), <c>drop</c> the row, or <c>impute</c> it from the training split (the mean of a numeric
    /// column, the most frequent category of a categorical one; saved with the model). A missing target is an error
    /// unless the rows are dropped.
    /// </summary>
    [EnumDataType(typeof(CsvMissing))]
    public CsvMissing Missing { get; set; } = CsvMissing.Error;

    /// <summary>The field values that mean "missing", compared exactly after trimming. Default: empty, <c>NA</c>, <c>?</c>.</summary>
    public List<string> MissingValues { get; set; } = ["", "NA", "?"];

    /// <summary>
    /// Feature columns to one-hot encode even though their values are numbers (codes such as 1, 2, 3). A feature
    /// column whose first present value is not a number is categorical anyway. Default: none.
    /// </summary>
    public List<string>? Categorical { get; set; }

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
            yield return new ValidationResult($"expected one character, 'tab' or 'whitespace', got '{Delimiter}'.", [nameof(Delimiter)]);
        else if (delimiter is '"' or '\r' or '\n')
            yield return new ValidationResult("the delimiter cannot be a quote or a line break.", [nameof(Delimiter)]);
        if (Task == CsvTask.Regression && ClassNames is not null)
            yield return new ValidationResult("ClassNames is set, but Task is regression.", [nameof(ClassNames)]);
        if (Target is not null && Targets is not null)
            yield return new ValidationResult("set either Target or Targets, not both.", [nameof(Targets)]);
        if (Targets is { Count: 0 })
            yield return new ValidationResult("Targets, when set, needs at least one column.", [nameof(Targets)]);
        if (Targets is { Count: > 1 } && ClassNames is not null)
            yield return new ValidationResult("with several Targets the class names are the target columns' names; remove ClassNames.", [nameof(ClassNames)]);
        if (TargetHeader == CsvHeader.Sklearn)
            yield return new ValidationResult("the targets file's header is 'names' or 'none'.", [nameof(TargetHeader)]);
        if (TargetHeader is not null && TargetPath is null)
            yield return new ValidationResult("TargetHeader describes TargetPath, which is not set.", [nameof(TargetHeader)]);
        if (TestTargetPath is not null && (TestPath is null || TargetPath is null))
            yield return new ValidationResult("TestTargetPath holds the targets of TestPath when the training targets are in TargetPath; set both of those too.", [nameof(TestTargetPath)]);
        if (TestPath is not null && TargetPath is not null && TestTargetPath is null)
            yield return new ValidationResult("the training targets are in TargetPath, so the test targets need TestTargetPath.", [nameof(TestTargetPath)]);
        if (MissingValues is null)
            yield return new ValidationResult("MissingValues cannot be null; use [] for none.", [nameof(MissingValues)]);
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

    /// <summary>
    /// The delimiter as a character (<see cref="WhitespaceDelimiter"/> for runs of spaces and tabs), or null when
    /// <see cref="Delimiter"/> is not one.
    /// </summary>
    internal char? DelimiterCharacter() => Delimiter switch
    {
        _ when string.Equals(Delimiter, "whitespace", StringComparison.OrdinalIgnoreCase) => WhitespaceDelimiter,
        [char c] => c,
        @"\t" => '\t',
        _ when string.Equals(Delimiter, "tab", StringComparison.OrdinalIgnoreCase) => '\t',
        _ => null,
    };
}
