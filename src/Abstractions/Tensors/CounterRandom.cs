using System.Runtime.CompilerServices;

namespace NeuralNet.Tensors;

/// <summary>
/// Counter-based random numbers: every value is a pure function of a 64-bit key and an index (SplitMix64's
/// finaliser over key + golden-ratio · index), so any element can be drawn by any thread in any order and a run is
/// bitwise reproducible for any thread count, with no state to save for resuming. Keys are derived from the
/// experiment seed and a purpose, then from the epoch and batch: <c>Key(Key(seed, purpose), epoch, batch)</c>.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>A key for (<paramref name="key"/>, <paramref name="a"/>, <paramref name="b"/>): distinct inputs give unrelated streams.</summary>
    public static ulong Key(ulong key, long a, long b = 0) => Mix(Mix(key ^ Mix((ulong)a + Golden)) ^ Mix((ulong)b + unchecked(2 * Golden)));

    /// <summary>A key for a named purpose (<c>"dropout"</c>) under <paramref name="seed"/>, stable across runs and platforms.</summary>
    public static ulong Key(ulong seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ulong h = 14695981039346656037UL; // FNV-1a over UTF-16 code units
        foreach (char c in purpose) h = (h ^ c) * 1099511628211UL;
        return Key(seed, (long)h);
    }

    /// <summary>64 random bits for element <paramref name="index"/> of stream <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong key, long index) => Mix(key + Golden * (ulong)(index + 1));

    /// <summary>A float uniform in [0, 1) (24 random bits) for element <paramref name="index"/> of stream <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Uniform(ulong key, long index) => (Bits(key, index) >> 40) * (1f / (1 << 24));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
