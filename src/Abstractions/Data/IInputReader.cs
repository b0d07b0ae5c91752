using NeuralNet.Components;
using NeuralNet.Tensors;

namespace NeuralNet.Data;

/// <summary>
/// Turns one raw input file (an image, ...) into one sample, exactly as the data source that trained a model read its
/// own files, so a saved model can predict on files of that kind (<c>predict --model models/pets photo.jpg</c>).
/// </summary>
/// <remarks>
/// A data source that reads raw files names its reader and that reader's options in <see cref="DataSet.Input"/>; the
/// engine saves both in <c>model.json</c> and the host creates the reader by that name through the registry, so
/// neither knows the reader's type. The options are the reader's <c>[ComponentOptions]</c> class, bound, validated and
/// saved like any component's: everything that decides how a file becomes a sample (for images the colour mode, the
/// size it is resized to, the pixel scaling) belongs in them. Feature normalisation is not the reader's: the engine
/// applies the saved statistics to what it returns. One instance reads files one after another (it may keep scratch
/// buffers between files).
/// </remarks>
[ComponentFamily("input reader")]
public interface IInputReader
{
    /// <summary>Shape of the sample one file becomes (<c>[channels, height, width]</c>); it must equal the model's input shape.</summary>
    TensorShape SampleShape { get; }

    /// <summary>
    /// True when <paramref name="path"/> looks like a file of this kind (by its extension), for files found while
    /// walking a folder; a file named directly is read whatever its name.
    /// </summary>
    bool Accepts(string path);

    /// <summary>Reads <paramref name="path"/> into <paramref name="destination"/> (<see cref="SampleShape"/>'s size).</summary>
    /// <exception cref="Errors.DataFormatException">The file cannot be read or decoded (missing, truncated, corrupt, too large); the message names it.</exception>
    void Read(string path, Span<float> destination);
}
