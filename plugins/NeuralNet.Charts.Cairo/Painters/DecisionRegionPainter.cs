using NeuralNet.Charts.Cairo.Drawing;
using NeuralNet.Charts.Cairo.Layout;

namespace NeuralNet.Charts.Cairo.Painters;

/// <summary>
/// Draws a <see cref="DecisionRegionChart"/>: every grid cell filled with the pastel tint of its predicted class
/// (row 0 at the bottom, at YMin), the samples on top as small circles in their true class's saturated colour with a
/// thin dark outline, axes spanning exactly [XMin, XMax] x [YMin, YMax], and a legend of the class names.
/// </summary>
internal static class DecisionRegionPainter
{
    /// <exception cref="ArgumentException">The grid or the points do not add up, or a class index has no name.</exception>
    public static void Validate(DecisionRegionChart chart)
    {
        if (chart.ClassNames is null) throw new ArgumentException("DecisionRegionChart.ClassNames is null.", nameof(chart));
        if (!(double.IsFinite(chart.XMin) && double.IsFinite(chart.XMax) && chart.XMin < chart.XMax))
            throw new ArgumentException($"DecisionRegionChart needs finite XMin < XMax; got [{chart.XMin}, {chart.XMax}].", nameof(chart));
        if (!(double.IsFinite(chart.YMin) && double.IsFinite(chart.YMax) && chart.YMin < chart.YMax))
            throw new ArgumentException($"DecisionRegionChart needs finite YMin < YMax; got [{chart.YMin}, {chart.YMax}].", nameof(chart));
        if (chart.GridRows <= 0 || chart.GridColumns <= 0)
            throw new ArgumentException($"DecisionRegionChart needs a positive grid size; got GridRows = {chart.GridRows}, GridColumns = {chart.GridColumns}.", nameof(chart));
        long cells = (long)chart.GridRows * chart.GridColumns;
        if (chart.GridClasses is null || chart.GridClasses.Length != cells)
            throw new ArgumentException(
                $"DecisionRegionChart.GridClasses has {chart.GridClasses?.Length ?? 0} cells, but GridRows x GridColumns = {chart.GridRows} x {chart.GridColumns} = {cells}.", nameof(chart));
        int points = chart.PointsX?.Length ?? 0;
        if (chart.PointsX is null || chart.PointsY is null || chart.PointClasses is null
            || chart.PointsY.Length != points || chart.PointClasses.Length != points)
            throw new ArgumentException(
                $"DecisionRegionChart needs one PointsX, PointsY and PointClasses entry per sample; got {chart.PointsX?.Length ?? 0}, {chart.PointsY?.Length ?? 0} and {chart.PointClasses?.Length ?? 0}.", nameof(chart));
        CheckClasses(chart.GridClasses, nameof(chart.GridClasses), chart.ClassNames.Count);
        CheckClasses(chart.PointClasses, nameof(chart.PointClasses), chart.ClassNames.Count);
    }

    private static void CheckClasses(int[] classes, string name, int known)
    {
        for (int i = 0; i < classes.Length; i++)
        {
            if ((uint)classes[i] >= (uint)known)
                throw new ArgumentException(
                    $"DecisionRegionChart.{name}[{i}] is class {classes[i]}, but ClassNames has {known} names (classes 0 to {known - 1}).", "chart");
        }
    }

    public static void Paint(CairoCanvas canvas, DecisionRegionChart chart)
    {
        string title = chart.Title ?? "", xLabel = chart.XLabel ?? "", yLabel = chart.YLabel ?? "";
        canvas.Clear(ChartPalette.Background);
        LegendEntry[] legendEntries = chart.ClassNames
            .Select((name, k) => new LegendEntry(string.IsNullOrWhiteSpace(name) ? $"class {k}" : name, ChartPalette.Color(k), LegendSwatch.Region))
            .ToArray();
        LegendedPlot plot = LegendedPlot.Arrange(canvas, legendEntries,
            reserve => PlotFrame.Layout(canvas, title, xLabel, yLabel, (chart.XMin, chart.XMax), (chart.YMin, chart.YMax), reserveRight: reserve),
            laidOut => PixelPoints(laidOut, chart));
        PlotFrame frame = plot.Frame;

        canvas.Save();
        canvas.ClipTo(frame.Left, frame.Top, frame.Width, frame.Height);
        DrawCells(canvas, frame, chart);
        DrawPoints(canvas, frame, chart);
        canvas.Restore();

        frame.DrawAxes(canvas, title, xLabel, yLabel);
        plot.Legend.Draw(canvas, plot.LegendX, plot.LegendY);
    }

    /// <summary>The pixel position of every sample with finite coordinates.</summary>
    private static List<(double X, double Y)> PixelPoints(PlotFrame frame, DecisionRegionChart chart)
    {
        var points = new List<(double X, double Y)>(chart.PointsX.Length);
        for (int i = 0; i < chart.PointsX.Length; i++)
        {
            double x = chart.PointsX[i], y = chart.PointsY[i];
            if (double.IsFinite(x) && double.IsFinite(y)) points.Add((frame.PixelX(x), frame.PixelY(y)));
        }
        return points;
    }

    /// <summary>
    /// Fills the cells, merging runs of one class along a row. Cell edges are rounded to whole pixels so neighbours
    /// share an edge exactly and antialiasing leaves no seams.
    /// </summary>
    private static void DrawCells(CairoCanvas canvas, PlotFrame frame, DecisionRegionChart chart)
    {
        int rows = chart.GridRows, columns = chart.GridColumns;
        var xs = new double[columns + 1];
        for (int c = 0; c <= columns; c++) xs[c] = Math.Round(frame.Left + frame.Width * c / columns);
        var ys = new double[rows + 1];
        for (int r = 0; r <= rows; r++) ys[r] = Math.Round(frame.Bottom - frame.Height * r / rows);

        for (int r = 0; r < rows; r++)
        {
            if (ys[r] == ys[r + 1]) continue; // finer than a pixel: the next row covers it
            int start = 0;
            for (int c = 1; c <= columns; c++)
            {
                int cls = chart.GridClasses[r * columns + start];
                if (c < columns && chart.GridClasses[r * columns + c] == cls) continue;
                canvas.SetColor(ChartPalette.Pastel(cls));
                canvas.Rectangle(xs[start], ys[r + 1], xs[c] - xs[start], ys[r] - ys[r + 1]);
                canvas.Fill();
                start = c;
            }
        }
    }

    private static void DrawPoints(CairoCanvas canvas, PlotFrame frame, DecisionRegionChart chart)
    {
        int n = chart.PointsX.Length;
        double radius = n <= 400 ? 3.5 : n <= 2000 ? 2.6 : 1.8;
        canvas.SetLineWidth(radius > 2 ? 0.8 : 0.5);
        for (int i = 0; i < n; i++)
        {
            double x = chart.PointsX[i], y = chart.PointsY[i];
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            double px = frame.PixelX(x), py = frame.PixelY(y);
            canvas.Circle(px, py, radius);
            canvas.SetColor(ChartPalette.Color(chart.PointClasses[i]));
            canvas.FillPreserve();
            canvas.SetColor(ChartPalette.PointOutline);
            canvas.Stroke();
        }
    }
}
