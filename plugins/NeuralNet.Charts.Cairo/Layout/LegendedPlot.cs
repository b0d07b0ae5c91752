using NeuralNet.Charts.Cairo.Drawing;

namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>A laid-out plot and where its legend goes.</summary>
internal sealed record LegendedPlot(PlotFrame Frame, Legend Legend, double LegendX, double LegendY)
{
    /// <summary>
    /// Lays out the plot, then finds the legend a spot inside it that hides no data; failing that (and if the
    /// legend is narrow enough) narrows the plot and puts the legend to its right; failing that, takes the inside
    /// spot hiding the least.
    /// </summary>
    /// <param name="layout">The plot's layout, given the pixels to keep free on its right.</param>
    /// <param name="obstacles">The pixel points the data will cover in a given layout.</param>
    public static LegendedPlot Arrange(CairoCanvas canvas, IReadOnlyList<LegendEntry> entries,
        Func<double, PlotFrame> layout, Func<PlotFrame, IReadOnlyList<(double X, double Y)>> obstacles)
    {
        PlotFrame frame = layout(0);
        Legend legend = Legend.Measure(canvas, entries, Math.Min(frame.Width * 0.6, canvas.Width * 0.25));
        (double x, double y, int covered) = legend.PlaceInside(frame, obstacles(frame));
        if (entries.Count == 0 || covered == 0 || !legend.FitsOutside(canvas.Width)) return new(frame, legend, x, y);

        frame = layout(legend.Width + Legend.OutsideGap);
        (x, y) = legend.PlaceOutside(frame);
        return new(frame, legend, x, y);
    }
}
