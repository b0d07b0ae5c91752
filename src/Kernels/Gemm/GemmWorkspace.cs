using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralNet.Kernels;

/// <summary>
/// Per-thread packing buffers of the GEMM driver: a packed A panel, a packed B block and an edge tile, each 64-byte
/// aligned. Buffers are pinned arrays that only grow (to the largest block seen, bounded by the kernel's KC and NC),
/// so steady-state calls allocate nothing. One instance per thread ([ThreadStatic]): the caller thread and each
/// pool worker pack their own panels.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    // Floats of slack after every buffer: vectorised packing may write one vector past the last packed element.
    private const int Slack = 32;

    [ThreadStatic]
    private static GemmWorkspace? t_current;

    private float[]? _a;
    private float[]? _b;
    private float[]? _tile;

    /// <summary>This thread's workspace.</summary>
    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for the packed A panel.</summary>
    public float* PackedA(int floats) => Aligned(ref _a, floats);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for the packed B block.</summary>
    public float* PackedB(int floats) => Aligned(ref _b, floats);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for one edge tile.</summary>
    public float* Tile(int floats) => Aligned(ref _tile, floats);

    private static float* Aligned(ref float[]? buffer, int floats)
    {
        int needed = floats + Slack + 16; // + 16 floats = 64 bytes to align the start
        if (buffer is null || buffer.Length < needed)
            buffer = GC.AllocateUninitializedArray<float>(needed, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((address + 63) & ~(nint)63);
    }
}
