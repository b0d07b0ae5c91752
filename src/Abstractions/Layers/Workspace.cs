namespace NeuralNet.Layers;

/// <summary>
/// Scratch memory shared by the layers of one model (im2col columns, pooling indices live with their layer). Layers
/// run one at a time, so one buffer sized for the largest need serves all of them: each layer calls
/// <see cref="Reserve"/> in <c>Build</c> and <see cref="Get"/> during a pass, never keeping the span across calls.
/// </summary>
public sealed class Workspace
{
    private float[] _buffer = [];

    /// <summary>Floats currently reserved.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Makes sure at least <paramref name="floats"/> floats are available; call it at build time.</summary>
    public void Reserve(long floats)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floats);
        if (floats > Array.MaxLength)
            throw new ArgumentException($"A workspace of {floats} floats is more than one array holds; use a smaller batch.");
        if (floats > _buffer.Length) _buffer = new float[floats];
    }

    /// <summary>The first <paramref name="floats"/> floats of the shared buffer; contents are undefined.</summary>
    /// <exception cref="InvalidOperationException">More than was reserved at build time.</exception>
    public Span<float> Get(int floats)
    {
        if (floats > _buffer.Length)
            throw new InvalidOperationException($"A layer asked for {floats} workspace floats but only {_buffer.Length} were reserved at build time.");
        return _buffer.AsSpan(0, floats);
    }
}
