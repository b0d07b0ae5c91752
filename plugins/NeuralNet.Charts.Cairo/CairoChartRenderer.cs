using NeuralNet.Charts.Cairo.Drawing;
using NeuralNet.Charts.Cairo.Native;
using NeuralNet.Charts.Cairo.Painters;
using NeuralNet.Components;

namespace NeuralNet.Charts.Cairo;

/// <summary>
/// Draws charts as PNG files with cairo (Debian's <c>libcairo2</c>, bound through P/Invoke): learning curves
/// (<see cref="LineChart"/>) and decision regions (<see cref="DecisionRegionChart"/>), at the chart's Width x Height
/// pixels, with the "DejaVu Sans" face of cairo's toy text API.
/// </summary>
/// <remarks>
/// Takes no options. The library is loaded on the first render, not on construction, so a host that never renders
/// does not need cairo. Each call writes exactly the path it is given.
/// </remarks>
[Component("cairo", Description = "PNG charts (learning curves, decision regions) drawn with cairo (libcairo2).")]
public sealed class CairoChartRenderer : IChartRenderer
{
    /// <summary>Largest width or height cairo's image surfaces allow.</summary>
    public const int MaxSize = 32767;

    /// <summary>Smallest width or height with room for a plot between the labels.</summary>
    public const int MinSize = 100;

    public string FileExtension => ".png";

    /// <exception cref="ArgumentException">A series' X and Y differ in length (names the series), or the size is out of range.</exception>
    /// <exception cref="IOException">Cairo failed to draw or write <paramref name="path"/>; names the path and cairo's status.</exception>
    /// <exception cref="CairoUnavailableException">libcairo.so.2 cannot be loaded.</exception>
    public void Render(LineChart chart, string path)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSize(chart.Width, chart.Height);
        LineChartPainter.Validate(chart);
        Draw(chart.Width, chart.Height, path, canvas => LineChartPainter.Paint(canvas, chart));
    }

    /// <exception cref="ArgumentException">GridClasses is not GridRows x GridColumns, the points do not pair up, a class has no name, or the size is out of range.</exception>
    /// <exception cref="IOException">Cairo failed to draw or write <paramref name="path"/>; names the path and cairo's status.</exception>
    /// <exception cref="CairoUnavailableException">libcairo.so.2 cannot be loaded.</exception>
    public void Render(DecisionRegionChart chart, string path)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSize(chart.Width, chart.Height);
        DecisionRegionPainter.Validate(chart);
        Draw(chart.Width, chart.Height, path, canvas => DecisionRegionPainter.Paint(canvas, chart));
    }

    private static void CheckSize(int width, int height)
    {
        if (width is < MinSize or > MaxSize || height is < MinSize or > MaxSize)
            throw new ArgumentException($"Chart size {width} x {height} is out of range: Width and Height must be {MinSize} to {MaxSize} pixels.", "chart");
    }

    private static void Draw(int width, int height, string path, Action<CairoCanvas> paint)
    {
        CairoLibrary.EnsureLoaded();
        try
        {
            using var canvas = new CairoCanvas(width, height);
            paint(canvas);
            canvas.WritePng(path);
        }
        catch (Exception e) when (CairoLibrary.IsMissingLibrary(e))
        {
            throw CairoLibrary.Unavailable(e);
        }
    }
}
