namespace NeuralNet.Tensors;

/// <summary>
/// A contiguous, batch-first block of <see cref="float"/>: <see cref="BatchSize"/> samples of
/// <see cref="SampleShape"/> each, row-major, sample after sample.
/// </summary>
/// <remarks>
/// A tensor owns a buffer sized for <see cref="Capacity"/> samples. Layers allocate their outputs once for the
/// largest batch and call <see cref="SetBatchSize"/> for a smaller last batch, so training allocates nothing per
/// batch. Operations live in kernels (<c>NeuralNet.Kernels</c>), not here.
/// </remarks>
public sealed class Tensor
{
    /// <summary>Allocates a zeroed tensor of <paramref name="batchSize"/> samples (also its capacity).</summary>
    public Tensor(int batchSize, TensorShape sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        long length = (long)batchSize * sampleShape.Size;
        if (length > Array.MaxLength)
            throw new ArgumentException($"A tensor of {batchSize} x {sampleShape} needs {length} floats, more than one array holds.");
        SampleShape = sampleShape;
        Buffer = new float[length];
        Capacity = batchSize;
        BatchSize = batchSize;
    }

    /// <summary>Wraps <paramref name="buffer"/> (not copied) as <paramref name="batchSize"/> samples of <paramref name="sampleShape"/>.</summary>
    public Tensor(float[] buffer, int batchSize, TensorShape sampleShape)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        if ((long)batchSize * sampleShape.Size > buffer.Length)
            throw new ArgumentException($"A buffer of {buffer.Length} floats cannot hold {batchSize} x {sampleShape}.", nameof(buffer));
        Buffer = buffer;
        SampleShape = sampleShape;
        Capacity = buffer.Length / sampleShape.Size;
        BatchSize = batchSize;
    }

    /// <summary>Convenience for one-dimensional samples: <paramref name="batchSize"/> rows of <paramref name="features"/>.</summary>
    public Tensor(int batchSize, int features) : this(batchSize, new TensorShape(features)) { }

    /// <summary>The backing array; its first <see cref="Length"/> elements are the tensor.</summary>
    public float[] Buffer { get; }

    /// <summary>The shape of one sample.</summary>
    public TensorShape SampleShape { get; }

    /// <summary>Floats per sample.</summary>
    public int SampleSize => SampleShape.Size;

    /// <summary>Samples currently held (the first dimension).</summary>
    public int BatchSize { get; private set; }

    /// <summary>Largest batch the buffer holds.</summary>
    public int Capacity { get; }

    /// <summary>Floats currently held: <see cref="BatchSize"/> x <see cref="SampleSize"/>.</summary>
    public int Length => BatchSize * SampleShape.Size;

    public Span<float> Span => Buffer.AsSpan(0, Length);

    public ReadOnlySpan<float> ReadOnlySpan => Buffer.AsSpan(0, Length);

    /// <summary>The floats of sample <paramref name="index"/>.</summary>
    public Span<float> Sample(int index)
    {
        if ((uint)index >= (uint)BatchSize)
            throw new ArgumentOutOfRangeException(nameof(index), $"Sample {index} of a batch of {BatchSize}.");
        return Buffer.AsSpan(index * SampleSize, SampleSize);
    }

    /// <summary>Element <paramref name="column"/> of sample <paramref name="row"/> (flat within the sample).</summary>
    public float this[int row, int column]
    {
        get => Buffer[Offset(row, column)];
        set => Buffer[Offset(row, column)] = value;
    }

    /// <summary>Changes how many samples the tensor holds, within <see cref="Capacity"/>; allocates nothing.</summary>
    public void SetBatchSize(int batchSize)
    {
        if ((uint)batchSize > (uint)Capacity)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch of {batchSize} exceeds this tensor's capacity of {Capacity} x {SampleShape}.");
        BatchSize = batchSize;
    }

    /// <summary>A new tensor with a copy of this one's current contents.</summary>
    public Tensor Clone()
    {
        var copy = new Tensor(BatchSize, SampleShape);
        ReadOnlySpan.CopyTo(copy.Buffer);
        return copy;
    }

    /// <summary>The full shape as text, batch first: <c>[128, 784]</c>.</summary>
    public string ShapeString => SampleShape.Rank == 1
        ? $"[{BatchSize}, {SampleShape[0]}]"
        : "[" + BatchSize + ", " + SampleShape.ToString()[1..];

    public override string ToString() => $"Tensor{ShapeString}";

    private int Offset(int row, int column)
    {
        if ((uint)row >= (uint)BatchSize || (uint)column >= (uint)SampleSize)
            throw new ArgumentOutOfRangeException(nameof(row), $"Element ({row}, {column}) of a tensor {ShapeString}.");
        return row * SampleSize + column;
    }
}
