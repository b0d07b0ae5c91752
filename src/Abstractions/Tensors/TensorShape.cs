namespace NeuralNet.Tensors;

/// <summary>
/// The shape of one sample (the batch dimension is never part of it): <c>[784]</c> for a flat image,
/// <c>[1, 28, 28]</c> for a channel-first image. Immutable; compared by value.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] _dims;

    public TensorShape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0) throw new ArgumentException("A shape needs at least one dimension.", nameof(dims));
        long size = 1;
        foreach (int d in dims)
        {
            if (d <= 0) throw new ArgumentException($"Every dimension must be positive, got [{string.Join(", ", dims)}].", nameof(dims));
            size *= d;
        }
        if (size > int.MaxValue) throw new ArgumentException($"Shape [{string.Join(", ", dims)}] holds more than {int.MaxValue} elements.", nameof(dims));
        _dims = (int[])dims.Clone();
        Size = (int)size;
    }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Product of the dimensions: the number of floats in one sample.</summary>
    public int Size { get; }

    public int this[int axis] => _dims[axis];

    public ReadOnlySpan<int> Dimensions => _dims;

    public int[] ToArray() => (int[])_dims.Clone();

    public bool Equals(TensorShape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _dims) + "]";

    public static bool operator ==(TensorShape? a, TensorShape? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(TensorShape? a, TensorShape? b) => !(a == b);
}
