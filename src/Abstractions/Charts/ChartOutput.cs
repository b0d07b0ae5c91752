namespace NeuralNet.Charts;

/// <summary>Where and how a chart writes: a folder of its own, the file format and the default image size.</summary>
/// <param name="Directory">An empty folder for this chart's files; the engine moves them into the run folder.</param>
/// <param name="Format">The file format, lower case without the dot: <c>png</c> or <c>svg</c>.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
public sealed record ChartOutput(string Directory, string Format, int Width, int Height)
{
    /// <summary>The path of a file called <paramref name="name"/> (no extension) in <see cref="Format"/>.</summary>
    public string PathFor(string name) => Path.Combine(Directory, name + "." + Format);
}
