using System.Runtime.InteropServices;

namespace NeuralNet.Charts.Cairo.Native;

/// <summary>
/// The few functions of cairo's C API the renderer uses, bound from Debian's <c>libcairo.so.2</c>. Handles are
/// <see cref="CairoSurfaceHandle"/> and <see cref="CairoContextHandle"/>, so every surface and context is destroyed.
/// </summary>
/// <remarks>Strings are passed as UTF-8 (cairo's toy text API and its file names are UTF-8 / byte strings).</remarks>
internal static partial class CairoNative
{
    public const string Library = "libcairo.so.2";

    [LibraryImport(Library, EntryPoint = "cairo_version")]
    public static partial int Version();

    [LibraryImport(Library, EntryPoint = "cairo_status_to_string")]
    private static partial nint StatusToStringNative(CairoStatus status);

    /// <summary>cairo's own text for <paramref name="status"/> (a static string: never freed).</summary>
    public static string StatusToString(CairoStatus status)
        => Marshal.PtrToStringUTF8(StatusToStringNative(status)) ?? status.ToString();

    // --- surfaces -------------------------------------------------------------------------------------------

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create")]
    public static partial CairoSurfaceHandle ImageSurfaceCreate(CairoFormat format, int width, int height);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_create_from_png", StringMarshalling = StringMarshalling.Utf8)]
    public static partial CairoSurfaceHandle ImageSurfaceCreateFromPng(string filename);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_data")]
    public static partial nint ImageSurfaceGetData(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_stride")]
    public static partial int ImageSurfaceGetStride(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_width")]
    public static partial int ImageSurfaceGetWidth(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_height")]
    public static partial int ImageSurfaceGetHeight(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_image_surface_get_format")]
    public static partial CairoFormat ImageSurfaceGetFormat(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_flush")]
    public static partial void SurfaceFlush(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_status")]
    public static partial CairoStatus SurfaceStatus(CairoSurfaceHandle surface);

    [LibraryImport(Library, EntryPoint = "cairo_surface_write_to_png", StringMarshalling = StringMarshalling.Utf8)]
    public static partial CairoStatus SurfaceWriteToPng(CairoSurfaceHandle surface, string filename);

    [LibraryImport(Library, EntryPoint = "cairo_surface_finish")]
    public static partial void SurfaceFinish(CairoSurfaceHandle surface);

    /// <summary>Drops a reference; only <see cref="CairoSurfaceHandle"/> calls this.</summary>
    [LibraryImport(Library, EntryPoint = "cairo_surface_destroy")]
    public static partial void SurfaceDestroy(nint surface);

    // --- contexts -------------------------------------------------------------------------------------------

    [LibraryImport(Library, EntryPoint = "cairo_create")]
    public static partial CairoContextHandle Create(CairoSurfaceHandle target);

    /// <summary>Drops a reference; only <see cref="CairoContextHandle"/> calls this.</summary>
    [LibraryImport(Library, EntryPoint = "cairo_destroy")]
    public static partial void Destroy(nint cr);

    [LibraryImport(Library, EntryPoint = "cairo_status")]
    public static partial CairoStatus Status(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_save")]
    public static partial void Save(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_restore")]
    public static partial void Restore(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_translate")]
    public static partial void Translate(CairoContextHandle cr, double tx, double ty);

    [LibraryImport(Library, EntryPoint = "cairo_rotate")]
    public static partial void Rotate(CairoContextHandle cr, double angle);

    // --- source and stroke style ----------------------------------------------------------------------------

    [LibraryImport(Library, EntryPoint = "cairo_set_source_rgb")]
    public static partial void SetSourceRgb(CairoContextHandle cr, double red, double green, double blue);

    [LibraryImport(Library, EntryPoint = "cairo_set_source_rgba")]
    public static partial void SetSourceRgba(CairoContextHandle cr, double red, double green, double blue, double alpha);

    [LibraryImport(Library, EntryPoint = "cairo_set_line_width")]
    public static partial void SetLineWidth(CairoContextHandle cr, double width);

    [LibraryImport(Library, EntryPoint = "cairo_set_line_join")]
    public static partial void SetLineJoin(CairoContextHandle cr, CairoLineJoin join);

    /// <summary><paramref name="dashes"/> points at <paramref name="count"/> doubles; count 0 turns dashing off.</summary>
    [LibraryImport(Library, EntryPoint = "cairo_set_dash")]
    public static unsafe partial void SetDash(CairoContextHandle cr, double* dashes, int count, double offset);

    // --- paths ----------------------------------------------------------------------------------------------

    [LibraryImport(Library, EntryPoint = "cairo_new_path")]
    public static partial void NewPath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_move_to")]
    public static partial void MoveTo(CairoContextHandle cr, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_line_to")]
    public static partial void LineTo(CairoContextHandle cr, double x, double y);

    [LibraryImport(Library, EntryPoint = "cairo_new_sub_path")]
    public static partial void NewSubPath(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_rectangle")]
    public static partial void Rectangle(CairoContextHandle cr, double x, double y, double width, double height);

    [LibraryImport(Library, EntryPoint = "cairo_arc")]
    public static partial void Arc(CairoContextHandle cr, double xc, double yc, double radius, double angle1, double angle2);

    [LibraryImport(Library, EntryPoint = "cairo_paint")]
    public static partial void Paint(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_fill")]
    public static partial void Fill(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_fill_preserve")]
    public static partial void FillPreserve(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_stroke")]
    public static partial void Stroke(CairoContextHandle cr);

    [LibraryImport(Library, EntryPoint = "cairo_clip")]
    public static partial void Clip(CairoContextHandle cr);

    // --- toy text API ---------------------------------------------------------------------------------------

    [LibraryImport(Library, EntryPoint = "cairo_select_font_face", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SelectFontFace(CairoContextHandle cr, string family, CairoFontSlant slant, CairoFontWeight weight);

    [LibraryImport(Library, EntryPoint = "cairo_set_font_size")]
    public static partial void SetFontSize(CairoContextHandle cr, double size);

    [LibraryImport(Library, EntryPoint = "cairo_show_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ShowText(CairoContextHandle cr, string utf8);

    [LibraryImport(Library, EntryPoint = "cairo_text_extents", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void TextExtents(CairoContextHandle cr, string utf8, out CairoTextExtents extents);

    [LibraryImport(Library, EntryPoint = "cairo_font_extents")]
    public static partial void FontExtents(CairoContextHandle cr, out CairoFontExtents extents);
}
