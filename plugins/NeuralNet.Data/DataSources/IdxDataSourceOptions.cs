using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="IdxDataSource"/>.</summary>
/// <example>
/// Fashion-MNIST, with its class names:
/// <code>
/// "Data": {
///   "Type": "idx",
///   "TrainImages": "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
///   "TrainLabels": "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz",
///   "TestImages": "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
///   "TestLabels": "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz",
///   "ClassNames": [ "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" ]
/// }
/// </code>
/// </example>
[ComponentOptions]
public sealed class IdxDataSourceOptions : IValidatableObject
{
    /// <summary>The training images (IDX3, unsigned bytes, raw or gzip). Required.</summary>
    [Required]
    public string TrainImages { get; set; } = "";

    /// <summary>The training labels (IDX1, unsigned bytes, raw or gzip). Required.</summary>
    [Required]
    public string TrainLabels { get; set; } = "";

    /// <summary>Test images; with <see cref="TestLabels"/> (both or neither) they become the data set's own test partition.</summary>
    public string? TestImages { get; set; }

    /// <summary>Test labels; see <see cref="TestImages"/>.</summary>
    public string? TestLabels { get; set; }

    /// <summary>True (default): features are pixel / 255, in [0, 1]. False: the raw values 0..255.</summary>
    public bool Scale { get; set; } = true;

    /// <summary>True (default): each sample is <c>[rows * cols]</c>. False: <c>[1, rows, cols]</c>, channel first, for convolutions.</summary>
    public bool Flatten { get; set; } = true;

    /// <summary>Class names by label value. Default "0" .. "9" (MNIST digits). Every label must be below their count.</summary>
    [MinLength(2)]
    [MaxLength(256)]
    public List<string>? ClassNames { get; set; }

    /// <summary>Use only the first this-many training samples, for quick runs. Default: all. The test files are never capped.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxSamples { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TestImages) != string.IsNullOrWhiteSpace(TestLabels))
            yield return new ValidationResult("TestImages and TestLabels go together: set both or neither.",
                [string.IsNullOrWhiteSpace(TestImages) ? nameof(TestImages) : nameof(TestLabels)]);
        string? repeated = ClassNames?.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
            yield return new ValidationResult($"class '{repeated}' is listed twice.", [nameof(ClassNames)]);
    }
}
