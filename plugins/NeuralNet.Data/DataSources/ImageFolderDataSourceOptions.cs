using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.DataSources;

/// <summary>Options of <see cref="ImageFolderDataSource"/>.</summary>
/// <example>
/// One folder per class, 28x28 grey images, a separate test folder:
/// <code>"Data": { "Type": "image_folder", "Path": "datasets/pets/train", "TestPath": "datasets/pets/test" }</code>
/// Images in one folder named by a labels file, resized to 32x32 RGB:
/// <code>"Data": { "Type": "image_folder", "Path": "datasets/shapes", "Labels": "labels.txt", "Color": "rgb", "Width": 32, "Height": 32 }</code>
/// </example>
[ComponentOptions]
public sealed class ImageFolderDataSourceOptions : IValidatableObject
{
    /// <summary>Largest width or height accepted, in pixels; an image claiming more is rejected before it is decoded.</summary>
    public const int MaxSide = 16384;

    /// <summary>
    /// The training folder; relative paths resolve against the host's content root. Required. Without
    /// <see cref="Labels"/> it holds one subfolder per class (<c>Path/cat/001.png</c>); with it, the images themselves.
    /// </summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>
    /// A test folder laid out like <see cref="Path"/>; its images become the data set's own test partition. Its classes
    /// must all be training classes (it may lack some). Default: none.
    /// </summary>
    public string? TestPath { get; set; }

    /// <summary>
    /// A labels file of <c>filename,label</c> lines (a <c>labels.txt</c>); relative to <see cref="Path"/> unless
    /// absolute. Set it when the images lie in <see cref="Path"/> itself rather than in class folders. File names are
    /// relative to <see cref="Path"/>; blank lines, lines starting with <c>#</c> and a first line <c>filename,label</c>
    /// are skipped. Default: none (one folder per class).
    /// </summary>
    public string? Labels { get; set; }

    /// <summary>
    /// The test folder's labels file, relative to <see cref="TestPath"/> unless absolute. Default: <see cref="Labels"/>
    /// under <see cref="TestPath"/> (so an absolute <see cref="Labels"/> with a <see cref="TestPath"/> needs it).
    /// </summary>
    public string? TestLabels { get; set; }

    /// <summary>Channels to read: <c>grey</c> (default, 1 channel), <c>rgb</c> (3) or <c>rgba</c> (4). See <see cref="ImageColor"/>.</summary>
    [EnumDataType(typeof(ImageColor))]
    public ImageColor Color { get; set; } = ImageColor.Grey;

    /// <summary>
    /// Resize every image to this width, in pixels (bicubic); set with <see cref="Height"/>, both or neither. Default:
    /// none, and then every image must have the first image's size.
    /// </summary>
    [Range(1, MaxSide)]
    public int? Width { get; set; }

    /// <summary>Resize every image to this height, in pixels; see <see cref="Width"/>.</summary>
    [Range(1, MaxSide)]
    public int? Height { get; set; }

    /// <summary>True (default): features are pixel / 255, in [0, 1]. False: the raw values 0..255.</summary>
    public bool Scale { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Width.HasValue != Height.HasValue)
            yield return new ValidationResult("Width and Height go together: set both (to resize every image) or neither.",
                [Width.HasValue ? nameof(Height) : nameof(Width)]);
        if (!string.IsNullOrWhiteSpace(TestLabels) && string.IsNullOrWhiteSpace(Labels))
            yield return new ValidationResult("TestLabels needs Labels: without Labels both folders hold one subfolder per class.", [nameof(TestLabels)]);
        if (!string.IsNullOrWhiteSpace(TestLabels) && string.IsNullOrWhiteSpace(TestPath))
            yield return new ValidationResult("TestLabels needs TestPath, the test folder it names images in.", [nameof(TestLabels)]);
        if (!string.IsNullOrWhiteSpace(TestPath) && !string.IsNullOrWhiteSpace(Labels) && System.IO.Path.IsPathRooted(Labels)
            && string.IsNullOrWhiteSpace(TestLabels))
            yield return new ValidationResult(
                "Labels is an absolute path, so it cannot also name the test folder's labels file: set TestLabels.", [nameof(TestLabels)]);
    }
}
