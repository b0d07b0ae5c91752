using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;
using NeuralNet.DataSources;

namespace NeuralNet.InputReaders;

/// <summary>
/// Options of <see cref="ImageInputReader"/>: everything that decides how an image file becomes a sample. The
/// <c>image_folder</c> source records them with the values it trained with (its size the one every training image had,
/// or its Width and Height), and a saved model's <c>model.json</c> keeps them under <c>input</c>.
/// </summary>
/// <example><code>"input": { "reader": "image", "options": { "Color": "Rgb", "Width": 32, "Height": 32, "Scale": true } }</code></example>
[ComponentOptions]
public sealed class ImageInputReaderOptions
{
    /// <summary>Channels to read: <c>grey</c> (default, 1), <c>rgb</c> (3) or <c>rgba</c> (4); every image is converted. See <see cref="ImageColor"/>.</summary>
    [EnumDataType(typeof(ImageColor))]
    public ImageColor Color { get; set; } = ImageColor.Grey;

    /// <summary>Width of the sample, in pixels; an image of another size is resized to it (bicubic, as the source resizes). Required.</summary>
    [Required]
    [Range(1, ImageFolderDataSourceOptions.MaxSide)]
    public int? Width { get; set; }

    /// <summary>Height of the sample, in pixels; see <see cref="Width"/>. Required.</summary>
    [Required]
    [Range(1, ImageFolderDataSourceOptions.MaxSide)]
    public int? Height { get; set; }

    /// <summary>True (default): values are pixel / 255, in [0, 1]. False: the raw values 0..255.</summary>
    public bool Scale { get; set; } = true;
}
