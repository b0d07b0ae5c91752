namespace NeuralNet.DataSources.Internal;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> by the Box–Muller transform:
/// z0 = sqrt(-2 ln u1) cos(2π u2), z1 = sqrt(-2 ln u1) sin(2π u2), u1 in (0, 1], u2 in [0, 1).
/// Both values of a pair are used, so the sequence depends only on the seed.
/// </summary>
internal sealed class NormalSampler(Random random)
{
    private double _spare;
    private bool _hasSpare;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: ln never sees 0
        double u2 = random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
