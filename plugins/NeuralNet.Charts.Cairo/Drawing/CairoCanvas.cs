using NeuralNet.Charts.Cairo.Native;

namespace NeuralNet.Charts.Cairo.Drawing;

/// <summary>
/// An opaque RGB image and its cairo context, with the handful of drawing calls the charts need. Coordinates are
/// pixels, origin top-left, y down. Cairo records errors in the context instead of failing calls, so drawing never
/// throws; <see cref="ThrowIfFailed"/> and <see cref="WritePng"/> report them.
/// </summary>
internal sealed class CairoCanvas : IDisposable
{
    /// <summary>The toy-API family; fontconfig falls back to the default sans face if DejaVu is missing.</summary>
    public const string FontFamily = "DejaVu Sans";

    private readonly CairoSurfaceHandle _surface;
    private readonly CairoContextHandle _cr;
    private double _ascent;
    private double _descent;

    public CairoCanvas(int width, int height)
    {
        Width = width;
        Height = height;
        _surface = CairoNative.ImageSurfaceCreate(CairoFormat.Rgb24, width, height);
        try
        {
            // On failure cairo returns an error surface, and a context created on it is in the same error state,
            // which ThrowIfFailed reports.
            _cr = CairoNative.Create(_surface);
        }
        catch
        {
            _surface.Dispose();
            throw;
        }
        CairoNative.SetLineJoin(_cr, CairoLineJoin.Round);
        SetFont(12);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Paints the whole image <paramref name="color"/>.</summary>
    public void Clear(Rgb color)
    {
        SetColor(color);
        CairoNative.Paint(_cr);
    }

    public void SetColor(Rgb color, double alpha = 1)
    {
        if (alpha >= 1) CairoNative.SetSourceRgb(_cr, color.R, color.G, color.B);
        else CairoNative.SetSourceRgba(_cr, color.R, color.G, color.B, alpha);
    }

    public void SetLineWidth(double width) => CairoNative.SetLineWidth(_cr, width);

    /// <summary>Dashes of the given on/off lengths; an empty span draws solid lines.</summary>
    public unsafe void SetDash(ReadOnlySpan<double> pattern)
    {
        fixed (double* p = pattern) CairoNative.SetDash(_cr, p, pattern.Length, 0);
    }

    public void NewPath() => CairoNative.NewPath(_cr);

    public void MoveTo(double x, double y) => CairoNative.MoveTo(_cr, x, y);

    public void LineTo(double x, double y) => CairoNative.LineTo(_cr, x, y);

    public void Rectangle(double x, double y, double width, double height) => CairoNative.Rectangle(_cr, x, y, width, height);

    /// <summary>Adds a closed circle to the path.</summary>
    public void Circle(double x, double y, double radius)
    {
        CairoNative.NewSubPath(_cr);
        CairoNative.Arc(_cr, x, y, radius, 0, 2 * Math.PI);
    }

    public void Fill() => CairoNative.Fill(_cr);

    public void FillPreserve() => CairoNative.FillPreserve(_cr);

    public void Stroke() => CairoNative.Stroke(_cr);

    /// <summary>A horizontal or vertical 1-px line drawn crisply on pixel centres.</summary>
    public void HairLine(double x0, double y0, double x1, double y1)
    {
        SetLineWidth(1);
        MoveTo(Crisp(x0), Crisp(y0));
        LineTo(Crisp(x1), Crisp(y1));
        Stroke();
    }

    /// <summary>The centre of the pixel a 1-px line at <paramref name="v"/> should cover.</summary>
    public static double Crisp(double v) => Math.Floor(v) + 0.5;

    public void Save() => CairoNative.Save(_cr);

    public void Restore() => CairoNative.Restore(_cr);

    /// <summary>Restricts drawing to a rectangle until the matching <see cref="Restore"/>.</summary>
    public void ClipTo(double x, double y, double width, double height)
    {
        CairoNative.NewPath(_cr);
        CairoNative.Rectangle(_cr, x, y, width, height);
        CairoNative.Clip(_cr);
    }

    public void SetFont(double size, bool bold = false)
    {
        CairoNative.SelectFontFace(_cr, FontFamily, CairoFontSlant.Normal, bold ? CairoFontWeight.Bold : CairoFontWeight.Normal);
        CairoNative.SetFontSize(_cr, size);
        CairoNative.FontExtents(_cr, out CairoFontExtents font);
        _ascent = font.Ascent;
        _descent = font.Descent;
    }

    /// <summary>Height of a line of the current font: ascent plus descent.</summary>
    public double LineHeight => _ascent + _descent;

    /// <summary>How far <paramref name="text"/> advances in the current font.</summary>
    public double TextWidth(string text)
    {
        CairoNative.TextExtents(_cr, text, out CairoTextExtents extents);
        return extents.XAdvance;
    }

    public void DrawText(string text, double x, double y, HAlign h = HAlign.Left, VAlign v = VAlign.Baseline)
    {
        double width = h == HAlign.Left ? 0 : TextWidth(text);
        double left = h switch { HAlign.Center => x - width / 2, HAlign.Right => x - width, _ => x };
        double baseline = v switch
        {
            VAlign.Top => y + _ascent,
            VAlign.Middle => y + (_ascent - _descent) / 2,
            VAlign.Bottom => y - _descent,
            _ => y,
        };
        CairoNative.MoveTo(_cr, left, baseline);
        CairoNative.ShowText(_cr, text);
        CairoNative.NewPath(_cr);
    }

    /// <summary>Text turned 90° anticlockwise (reading upwards), its centre at x = <paramref name="centerX"/>, y = <paramref name="centerY"/>.</summary>
    public void DrawTextUpwards(string text, double centerX, double centerY)
    {
        CairoNative.Save(_cr);
        CairoNative.Translate(_cr, centerX, centerY);
        CairoNative.Rotate(_cr, -Math.PI / 2);
        DrawText(text, 0, 0, HAlign.Center, VAlign.Middle);
        CairoNative.Restore(_cr);
    }

    /// <summary>Throws if any drawing call so far has put cairo into an error state.</summary>
    /// <exception cref="IOException">Names <paramref name="path"/> and cairo's status text.</exception>
    public void ThrowIfFailed(string path)
    {
        CairoStatus status = CairoNative.Status(_cr);
        if (status == CairoStatus.Success) status = CairoNative.SurfaceStatus(_surface);
        if (status != CairoStatus.Success)
            throw new IOException($"Chart {path}: cairo failed while drawing: {CairoNative.StatusToString(status)}.");
    }

    /// <summary>Writes the image to exactly <paramref name="path"/> as PNG.</summary>
    /// <exception cref="IOException">Drawing failed or the file cannot be written; names the path and cairo's status text.</exception>
    public void WritePng(string path)
    {
        ThrowIfFailed(path);
        CairoNative.SurfaceFlush(_surface);
        CairoStatus status = CairoNative.SurfaceWriteToPng(_surface, path);
        if (status != CairoStatus.Success)
            throw new IOException($"Chart {path}: cairo cannot write the PNG: {CairoNative.StatusToString(status)}.");
    }

    public void Dispose()
    {
        _cr.Dispose();
        _surface.Dispose();
    }
}
