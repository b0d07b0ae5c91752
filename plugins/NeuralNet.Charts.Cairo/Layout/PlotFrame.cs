using NeuralNet.Charts.Cairo.Drawing;

namespace NeuralNet.Charts.Cairo.Layout;

/// <summary>
/// Where the plot area sits in the image and how data maps onto it, plus the furniture around it: light grid lines,
/// the frame with outward ticks and tick labels, the axis labels (y turned upwards) and the title.
/// </summary>
/// <remarks>
/// Margins are measured from the text actually drawn: the bottom from the font heights, the left from the widest
/// y tick label, the right from how far the last x tick label sticks out. X ticks are thinned (next 1-2-5 step)
/// until neighbouring labels leave a gap, so many epochs stay readable.
/// </remarks>
internal sealed class PlotFrame
{
    public const double TitleFontSize = 15;
    public const double LabelFontSize = 13;
    public const double TickFontSize = 11;
    private const double Pad = 10;
    private const double TickLength = 5;
    private const double TickGap = 3;
    private const double MinXLabelGap = 16;
    private const double MinYTickSpacing = 36;
    private const double MinXTickSpacing = 60;

    private PlotFrame(double xLo, double xHi, double yLo, double yHi)
    {
        XLo = xLo;
        XHi = xHi;
        YLo = yLo;
        YHi = yHi;
    }

    /// <summary>Plot area in pixels: columns [Left, Right), rows [Top, Bottom).</summary>
    public double Left { get; private set; }

    public double Top { get; private set; }

    public double Right { get; private set; }

    public double Bottom { get; private set; }

    public double XLo { get; }

    public double XHi { get; }

    public double YLo { get; }

    public double YHi { get; }

    public double[] XTicks { get; private set; } = [];

    public double[] YTicks { get; private set; } = [];

    public double XStep { get; private set; }

    public double YStep { get; private set; }

    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public double PixelX(double x) => Left + (x - XLo) / (XHi - XLo) * (Right - Left);

    /// <summary>Data y to pixel row: y grows upwards.</summary>
    public double PixelY(double y) => Bottom - (y - YLo) / (YHi - YLo) * (Bottom - Top);

    /// <summary>Lays out a plot of data limits <paramref name="x"/> by <paramref name="y"/> on <paramref name="canvas"/>.</summary>
    /// <param name="xMinStep">Smallest x tick step (1 for epochs, so there is never a tick at 2.5).</param>
    /// <param name="reserveRight">Pixels kept free right of the plot (for a legend outside it).</param>
    public static PlotFrame Layout(CairoCanvas canvas, string title, string xLabel, string yLabel,
        (double Lo, double Hi) x, (double Lo, double Hi) y, double xMinStep = 0, double yMinStep = 0, double reserveRight = 0)
    {
        var frame = new PlotFrame(x.Lo, x.Hi, y.Lo, y.Hi);
        double w = canvas.Width, h = canvas.Height;

        canvas.SetFont(TickFontSize);
        double tickLine = canvas.LineHeight;
        canvas.SetFont(LabelFontSize);
        double labelLine = canvas.LineHeight;
        canvas.SetFont(TitleFontSize, bold: true);
        double titleLine = canvas.LineHeight;

        double top = Pad + (title.Length > 0 ? titleLine + 10 : tickLine / 2);
        double bottom = h - (Pad + TickLength + TickGap + tickLine + (xLabel.Length > 0 ? 6 + labelLine : 0));
        frame.Top = Math.Round(top);
        frame.Bottom = Math.Max(frame.Top + 10, Math.Round(bottom));

        // Y ticks depend only on the height; the left margin then fits the widest y tick label.
        int maxYTicks = (int)(frame.Height / MinYTickSpacing) + 1;
        frame.YStep = NiceScale.Step(y.Lo, y.Hi, maxYTicks, yMinStep);
        frame.YTicks = NiceScale.Ticks(y.Lo, y.Hi, frame.YStep);
        canvas.SetFont(TickFontSize);
        double yLabelWidth = frame.YTicks.Select(t => canvas.TextWidth(NiceScale.Format(t, frame.YStep))).DefaultIfEmpty(0).Max();
        double left = Pad + (yLabel.Length > 0 ? labelLine + 8 : 0) + yLabelWidth + TickGap + TickLength;
        frame.Left = Math.Round(left);
        frame.Right = Math.Max(frame.Left + 10, Math.Floor(w - Pad - 8 - reserveRight));

        // X ticks depend on the width; a last label sticking out past the edge narrows the plot once.
        for (int pass = 0; pass < 2; pass++)
        {
            frame.ChooseXTicks(canvas, xMinStep);
            double overflow = 0;
            foreach (double t in frame.XTicks)
            {
                double half = canvas.TextWidth(NiceScale.Format(t, frame.XStep)) / 2;
                overflow = Math.Max(overflow, frame.PixelX(t) + half - (w - 4));
            }
            if (overflow <= 0) break;
            frame.Right = Math.Max(frame.Left + 10, Math.Floor(frame.Right - overflow));
        }
        return frame;
    }

    private void ChooseXTicks(CairoCanvas canvas, double minStep)
    {
        canvas.SetFont(TickFontSize);
        int maxTicks = (int)(Width / MinXTickSpacing) + 1;
        double step = NiceScale.Step(XLo, XHi, maxTicks, minStep);
        for (int attempt = 0; attempt < 40; attempt++)
        {
            double[] ticks = NiceScale.Ticks(XLo, XHi, step);
            if (LabelsFit(canvas, ticks, step))
            {
                XStep = step;
                XTicks = ticks;
                return;
            }
            step = NiceScale.NextStep(step);
        }
        XStep = step;
        XTicks = NiceScale.Ticks(XLo, XHi, step);
    }

    private bool LabelsFit(CairoCanvas canvas, double[] ticks, double step)
    {
        for (int i = 1; i < ticks.Length; i++)
        {
            double a = canvas.TextWidth(NiceScale.Format(ticks[i - 1], step));
            double b = canvas.TextWidth(NiceScale.Format(ticks[i], step));
            if (PixelX(ticks[i]) - PixelX(ticks[i - 1]) < (a + b) / 2 + MinXLabelGap) return false;
        }
        return true;
    }

    /// <summary>Light grid lines at every tick, under the data.</summary>
    public void DrawGrid(CairoCanvas canvas)
    {
        canvas.SetColor(ChartPalette.Grid);
        foreach (double t in XTicks)
        {
            double px = PixelX(t);
            if (px > Left + 1 && px < Right - 2) canvas.HairLine(px, Top, px, Bottom);
        }
        foreach (double t in YTicks)
        {
            double py = PixelY(t);
            if (py > Top + 1 && py < Bottom - 2) canvas.HairLine(Left, py, Right, py);
        }
    }

    /// <summary>Frame, ticks and tick labels, axis labels and title, over the data.</summary>
    public void DrawAxes(CairoCanvas canvas, string title, string xLabel, string yLabel)
    {
        canvas.SetColor(ChartPalette.Axis);
        canvas.SetDash([]);
        canvas.SetLineWidth(1);
        canvas.Rectangle(Left + 0.5, Top + 0.5, Width - 1, Height - 1);
        canvas.Stroke();

        canvas.SetFont(TickFontSize);
        foreach (double t in XTicks)
        {
            double px = PixelX(t);
            canvas.SetColor(ChartPalette.Axis);
            canvas.HairLine(px, Bottom, px, Bottom + TickLength);
            canvas.SetColor(ChartPalette.Text);
            canvas.DrawText(NiceScale.Format(t, XStep), Math.Floor(px) + 0.5, Bottom + TickLength + TickGap, HAlign.Center, VAlign.Top);
        }
        foreach (double t in YTicks)
        {
            double py = PixelY(t);
            canvas.SetColor(ChartPalette.Axis);
            canvas.HairLine(Left - TickLength, py, Left, py);
            canvas.SetColor(ChartPalette.Text);
            canvas.DrawText(NiceScale.Format(t, YStep), Left - TickLength - TickGap, Math.Floor(py) + 0.5, HAlign.Right, VAlign.Middle);
        }
        double tickLine = canvas.LineHeight;

        canvas.SetColor(ChartPalette.Text);
        if (xLabel.Length > 0)
        {
            string text = Fit(canvas, xLabel, Width, LabelFontSize);
            canvas.DrawText(text, (Left + Right) / 2, Bottom + TickLength + TickGap + tickLine + 6, HAlign.Center, VAlign.Top);
        }
        if (yLabel.Length > 0)
        {
            string text = Fit(canvas, yLabel, Height, LabelFontSize);
            canvas.DrawTextUpwards(text, Pad + canvas.LineHeight / 2, (Top + Bottom) / 2);
        }
        if (title.Length > 0)
        {
            string text = Fit(canvas, title, canvas.Width - 2 * Pad, TitleFontSize, bold: true);
            double half = canvas.TextWidth(text) / 2;
            double center = Math.Clamp((Left + Right) / 2, Pad + half, Math.Max(Pad + half, canvas.Width - Pad - half));
            canvas.DrawText(text, center, Pad, HAlign.Center, VAlign.Top);
        }
    }

    /// <summary>A short note in the middle of the plot area (for a chart with nothing to draw).</summary>
    public void DrawNote(CairoCanvas canvas, string note)
    {
        canvas.SetFont(LabelFontSize);
        canvas.SetColor(ChartPalette.Axis);
        canvas.DrawText(note, (Left + Right) / 2, (Top + Bottom) / 2, HAlign.Center, VAlign.Middle);
    }

    /// <summary>
    /// Sets the font and returns <paramref name="text"/> made to fit <paramref name="maxWidth"/>: first by shrinking the
    /// font (down to 70 %), then by cutting the end off behind an ellipsis.
    /// </summary>
    public static string Fit(CairoCanvas canvas, string text, double maxWidth, double fontSize, bool bold = false)
    {
        canvas.SetFont(fontSize, bold);
        double width = canvas.TextWidth(text);
        if (width <= maxWidth) return text;
        double size = Math.Max(fontSize * 0.7, fontSize * maxWidth / width);
        canvas.SetFont(size, bold);
        if (canvas.TextWidth(text) <= maxWidth) return text;
        int keep = text.Length;
        while (keep > 0 && (char.IsHighSurrogate(text[keep - 1]) || canvas.TextWidth(text[..keep] + "…") > maxWidth)) keep--;
        return text[..keep].TrimEnd() + "…";
    }
}
