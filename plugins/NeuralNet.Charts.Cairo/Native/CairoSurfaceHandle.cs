using Microsoft.Win32.SafeHandles;

namespace NeuralNet.Charts.Cairo.Native;

/// <summary>Owns one reference to a <c>cairo_surface_t</c>; releasing it calls <c>cairo_surface_destroy</c>.</summary>
internal sealed class CairoSurfaceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller for returned surfaces.</summary>
    public CairoSurfaceHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CairoNative.SurfaceDestroy(handle);
        return true;
    }
}
