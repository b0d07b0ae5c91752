using System.Diagnostics;
using System.Numerics.Tensors;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Errors;
using NeuralNet.Kernels;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using Tensor = NeuralNet.Tensors.Tensor;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Mini-batch training and evaluation of one model. Batches are gathered into tensors allocated once; a training
/// step allocates nothing. When the loss is an <see cref="IFusedLoss"/> whose activation ends the model, the loss
/// is computed from the logits before it (stable softmax + cross-entropy).
/// </summary>
public sealed class Trainer
{
    private readonly SequentialModel _model;
    private readonly ILoss _loss;
    private readonly IFusedLoss? _fused;
    private readonly IOptimizer _optimizer;
    private readonly NamedMetric[] _metrics;
    private readonly TrainingSettings _settings;
    private readonly Parameter[] _parameters;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Tensor _gradient;
    private readonly int _batchSize;
    private readonly FeatureNormalizer _normalizer;

    /// <param name="model">The model to train; its buffers bound the batch size.</param>
    /// <param name="loss">The loss; fused with the final activation when it can be.</param>
    /// <param name="optimizer">Initialised here with the model's parameters.</param>
    /// <param name="metrics">Accumulated over training batches and over evaluations.</param>
    /// <param name="settings">Epochs, batch size, shuffling, clipping, L1/L2.</param>
    /// <param name="normalizer">Applied to every batch after it is gathered, so the data set itself stays as loaded.</param>
    public Trainer(SequentialModel model, ILoss loss, IOptimizer optimizer, IReadOnlyList<NamedMetric> metrics, TrainingSettings settings, FeatureNormalizer normalizer)
    {
        _normalizer = normalizer;
        _model = model;
        _loss = loss;
        _optimizer = optimizer;
        _metrics = metrics.ToArray();
        _settings = settings;
        _parameters = model.Parameters.ToArray();
        _batchSize = model.MaxBatchSize;
        _fused = loss is IFusedLoss f && model.FinalActivation is { } last && string.Equals(last.Name, f.FusedActivation, StringComparison.OrdinalIgnoreCase) ? f : null;
        _x = new Tensor(_batchSize, model.InputShape);
        _y = new Tensor(_batchSize, model.OutputShape);
        _gradient = new Tensor(_batchSize, model.OutputShape);
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
        DataSet data, int[] trainIndices, int epoch, Random random, CancellationToken cancellationToken)
    {
        if (_settings.Shuffle) random.Shuffle(trainIndices);
        foreach (NamedMetric m in _metrics) m.Metric.Reset();
        int batchSize = _settings.BatchSize;
        double lossSum = 0;
        var clock = Stopwatch.StartNew();
        for (int start = 0, batch = 1; start < trainIndices.Length; start += batchSize, batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(batchSize, trainIndices.Length - start);
            Load(data, trainIndices.AsSpan(start, n));
            float loss = TrainStep();
            if (!float.IsFinite(loss)) throw new TrainingDivergedException(epoch, batch, loss);
            lossSum += (double)loss * n;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return (lossSum / Math.Max(1, trainIndices.Length), Results(), seconds);
    }

    /// <summary>Mean loss and metrics over <paramref name="indices"/>, without training.</summary>
    public EvaluationResult Evaluate(DataSet data, ReadOnlySpan<int> indices)
    {
        foreach (NamedMetric m in _metrics) m.Metric.Reset();
        double lossSum = 0;
        for (int start = 0; start < indices.Length; start += _batchSize)
        {
            int n = Math.Min(_batchSize, indices.Length - start);
            Load(data, indices.Slice(start, n));
            Tensor predictions;
            float loss;
            if (_fused is not null)
            {
                Tensor logits = _model.Forward(_x, training: false, end: _model.Layers.Count - 1);
                loss = _fused.ForwardFromLogits(logits, _y);
                predictions = _model.Layers[^1].Forward(logits, training: false);
            }
            else
            {
                predictions = _model.Forward(_x, training: false);
                loss = _loss.Forward(predictions, _y);
            }
            lossSum += (double)loss * n;
            for (int i = 0; i < _metrics.Length; i++) _metrics[i].Metric.Update(predictions, _y);
        }
        return new EvaluationResult(indices.Length, indices.Length == 0 ? double.NaN : lossSum / indices.Length, Results());
    }

    private void Load(DataSet data, ReadOnlySpan<int> indices)
    {
        _x.SetBatchSize(indices.Length);
        _y.SetBatchSize(indices.Length);
        Rows.Gather(data.Features.Buffer.AsSpan(0, data.Features.Length), _x.SampleSize, indices, _x.Buffer);
        Rows.Gather(data.Targets.Buffer.AsSpan(0, data.Targets.Length), _y.SampleSize, indices, _y.Buffer);
        _normalizer.Apply(_x);
    }

    private float TrainStep()
    {
        _gradient.SetBatchSize(_x.BatchSize);
        Tensor predictions;
        float loss;
        if (_fused is not null)
        {
            int last = _model.Layers.Count - 1;
            Tensor logits = _model.Forward(_x, training: true, end: last);
            loss = _fused.ForwardFromLogits(logits, _y);
            _fused.BackwardFromLogits(logits, _y, _gradient);
            predictions = _model.Layers[last].Forward(logits, training: false);
            _model.Backward(_gradient, from: last);
        }
        else
        {
            predictions = _model.Forward(_x, training: true);
            loss = _loss.Forward(predictions, _y);
            _loss.Backward(predictions, _y, _gradient);
            _model.Backward(_gradient);
        }

        if (_settings.L1 > 0 || _settings.L2 > 0) loss += Regularize();
        if (_settings.ClipNorm is float clip) ClipGradients(clip);
        _optimizer.Step();
        for (int i = 0; i < _metrics.Length; i++) _metrics[i].Metric.Update(predictions, _y);
        return loss;
    }

    /// <summary>Adds L1·sign(w) + 2·L2·w to weight gradients (Keras' convention) and returns the penalty L1·Σ|w| + L2·Σw².</summary>
    private float Regularize()
    {
        float l1 = _settings.L1, l2 = _settings.L2, penalty = 0;
        foreach (Parameter p in _parameters)
        {
            if (!p.Regularize) continue;
            Span<float> w = p.Value.Span;
            Span<float> g = p.Gradient.Span;
            if (l2 > 0)
            {
                penalty += l2 * TensorPrimitives.SumOfSquares(w);
                TensorPrimitives.MultiplyAdd(w, 2 * l2, g, g);
            }
            if (l1 > 0)
            {
                penalty += l1 * TensorPrimitives.SumOfMagnitudes(w);
                for (int i = 0; i < w.Length; i++) g[i] += l1 * MathF.Sign(w[i]);
            }
        }
        return penalty;
    }

    /// <summary>Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>.</summary>
    private void ClipGradients(float maxNorm)
    {
        double sumSquares = 0;
        foreach (Parameter p in _parameters) sumSquares += TensorPrimitives.SumOfSquares(p.Gradient.Span);
        double norm = Math.Sqrt(sumSquares);
        if (norm <= maxNorm || norm == 0) return;
        float scale = (float)(maxNorm / norm);
        foreach (Parameter p in _parameters) TensorPrimitives.Multiply(p.Gradient.Span, scale, p.Gradient.Span);
    }

    private Dictionary<string, double> Results()
    {
        var results = new Dictionary<string, double>(_metrics.Length);
        foreach (NamedMetric m in _metrics) results[m.Name] = m.Metric.Result();
        return results;
    }
}
