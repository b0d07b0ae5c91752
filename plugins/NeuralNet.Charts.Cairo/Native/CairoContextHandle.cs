using Microsoft.Win32.SafeHandles;

namespace NeuralNet.Charts.Cairo.Native;

/// <summary>Owns one reference to a <c>cairo_t</c> drawing context; releasing it calls <c>cairo_destroy</c>.</summary>
/// <remarks>The context holds its own reference to its target surface, so the two handles may be released in any order.</remarks>
internal sealed class CairoContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller for returned contexts.</summary>
    public CairoContextHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        CairoNative.Destroy(handle);
        return true;
    }
}
