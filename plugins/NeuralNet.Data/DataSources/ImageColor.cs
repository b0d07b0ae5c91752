namespace NeuralNet.DataSources;

/// <summary>The channels an image folder is read into (<see cref="ImageFolderDataSourceOptions.Color"/>); every image is converted.</summary>
public enum ImageColor
{
    /// <summary>One channel: luminance (ITU-R BT.709, 0.2126 R + 0.7152 G + 0.0722 B; alpha ignored). Grey images read exactly.</summary>
    Grey,

    /// <summary>Three channels, red, green, blue (alpha ignored).</summary>
    Rgb,

    /// <summary>Four channels, red, green, blue, alpha (opaque images get alpha 255).</summary>
    Rgba,
}
