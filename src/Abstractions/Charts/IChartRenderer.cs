using NeuralNet.Components;

namespace NeuralNet.Charts;

/// <summary>
/// Draws charts to image files. The built-in renderer binds cairo; another (OxyPlot, ImageSharp) can replace it by
/// registering under another name and being named in <c>Experiment:Charts:Renderer</c>.
/// </summary>
/// <remarks>Callers pass a temporary path and move the file into place, so a failed render never leaves a half-written chart.</remarks>
[ComponentFamily("chart renderer")]
public interface IChartRenderer
{
    /// <summary>The extension of the files this renderer writes, with the dot: <c>.png</c>.</summary>
    string FileExtension { get; }

    /// <summary>Draws learning curves (one series per line, x the epoch) to <paramref name="path"/>; called once per chart after training.</summary>
    void Render(LineChart chart, string path);

    /// <summary>Draws a classifier's decision regions over a two-feature grid, with the samples, to <paramref name="path"/>.</summary>
    void Render(DecisionRegionChart chart, string path);
}
