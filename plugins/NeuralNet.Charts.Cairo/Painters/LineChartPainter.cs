using NeuralNet.Charts.Cairo.Drawing;
using NeuralNet.Charts.Cairo.Layout;

namespace NeuralNet.Charts.Cairo.Painters;

/// <summary>
/// Draws a <see cref="LineChart"/>: each series a 2-px line in its palette colour (dashed after the tenth, when colours
/// repeat), broken wherever x or y is NaN or infinite; markers on series of few points; axes scaled to the finite
/// data with a little padding; a legend where it hides the least.
/// </summary>
internal static class LineChartPainter
{
    private const double LineWidth = 2;
    private const int MarkerMaxPoints = 12;
    private const double MarkerRadius = 3;
    private const double XPadding = 0.02;
    private const double YPadding = 0.06;

    /// <exception cref="ArgumentException">A series is missing, or its X and Y have different lengths (names the series).</exception>
    public static void Validate(LineChart chart)
    {
        if (chart.Series is null) throw new ArgumentException("LineChart.Series is null; pass an empty list for a chart without lines.", nameof(chart));
        for (int i = 0; i < chart.Series.Count; i++)
        {
            ChartSeries? s = chart.Series[i];
            if (s is null) throw new ArgumentException($"LineChart.Series[{i}] is null.", nameof(chart));
            if (s.X is null || s.Y is null)
                throw new ArgumentException($"Series '{s.Name}' (#{i}) has no {(s.X is null ? "X" : "Y")} values.", nameof(chart));
            if (s.X.Count != s.Y.Count)
                throw new ArgumentException($"Series '{s.Name}' (#{i}) has {s.X.Count} X values but {s.Y.Count} Y values; they must pair up.", nameof(chart));
        }
    }

    public static void Paint(CairoCanvas canvas, LineChart chart)
    {
        string title = chart.Title ?? "", xLabel = chart.XLabel ?? "", yLabel = chart.YLabel ?? "";
        IReadOnlyList<ChartSeries> series = chart.Series;

        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        bool integerX = true;
        int finite = 0;
        foreach (ChartSeries s in series)
        {
            for (int j = 0; j < s.X.Count; j++)
            {
                double x = s.X[j], y = s.Y[j];
                if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
                finite++;
                xMin = Math.Min(xMin, x);
                xMax = Math.Max(xMax, x);
                yMin = Math.Min(yMin, y);
                yMax = Math.Max(yMax, y);
                integerX &= x == Math.Round(x);
            }
        }
        integerX &= finite > 0;

        canvas.Clear(ChartPalette.Background);
        var legendEntries = new List<LegendEntry>(series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            ChartSeries s = series[i];
            string name = string.IsNullOrWhiteSpace(s.Name) ? $"series {i + 1}" : s.Name;
            var swatch = HasMarkers(s) ? LegendSwatch.LineWithMarker : LegendSwatch.Line;
            legendEntries.Add(new LegendEntry(name, ChartPalette.Color(i), swatch, Dashed: i >= ChartPalette.Count));
        }
        (double Lo, double Hi) xLimits = NiceScale.Limits(xMin, xMax, XPadding, integerX);
        (double Lo, double Hi) yLimits = NiceScale.Limits(yMin, yMax, YPadding);
        LegendedPlot plot = LegendedPlot.Arrange(canvas, legendEntries,
            reserve => PlotFrame.Layout(canvas, title, xLabel, yLabel, xLimits, yLimits, xMinStep: integerX ? 1 : 0, reserveRight: reserve),
            laidOut => Trace(laidOut, series));
        PlotFrame frame = plot.Frame;
        frame.DrawGrid(canvas);

        canvas.Save();
        canvas.ClipTo(frame.Left, frame.Top, frame.Width, frame.Height);
        for (int i = 0; i < series.Count; i++) DrawSeries(canvas, frame, series[i], legendEntries[i]);
        canvas.Restore();

        if (finite == 0) frame.DrawNote(canvas, "no finite values to plot");
        frame.DrawAxes(canvas, title, xLabel, yLabel);
        plot.Legend.Draw(canvas, plot.LegendX, plot.LegendY);
    }

    /// <summary>Whether a series is short enough to mark every point.</summary>
    private static bool HasMarkers(ChartSeries s)
    {
        int finite = 0;
        for (int j = 0; j < s.X.Count; j++)
        {
            if (double.IsFinite(s.X[j]) && double.IsFinite(s.Y[j]) && ++finite > MarkerMaxPoints) return false;
        }
        return finite > 0;
    }

    /// <summary>Each point's pixel position, or null where x or y is NaN or infinite.</summary>
    private static (double X, double Y)?[] PixelPoints(PlotFrame frame, ChartSeries s)
    {
        var points = new (double X, double Y)?[s.X.Count];
        for (int j = 0; j < points.Length; j++)
        {
            double x = s.X[j], y = s.Y[j];
            if (double.IsFinite(x) && double.IsFinite(y)) points[j] = (frame.PixelX(x), frame.PixelY(y));
        }
        return points;
    }

    /// <summary>Pixel points every few pixels along every line, for the legend to avoid.</summary>
    private static List<(double X, double Y)> Trace(PlotFrame frame, IReadOnlyList<ChartSeries> series)
    {
        var trace = new List<(double X, double Y)>();
        foreach (ChartSeries s in series)
        {
            (double X, double Y)? previous = null;
            foreach ((double X, double Y)? p in PixelPoints(frame, s))
            {
                if (p is { } q)
                {
                    if (previous is { } r) Sample(r, q, trace);
                    else trace.Add(q);
                }
                previous = p;
            }
        }
        return trace;
    }

    /// <summary>Strokes one series: a line broken at every NaN or infinity, with markers on short series and dots on isolated points.</summary>
    private static void DrawSeries(CairoCanvas canvas, PlotFrame frame, ChartSeries s, LegendEntry style)
    {
        (double X, double Y)?[] points = PixelPoints(frame, s);
        canvas.SetColor(style.Color);
        canvas.SetLineWidth(LineWidth);
        canvas.SetDash(style.Dashed ? Legend.LineDash : []);
        canvas.NewPath();
        bool penDown = false;
        foreach ((double X, double Y)? p in points)
        {
            if (p is not { } q)
            {
                penDown = false; // a gap: NaN or infinity breaks the line
                continue;
            }
            if (penDown) canvas.LineTo(q.X, q.Y);
            else canvas.MoveTo(q.X, q.Y);
            penDown = true;
        }
        canvas.Stroke();
        canvas.SetDash([]);

        bool markers = style.Swatch == LegendSwatch.LineWithMarker;
        int n = points.Length;
        for (int j = 0; j < n; j++)
        {
            if (points[j] is not { } q) continue;
            bool isolated = (j == 0 || points[j - 1] is null) && (j == n - 1 || points[j + 1] is null);
            if (!markers && !isolated) continue;
            canvas.Circle(q.X, q.Y, markers ? MarkerRadius : LineWidth * 1.25);
            canvas.Fill();
        }
    }

    /// <summary>Points every few pixels along a segment, for the legend to avoid.</summary>
    private static void Sample((double X, double Y) a, (double X, double Y) b, List<(double X, double Y)> into)
    {
        double length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
        int steps = Math.Clamp((int)(length / 4), 1, 2000);
        for (int k = 1; k <= steps; k++)
        {
            double t = (double)k / steps;
            into.Add((a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y)));
        }
    }
}
