using NeuralNet.Augmentation;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Reads batches of samples by index into two tensor pairs allocated once, and prepares batch b + 1 on a background
/// thread while batch b trains: read from the <see cref="ISampleSet"/>, normalise, and (training batches only)
/// augment. Allocates nothing per batch. One pass at a time: <see cref="Begin"/>, then <see cref="Next"/> until false.
/// </summary>
/// <remarks>
/// Augmentation randomness is keyed by (augmentation key, epoch, batch, augmentation position), so it does not depend
/// on timing or threads. The consumer owns the batch <see cref="Next"/> returned until its next call; the producer
/// only ever writes the other slot.
/// </remarks>
public sealed class BatchLoader : IDisposable
{
    private readonly Tensor[] _x;
    private readonly Tensor[] _y;
    private readonly FeatureNormalizer _normalizer;
    private readonly IAugmentation[] _augmentations;
    private readonly ulong _augmentationKey;
    private readonly int _batchSize;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _work = new(0);
    private readonly SemaphoreSlim _done = new(0);

    private ISampleSet? _samples;
    private int[] _indices = [];
    private int _count;
    private int _epoch;
    private bool _augment;
    private int _nextBatch;      // batch the consumer gets next (0-based)
    private int _requestedBatch; // batch the producer works on
    private Exception? _error;
    private volatile bool _stopping;
    private bool _pending;

    /// <param name="featureShape">Shape of one sample's features.</param>
    /// <param name="targetShape">Shape of one sample's targets.</param>
    /// <param name="batchSize">Samples per batch (the last of a pass may be shorter).</param>
    /// <param name="normalizer">Applied to every batch.</param>
    /// <param name="augmentations">Applied in order to training batches.</param>
    /// <param name="augmentationKey">Key of the augmentation random stream (from the experiment seed).</param>
    public BatchLoader(TensorShape featureShape, TensorShape targetShape, int batchSize, FeatureNormalizer normalizer,
        IReadOnlyList<IAugmentation>? augmentations = null, ulong augmentationKey = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _normalizer = normalizer;
        _augmentations = augmentations?.ToArray() ?? [];
        _augmentationKey = augmentationKey;
        _x = [new Tensor(batchSize, featureShape), new Tensor(batchSize, featureShape)];
        _y = [new Tensor(batchSize, targetShape), new Tensor(batchSize, targetShape)];
        normalizer.Validate(featureShape);
        foreach (IAugmentation a in _augmentations) a.Prepare(featureShape, batchSize);
        _thread = new Thread(Produce) { IsBackground = true, Name = "NeuralNet batch loader" };
        _thread.Start();
    }

    /// <summary>Batches in the current pass.</summary>
    public int Batches => (_count + _batchSize - 1) / _batchSize;

    /// <summary>
    /// Starts a pass over <paramref name="indices"/> (read, not copied: do not change it during the pass), and starts
    /// preparing the first batch. <paramref name="epoch"/> keys augmentation, which runs only when <paramref name="augment"/>.
    /// A resumed epoch starts at <paramref name="startBatch"/> (0-based), skipping the batches already trained.
    /// </summary>
    public void Begin(ISampleSet samples, int[] indices, int count, int epoch, bool augment, int startBatch = 0)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(indices);
        if (_pending) Drain();
        if (samples.FeatureShape != _x[0].SampleShape || samples.TargetShape != _y[0].SampleShape)
            throw new ArgumentException($"Samples of {samples.FeatureShape} → {samples.TargetShape}, loader built for {_x[0].SampleShape} → {_y[0].SampleShape}.");
        _samples = samples;
        _indices = indices;
        _count = count;
        _epoch = epoch;
        _augment = augment && _augmentations.Length > 0;
        ArgumentOutOfRangeException.ThrowIfNegative(startBatch);
        _nextBatch = startBatch;
        _error = null;
        if (_nextBatch < Batches) Request(_nextBatch);
    }

    /// <summary>The next batch of the pass (1-based <paramref name="batch"/> number), or false when the pass is over.</summary>
    public bool Next(out Tensor features, out Tensor targets, out int batch)
    {
        if (_nextBatch >= Batches)
        {
            features = targets = null!;
            batch = 0;
            return false;
        }
        _done.Wait();
        _pending = false;
        if (_error is { } error)
        {
            _error = null;
            _nextBatch = Batches;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
        int slot = _nextBatch & 1;
        features = _x[slot];
        targets = _y[slot];
        batch = ++_nextBatch;
        if (_nextBatch < Batches) Request(_nextBatch);
        return true;
    }

    /// <summary>Abandons the rest of a pass (after an exception in the consumer), waiting for the batch in flight.</summary>
    public void Drain()
    {
        if (!_pending) return;
        _done.Wait();
        _pending = false;
        _error = null;
        _nextBatch = Batches;
    }

    private void Request(int batch)
    {
        _requestedBatch = batch;
        _pending = true;
        _work.Release();
    }

    private void Produce()
    {
        while (true)
        {
            _work.Wait();
            if (_stopping) return;
            try
            {
                Fill(_requestedBatch);
            }
            catch (Exception e)
            {
                _error = e;
            }
            _done.Release();
        }
    }

    private void Fill(int batch)
    {
        int start = batch * _batchSize;
        int n = Math.Min(_batchSize, _count - start);
        int slot = batch & 1;
        Tensor x = _x[slot], y = _y[slot];
        x.SetBatchSize(n);
        y.SetBatchSize(n);
        _samples!.Read(_indices.AsSpan(start, n), x.Span, y.Span);
        _normalizer.Apply(x);
        _normalizer.Targets?.Apply(y);
        if (!_augment) return;
        ulong key = CounterRandom.Key(_augmentationKey, _epoch, batch + 1);
        for (int a = 0; a < _augmentations.Length; a++)
            _augmentations[a].Apply(x, new AugmentationContext(CounterRandom.Key(key, a), _epoch, batch + 1));
    }

    public void Dispose()
    {
        if (_stopping) return;
        Drain();
        _stopping = true;
        _work.Release();
        _thread.Join();
        _work.Dispose();
        _done.Dispose();
    }
}
