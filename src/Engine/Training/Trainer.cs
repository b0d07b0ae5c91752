using System.Diagnostics;
using NeuralNet.Augmentation;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using Tensor = NeuralNet.Tensors.Tensor;
using TensorShape = NeuralNet.Tensors.TensorShape;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Mini-batch training and evaluation of one model. Batches come from a <see cref="BatchLoader"/> that prepares the
/// next batch on a background thread (read, normalise, augment when training) into tensors allocated once; a
/// training step allocates nothing. When the loss is an <see cref="IFusedLoss"/> whose activation ends the model,
/// the loss is computed from the logits before it (stable softmax + cross-entropy). Evaluation runs in chunks of the
/// training batch, in evaluation mode.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly SequentialModel _model;
    private readonly ILoss _loss;
    private readonly IFusedLoss? _fused;
    private readonly IOptimizer _optimizer;
    private readonly NamedMetric[] _metrics;
    private readonly TrainingSettings _settings;
    private readonly Parameter[] _parameters;
    private readonly Tensor _gradient;
    private readonly BatchLoader _loader;
    private float _firstLoss = float.NaN; // the first batch's loss, for DivergenceGuard
    private readonly GradientRegularizer _regularizer;

    /// <param name="model">The model to train; its buffers bound the batch size.</param>
    /// <param name="loss">The loss; fused with the final activation when it can be.</param>
    /// <param name="optimizer">Initialised here with the model's parameters.</param>
    /// <param name="metrics">Accumulated over training batches and over evaluations.</param>
    /// <param name="settings">Epochs, batch size, shuffling, clipping, L1/L2.</param>
    /// <param name="normalizer">Applied to every batch after it is read, so the data set itself stays as loaded.</param>
    /// <param name="augmentations">Applied to training batches only, after normalisation.</param>
    /// <param name="augmentationKey">Key of the augmentation random stream.</param>
    public Trainer(SequentialModel model, ILoss loss, IOptimizer optimizer, IReadOnlyList<NamedMetric> metrics, TrainingSettings settings,
        FeatureNormalizer normalizer, IReadOnlyList<IAugmentation>? augmentations = null, ulong augmentationKey = 0)
    {
        _model = model;
        _loss = loss;
        _optimizer = optimizer;
        _metrics = metrics.ToArray();
        _settings = settings;
        _parameters = model.Parameters.ToArray();
        _fused = loss is IFusedLoss f && string.Equals(model.FinalActivation, f.FusedActivation, StringComparison.OrdinalIgnoreCase) ? f : null;
        _gradient = new Tensor(model.MaxBatchSize, model.OutputShape);
        // Targets as the loss reads them: the output's shape, or one class index per sample (ClassTargetSampleSet).
        TensorShape targetShape = loss.TargetEncoding == TargetEncoding.ClassIndex ? new TensorShape(1) : model.OutputShape;
        _loader = new BatchLoader(model.InputShape, targetShape, model.MaxBatchSize, normalizer, augmentations, augmentationKey);
        _regularizer = new GradientRegularizer(model, settings);
        optimizer.Initialize(_parameters);
    }

    /// <summary>True when the loss is computed from the logits before the final activation.</summary>
    public bool IsFused => _fused is not null;

    /// <summary>
    /// One pass over <paramref name="order"/> (already shuffled by the caller), updating the parameters after every
    /// batch, from batch <paramref name="startBatch"/> (0-based; a resumed epoch skips what it trained). Cancellation is
    /// checked before each batch: the batch in progress always finishes, and the pass returns as interrupted.
    /// </summary>
    /// <param name="data">The samples.</param>
    /// <param name="order">Sample indices in training order.</param>
    /// <param name="epoch">1-based epoch: keys dropout masks and augmentation.</param>
    /// <param name="startBatch">Batches of this epoch already trained.</param>
    /// <param name="onBatch">Called after every optimizer step with the 1-based batch number and its mean loss.</param>
    /// <param name="cancellationToken">Ends the pass between batches.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public EpochPass TrainEpoch(ISampleSet data, int[] order, int epoch, int startBatch, Action<int, float>? onBatch, CancellationToken cancellationToken)
    {
        foreach (NamedMetric m in _metrics) m.Metric.Reset();
        double lossSum = 0;
        long samples = 0;
        int batches = startBatch;
        bool interrupted = false;
        var clock = Stopwatch.StartNew();
        _loader.Begin(data, order, order.Length, epoch, augment: true, startBatch);
        try
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested) { interrupted = batches < _loader.Batches; break; }
                if (!_loader.Next(out Tensor x, out Tensor y, out int batch)) break;
                float loss = TrainStep(x, y, ForwardContext.Train(epoch, batch));
                if (!float.IsFinite(loss) || DivergenceGuard.Grown(ref _firstLoss, loss)) throw new TrainingDivergedException(epoch, batch, loss);
                lossSum += (double)loss * x.BatchSize;
                samples += x.BatchSize;
                batches = batch;
                onBatch?.Invoke(batch, loss);
            }
        }
        finally
        {
            _loader.Drain();
        }
        return new EpochPass(lossSum, samples, batches, clock.Elapsed.TotalSeconds, interrupted, Results());
    }

    /// <summary>Batches per epoch for <paramref name="samples"/> training samples.</summary>
    public int BatchesFor(int samples) => (samples + _model.MaxBatchSize - 1) / _model.MaxBatchSize;

    /// <summary>Mean loss and metrics over <paramref name="indices"/>, without training.</summary>
    public EvaluationResult Evaluate(ISampleSet data, int[] indices)
    {
        foreach (NamedMetric m in _metrics) m.Metric.Reset();
        double lossSum = 0;
        _loader.Begin(data, indices, indices.Length, epoch: 0, augment: false);
        try
        {
            while (_loader.Next(out Tensor x, out Tensor y, out _))
            {
                Tensor predictions;
                float loss;
                if (_fused is not null)
                {
                    Tensor logits = _model.Forward(x, ForwardContext.Evaluation, end: _model.Layers.Count - 1);
                    loss = _fused.ForwardFromLogits(logits, y);
                    predictions = _model.Layers[^1].Forward(logits, ForwardContext.Evaluation);
                }
                else
                {
                    predictions = _model.Forward(x, ForwardContext.Evaluation);
                    loss = _loss.Forward(predictions, y);
                }
                lossSum += (double)loss * x.BatchSize;
                for (int i = 0; i < _metrics.Length; i++) _metrics[i].Metric.Update(predictions, y);
            }
        }
        finally
        {
            _loader.Drain();
        }
        return new EvaluationResult(indices.Length, indices.Length == 0 ? double.NaN : lossSum / indices.Length, Results());
    }

    private float TrainStep(Tensor x, Tensor y, ForwardContext context)
    {
        _gradient.SetBatchSize(x.BatchSize);
        Tensor predictions;
        float loss;
        if (_fused is not null)
        {
            int last = _model.Layers.Count - 1;
            Tensor logits = _model.Forward(x, context, end: last);
            loss = _fused.ForwardFromLogits(logits, y);
            _fused.BackwardFromLogits(logits, y, _gradient);
            predictions = _model.Layers[last].Forward(logits, context);
            _model.Backward(_gradient, from: last);
        }
        else
        {
            predictions = _model.Forward(x, context);
            loss = _loss.Forward(predictions, y);
            _loss.Backward(predictions, y, _gradient);
            _model.Backward(_gradient);
        }

        loss += _regularizer.Apply(); // L1/L2 penalties, ClipValue, ClipNorm
        _optimizer.Step();
        for (int i = 0; i < _metrics.Length; i++) _metrics[i].Metric.Update(predictions, y);
        return loss;
    }

    private Dictionary<string, double> Results()
    {
        var results = new Dictionary<string, double>(_metrics.Length);
        foreach (NamedMetric m in _metrics) results[m.Name] = m.Metric.Result();
        return results;
    }

    public void Dispose() => _loader.Dispose();
}
