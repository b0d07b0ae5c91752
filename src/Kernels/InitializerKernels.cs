namespace NeuralNet.Kernels;

/// <summary>
/// Random fills for initial weights, deterministic for a given <see cref="Random"/>: the same seed gives the same
/// values on every machine, since only <see cref="Random.NextDouble"/> is drawn.
/// </summary>
public static class InitializerKernels
{
    /// <summary>Fills <paramref name="values"/> uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static void FillUniform(Span<float> values, float min, float max, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double width = (double)max - min;
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(min + width * random.NextDouble());
    }

    /// <summary>
    /// Fills <paramref name="values"/> from the normal distribution N(<paramref name="mean"/>, <paramref name="std"/>²)
    /// by the Box–Muller transform, each pair of uniforms giving two values.
    /// </summary>
    public static void FillNormal(Span<float> values, float mean, float std, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(); // (0, 1]: ln never sees 0
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            double angle = 2.0 * Math.PI * u2;
            values[i] = (float)(mean + std * radius * Math.Cos(angle));
            if (i + 1 < values.Length)
                values[i + 1] = (float)(mean + std * radius * Math.Sin(angle));
        }
    }
}
