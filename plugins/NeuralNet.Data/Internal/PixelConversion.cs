using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet.DataSources.Internal;

/// <summary>Unsigned bytes to floats, divided by a constant, a SIMD vector at a time.</summary>
internal static class PixelConversion
{
    /// <summary><c>destination[i] = source[i] / divisor</c>.</summary>
    /// <remarks>Called once per 64 KiB chunk while loading: compiled fully optimised at once rather than tiered up late.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToFloat(ReadOnlySpan<byte> source, Span<float> destination, float divisor)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"Destination of {destination.Length} floats is shorter than the {source.Length} bytes to convert.", nameof(destination));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = new Vector<float>(divisor);
            int width = Vector<byte>.Count;
            int quarter = Vector<uint>.Count;
            for (; i <= source.Length - width; i += width)
            {
                Vector.Widen(new Vector<byte>(source.Slice(i)), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> e);
                (Vector.ConvertToSingle(a) / d).CopyTo(destination.Slice(i));
                (Vector.ConvertToSingle(b) / d).CopyTo(destination.Slice(i + quarter));
                (Vector.ConvertToSingle(c) / d).CopyTo(destination.Slice(i + 2 * quarter));
                (Vector.ConvertToSingle(e) / d).CopyTo(destination.Slice(i + 3 * quarter));
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i] / divisor;
    }
}
