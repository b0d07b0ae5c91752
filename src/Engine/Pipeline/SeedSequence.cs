namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// Independent, reproducible random streams from one experiment seed, one per purpose ("data", "init:holdout"),
/// so changing how one stage draws numbers never shifts another.
/// </summary>
public sealed class SeedSequence(int seed)
{
    public int Seed { get; } = seed;

    /// <summary>A <see cref="Random"/> seeded from the experiment seed and <paramref name="purpose"/> (FNV-1a, stable across runs).</summary>
    public Random Next(string purpose)
    {
        uint hash = 2166136261;
        foreach (char c in purpose) hash = (hash ^ c) * 16777619;
        return new Random(unchecked((int)(hash ^ (uint)Seed * 0x9E3779B9u)) & int.MaxValue);
    }
}
