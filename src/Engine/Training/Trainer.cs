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
        _loader = new BatchLoader(model.InputShape, model.OutputShape, model.MaxBatchSize, normalizer, augmentations, augmentationKey);
        _regularizer = new GradientRegularizer(model, settings);
        optimizer.Initialize(_parameters);
    }

    /// <summary>True when the loss is computed from the logits before the final activation.</summary>
    public bool IsFused => _fused is not null;

    /// <summary>
    /// One pass over <paramref name="trainIndices"/> (shuffled in place first when configured), updating the
    /// parameters after every batch. Returns the mean training loss, the metrics, and the seconds the loop took.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public (double Loss, Dictionary<string, double> Metrics, double Seconds) TrainEpoch(
        ISampleSet data, int[] trainIndices, int epoch, Random random, CancellationToken cancellationToken)
    {
        if (_settings.Shuffle) random.Shuffle(trainIndices);
        foreach (NamedMetric m in _metrics) m.Metric.Reset();
        double lossSum = 0;
        var clock = Stopwatch.StartNew();
        _loader.Begin(data, trainIndices, trainIndices.Length, epoch, augment: true);
        try
        {
            while (_loader.Next(out Tensor x, out Tensor y, out int batch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                float loss = TrainStep(x, y, ForwardContext.Train(epoch, batch));
                if (!float.IsFinite(loss)) throw new TrainingDivergedException(epoch, batch, loss);
                lossSum += (double)loss * x.BatchSize;
            }
        }
        finally
        {
            _loader.Drain();
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return (lossSum / Math.Max(1, trainIndices.Length), Results(), seconds);
    }

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
