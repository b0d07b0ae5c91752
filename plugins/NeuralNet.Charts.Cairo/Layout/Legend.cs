using NeuralNet.Charts.Cairo.Drawing;

namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>
/// A boxed legend. It goes inside the plot area, in whichever corner (or edge middle) covers the fewest drawn points,
/// preferring top-right, then top-left, bottom-right, bottom-left; when every spot would hide some data and the
/// legend is narrow enough, it goes right of the plot instead (the caller narrows the plot to make room).
/// </summary>
internal sealed class Legend
{
    public const double FontSize = 11.5;

    /// <summary>Gap between the plot area and a legend drawn outside it.</summary>
    public const double OutsideGap = 10;

    private const double Inset = 8;
    private const double PadX = 8;
    private const double PadY = 5;
    private const double SwatchWidth = 24;
    private const double SwatchGap = 7;
    private const double RowGap = 4;
    private const double MaxOutsideFraction = 0.3;

    private readonly IReadOnlyList<LegendEntry> _entries;
    private readonly string[] _labels;
    private readonly double _rowHeight;

    private Legend(IReadOnlyList<LegendEntry> entries, string[] labels, double rowHeight, double width, double height)
    {
        _entries = entries;
        _labels = labels;
        _rowHeight = rowHeight;
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>The dash pattern of series past the tenth, whose colours repeat.</summary>
    public static ReadOnlySpan<double> LineDash => [6, 3];

    /// <summary>Sizes a legend for <paramref name="entries"/>, cutting labels longer than <paramref name="maxLabelWidth"/>.</summary>
    public static Legend Measure(CairoCanvas canvas, IReadOnlyList<LegendEntry> entries, double maxLabelWidth)
    {
        canvas.SetFont(FontSize);
        maxLabelWidth = Math.Max(40, maxLabelWidth);
        string[] labels = entries.Select(e => Truncate(canvas, e.Label, maxLabelWidth)).ToArray();
        double rowHeight = canvas.LineHeight + RowGap;
        double width = Math.Ceiling(2 * PadX + SwatchWidth + SwatchGap + labels.Select(canvas.TextWidth).DefaultIfEmpty(0).Max());
        double height = Math.Ceiling(2 * PadY + entries.Count * rowHeight - RowGap);
        return new Legend(entries, labels, rowHeight, width, height);
    }

    /// <summary>Whether a legend that hides data inside a plot on a canvas <paramref name="canvasWidth"/> wide may go outside instead.</summary>
    public bool FitsOutside(double canvasWidth) => Width + OutsideGap <= canvasWidth * MaxOutsideFraction;

    /// <summary>The top-left corner of the inside spot covering the fewest <paramref name="obstacles"/> (pixel points), and how many it covers.</summary>
    public (double X, double Y, int Covered) PlaceInside(PlotFrame frame, IReadOnlyList<(double X, double Y)> obstacles)
    {
        double left = frame.Left + Inset, right = frame.Right - Inset - Width;
        double top = frame.Top + Inset, bottom = frame.Bottom - Inset - Height;
        double middleX = (frame.Left + frame.Right - Width) / 2, middleY = (frame.Top + frame.Bottom - Height) / 2;
        (double X, double Y)[] candidates =
        [
            (right, top), (left, top), (right, bottom), (left, bottom),
            (right, middleY), (left, middleY), (middleX, top), (middleX, bottom),
        ];
        (double X, double Y) best = candidates[0];
        int bestCount = int.MaxValue;
        foreach ((double cx, double cy) in candidates)
        {
            int count = 0;
            foreach ((double px, double py) in obstacles)
            {
                if (px >= cx - 3 && px <= cx + Width + 3 && py >= cy - 3 && py <= cy + Height + 3) count++;
            }
            if (count < bestCount)
            {
                bestCount = count;
                best = (cx, cy);
            }
        }
        return (Math.Floor(best.X) + 0.5, Math.Floor(best.Y) + 0.5, bestCount);
    }

    /// <summary>The top-left corner of the spot right of the plot area, level with its top.</summary>
    public (double X, double Y) PlaceOutside(PlotFrame frame) => (Math.Floor(frame.Right + OutsideGap) + 0.5, Math.Floor(frame.Top) + 0.5);

    public void Draw(CairoCanvas canvas, double x, double y)
    {
        if (_entries.Count == 0) return;
        canvas.SetColor(ChartPalette.Background, 0.88);
        canvas.Rectangle(x, y, Width, Height);
        canvas.FillPreserve();
        canvas.SetColor(ChartPalette.LegendBorder);
        canvas.SetLineWidth(1);
        canvas.SetDash([]);
        canvas.Stroke();

        canvas.SetFont(FontSize);
        for (int i = 0; i < _entries.Count; i++)
        {
            double cy = y + PadY + i * _rowHeight + (_rowHeight - RowGap) / 2;
            DrawSwatch(canvas, _entries[i], x + PadX, cy);
            canvas.SetColor(ChartPalette.Text);
            canvas.DrawText(_labels[i], x + PadX + SwatchWidth + SwatchGap, cy, HAlign.Left, VAlign.Middle);
        }
    }

    private static void DrawSwatch(CairoCanvas canvas, LegendEntry entry, double x, double cy)
    {
        switch (entry.Swatch)
        {
            case LegendSwatch.Region:
                canvas.SetColor(entry.Color.OverWhite(ChartPalette.PastelOpacity));
                canvas.Rectangle(x + 2, cy - 6, SwatchWidth - 4, 12);
                canvas.Fill();
                canvas.Circle(x + SwatchWidth / 2, cy, 3.5);
                canvas.SetColor(entry.Color);
                canvas.FillPreserve();
                canvas.SetColor(ChartPalette.PointOutline);
                canvas.SetLineWidth(0.8);
                canvas.Stroke();
                break;
            default:
                canvas.SetColor(entry.Color);
                canvas.SetLineWidth(2);
                canvas.SetDash(entry.Dashed ? LineDash : []);
                canvas.MoveTo(x, cy);
                canvas.LineTo(x + SwatchWidth, cy);
                canvas.Stroke();
                canvas.SetDash([]);
                if (entry.Swatch == LegendSwatch.LineWithMarker)
                {
                    canvas.Circle(x + SwatchWidth / 2, cy, 3);
                    canvas.Fill();
                }
                break;
        }
    }

    private static string Truncate(CairoCanvas canvas, string label, double maxWidth)
    {
        if (canvas.TextWidth(label) <= maxWidth) return label;
        int keep = label.Length;
        while (keep > 0 && (char.IsHighSurrogate(label[keep - 1]) || canvas.TextWidth(label[..keep] + "…") > maxWidth)) keep--;
        return label[..keep].TrimEnd() + "…";
    }
}
