using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NeuralNet.Data;
using NeuralNet.Engine.Configuration;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;
using NeuralNet.Optimizers;
using NeuralNet.Tensors;
using NeuralNet.Training;

namespace NeuralNet.Engine.Training;

/// <summary>
/// The epoch loop of one model, with callbacks: per epoch it sets the training order (a pure function of the seed,
/// split and epoch), trains through the <see cref="Trainer"/>, validates, records history, runs the callbacks and
/// writes the resume checkpoint (<c>last.ckpt</c>). Every random stream of training (order, dropout, augmentation)
/// is keyed by (seed, purpose, epoch, batch), so a checkpoint needs no generator state, and a run resumed from one
/// trains exactly the same weights as one that never stopped. On cancellation the batch in progress finishes, a
/// checkpoint is written at that position, and <see cref="TrainingInterruptedException"/> says how to resume.
/// </summary>
public sealed partial class TrainingLoop : TrainingContext
{
    private readonly Trainer _trainer;
    private readonly SequentialModel _model;
    private readonly IOptimizer _optimizer;
    private readonly CallbackInstance[] _callbacks;
    private readonly TrainingSettings _settings;
    private readonly string _split;
    private readonly Func<int, Random> _orderRandom;
    private readonly CheckpointTarget? _checkpoints;
    private readonly ILogger _logger;
    private readonly string _resumeHint;
    private readonly TrainingPlan _plan;
    private readonly List<EpochSummary> _history = [];
    private readonly Dictionary<string, float[][]> _snapshots = new(StringComparer.Ordinal);
    private readonly Action<int, float> _onBatch;
    private int _epoch;
    private int _batch;
    private int _batchesPerEpoch;
    private int _samplesPerEpoch;
    private string? _stopReason;
    private bool _restoredAfterValidation;
    // Progress of the epoch in flight, for a checkpoint written mid-epoch.
    private double _partialLossSum;
    private long _partialSamples;
    private double _partialSeconds;
    private double _trainSeconds;
    private long _samplesTrained;

    /// <param name="trainer">Trains and evaluates the model.</param>
    /// <param name="model">The model (its state is what checkpoints and snapshots hold).</param>
    /// <param name="optimizer">The trainer's optimizer.</param>
    /// <param name="callbacks">In configuration order.</param>
    /// <param name="settings">Epochs and shuffling.</param>
    /// <param name="split">The split's name, for logs and checkpoints.</param>
    /// <param name="orderRandom">The random stream that shuffles epoch <c>e</c>; must be a pure function of <c>e</c>.</param>
    /// <param name="checkpoints">Where to write checkpoints; null writes none (and an interruption just stops).</param>
    /// <param name="logger">Epoch lines and callback messages.</param>
    /// <param name="plan">The run's metrics and their directions, for callbacks.</param>
    /// <param name="resumeHint">How to resume, for the interruption message (<c>--resume 20261201-...</c>).</param>
    public TrainingLoop(Trainer trainer, SequentialModel model, IOptimizer optimizer, IReadOnlyList<CallbackInstance> callbacks,
        TrainingSettings settings, string split, Func<int, Random> orderRandom, CheckpointTarget? checkpoints, ILogger logger,
        TrainingPlan plan, string resumeHint = "--resume")
    {
        _plan = plan;
        _trainer = trainer;
        _model = model;
        _optimizer = optimizer;
        _callbacks = callbacks.ToArray();
        _settings = settings;
        _split = split;
        _orderRandom = orderRandom;
        _checkpoints = checkpoints;
        _logger = logger;
        _resumeHint = resumeHint;
        _onBatch = OnBatch;
    }

    public override string Split => _split;
    public override int Epoch => _epoch;
    public override int Epochs => _settings.Epochs;
    public override int Batch => _batch;
    public override int BatchesPerEpoch => _batchesPerEpoch;
    public override int SamplesPerEpoch => _samplesPerEpoch;
    public override int BatchSize => _model.MaxBatchSize;
    public override IOptimizer Optimizer => _optimizer;
    public override TrainingPlan Plan => _plan;
    public override IReadOnlyList<EpochSummary> History => _history;
    public override bool StopRequested => _stopReason is not null;

    /// <summary>
    /// Trains on <paramref name="train"/> for the configured epochs (or until a callback stops it), validating on
    /// <paramref name="validation"/> after each; continues from <paramref name="resume"/> when given.
    /// </summary>
    /// <exception cref="TrainingInterruptedException">Cancelled; a checkpoint was written when a target is set.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public LoopOutcome Run(ISampleSet samples, int[] train, int[] validation, Checkpoint? resume, CancellationToken cancellationToken)
    {
        _samplesPerEpoch = train.Length;
        _batchesPerEpoch = _trainer.BatchesFor(train.Length);
        foreach (CallbackInstance c in _callbacks) c.Callback.OnTrainBegin(this);

        int firstEpoch = 1, startBatch = 0;
        if (resume is not null)
        {
            (firstEpoch, startBatch) = Restore(resume);
            Log(startBatch > 0
                ? $"[{_split}] resumed at epoch {firstEpoch}, batch {startBatch + 1} of {_batchesPerEpoch}"
                : $"[{_split}] resumed after epoch {firstEpoch - 1}");
        }

        int[] order = new int[train.Length];
        EvaluationResult? lastValidation = null;
        long maxAllocated = 0;
        int epochsInProcess = 0;
        for (int epoch = firstEpoch; epoch <= _settings.Epochs && !StopRequested; epoch++)
        {
            _epoch = epoch;
            _batch = startBatch;
            if (startBatch == 0)
            {
                _partialLossSum = 0;
                _partialSamples = 0;
                _partialSeconds = 0;
                foreach (CallbackInstance c in _callbacks) c.Callback.OnEpochBegin(this);
            }
            float learningRate = _optimizer.LearningRate;
            Array.Copy(train, order, train.Length);
            if (_settings.Shuffle) _orderRandom(epoch).Shuffle(order);

            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            EpochPass pass = _trainer.TrainEpoch(samples, order, epoch, startBatch, _onBatch, cancellationToken);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore; // the training pass alone
            if (++epochsInProcess > 1) maxAllocated = Math.Max(maxAllocated, allocated);
            _partialLossSum += pass.LossSum;
            _partialSamples += pass.Samples;
            _partialSeconds += pass.Seconds;
            _trainSeconds += pass.Seconds;
            _samplesTrained += pass.Samples;
            if (pass.Interrupted) Interrupt(pass.Batches);
            startBatch = 0;
            _batch = 0;

            EvaluationResult validated = _trainer.Evaluate(samples, validation);
            lastValidation = validated;
            _restoredAfterValidation = false;
            var summary = new EpochSummary(epoch, _partialLossSum / Math.Max(1, _partialSamples), pass.Metrics,
                validated.Samples > 0 ? validated.Loss : double.NaN, validated.Metrics, _partialSeconds, learningRate);
            _history.Add(summary);
            if (validated.Samples > 0)
                LogEpoch(_split, epoch, _settings.Epochs, summary.TrainLoss, Format(summary.TrainMetrics), summary.ValidationLoss,
                    Format(summary.ValidationMetrics), summary.TrainSeconds);
            else
                LogEpochUnvalidated(_split, epoch, _settings.Epochs, summary.TrainLoss, Format(summary.TrainMetrics), summary.TrainSeconds);
            foreach (CallbackInstance c in _callbacks) c.Callback.OnEpochEnd(this, summary);
            _partialLossSum = 0;
            _partialSamples = 0;
            _partialSeconds = 0;
            if (_checkpoints is not null) WriteCheckpoint(CheckpointTarget.Last, epoch, 0);

            if (cancellationToken.IsCancellationRequested && epoch < _settings.Epochs && !StopRequested)
                Interrupt(0, epochDone: true);
        }

        foreach (CallbackInstance c in _callbacks) c.Callback.OnTrainEnd(this);
        if (_stopReason is not null) Log($"[{_split}] stopped after epoch {_history.Count}: {_stopReason}");
        return new LoopOutcome(_history, _trainSeconds, _samplesTrained, _restoredAfterValidation ? null : lastValidation, _stopReason,
            epochsInProcess > 1 ? maxAllocated : null);
    }

    public override void RequestStop(string reason) => _stopReason ??= reason;

    public override void SaveSnapshot(string tag)
    {
        IReadOnlyList<StateEntry> state = _model.State;
        if (!_snapshots.TryGetValue(tag, out float[][]? copy))
            _snapshots[tag] = copy = state.Select(s => new float[s.Value.Length]).ToArray();
        for (int i = 0; i < state.Count; i++) state[i].Value.ReadOnlySpan.CopyTo(copy[i]);
    }

    public override void RestoreSnapshot(string tag)
    {
        if (!_snapshots.TryGetValue(tag, out float[][]? copy)) throw new InvalidOperationException($"No snapshot '{tag}' was saved.");
        IReadOnlyList<StateEntry> state = _model.State;
        for (int i = 0; i < state.Count; i++) copy[i].CopyTo(state[i].Value.Span);
        _restoredAfterValidation = true;
    }

    public override bool HasSnapshot(string tag) => _snapshots.ContainsKey(tag);

    public override string WriteCheckpoint(string name)
        => WriteCheckpoint(name, _batch == 0 ? _epoch : _epoch - 1, _batch);

    public override void DeleteCheckpoint(string name)
    {
        if (_checkpoints is null) return;
        try { File.Delete(_checkpoints.PathOf(name)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public override void Log(string message) => LogCallback(message);

    /// <summary>
    /// A fingerprint of the model's architecture: input shape, every layer's name and options, every state tensor's
    /// name and shape. A checkpoint from a model with another fingerprint is refused.
    /// </summary>
    public static string Fingerprint(SequentialModel model)
    {
        var text = new StringBuilder();
        text.Append(model.InputShape).Append('|');
        foreach (var spec in model.Specs) text.Append(spec.Name).Append(spec.Options?.ToJsonString()).Append('|');
        foreach (StateEntry s in model.State) text.Append(s.Name).Append(s.Shape).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private void OnBatch(int batch, float loss)
    {
        _batch = batch;
        for (int i = 0; i < _callbacks.Length; i++) _callbacks[i].Callback.OnBatchEnd(this, loss);
    }

    private void Interrupt(int batchesDone, bool epochDone = false)
    {
        string where = epochDone ? $"after epoch {_epoch}" : $"at epoch {_epoch}, batch {batchesDone} of {_batchesPerEpoch}";
        if (_checkpoints is null) throw new TrainingInterruptedException($"Training was interrupted {where}; no checkpoint is kept for this run.");
        if (!epochDone) WriteCheckpoint(CheckpointTarget.Last, _epoch - 1, batchesDone);
        throw new TrainingInterruptedException($"Training was interrupted {where}; checkpoint {_checkpoints.PathOf(CheckpointTarget.Last)}. Continue it with: {_resumeHint}");
    }

    // Position: `completedEpochs` whole epochs, then `batch` batches of the next one.
    private string WriteCheckpoint(string name, int completedEpochs, int batch)
    {
        if (_checkpoints is null) throw new InvalidOperationException("This run keeps no checkpoints.");
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal);
        foreach (StateEntry s in _model.State) Add("model." + s.Name, s.Value.ReadOnlySpan.ToArray(), s.Shape);
        foreach (var b in _optimizer.State) Add("optimizer." + b.Name, b.Value.ReadOnlySpan.ToArray(), b.Shape);
        foreach (var (tag, copy) in _snapshots)
            for (int i = 0; i < copy.Length; i++) Add($"snapshot.{tag}.{_model.State[i].Name}", copy[i], _model.State[i].Shape);

        JsonObject header = (JsonObject)_checkpoints.Identity.DeepClone();
        header["completed_epochs"] = completedEpochs;
        header["batch"] = batch;
        header["partial"] = batch == 0 ? null : new JsonObject { ["loss_sum"] = _partialLossSum, ["samples"] = _partialSamples, ["seconds"] = _partialSeconds };
        header["train"] = new JsonObject { ["seconds"] = _trainSeconds, ["samples"] = _samplesTrained };
        header["stop_reason"] = _stopReason;
        header["optimizer"] = new JsonObject { ["learning_rate"] = _optimizer.LearningRate, ["steps"] = _optimizer.Steps };
        header["snapshots"] = new JsonArray(_snapshots.Keys.Select(k => (JsonNode)k).ToArray());
        header["callbacks"] = new JsonArray(_callbacks.Select(c => (JsonNode)new JsonObject { ["type"] = c.Name, ["state"] = c.Callback.SaveState() }).ToArray());
        header["history"] = HistoryJson.Write(_history);
        string path = _checkpoints.PathOf(name);
        Directory.CreateDirectory(_checkpoints.Directory);
        CheckpointStore.Write(path, new Checkpoint(header, tensors, shapes));
        return path;

        void Add(string key, float[] values, TensorShape shape)
        {
            tensors[key] = values;
            shapes[key] = shape;
        }
    }

    private (int FirstEpoch, int StartBatch) Restore(Checkpoint checkpoint)
    {
        string file = _checkpoints?.PathOf(CheckpointTarget.Last) ?? "checkpoint";
        JsonObject h = checkpoint.Header;
        CheckIdentity(h, file);

        var problems = new List<string>();
        foreach (StateEntry s in _model.State) Copy("model." + s.Name, s.Value.Span, s.Shape);
        foreach (var b in _optimizer.State) Copy("optimizer." + b.Name, b.Value.Span, b.Shape);
        string[] tags = h["snapshots"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
        foreach (string tag in tags)
        {
            float[][] copy = _model.State.Select(s => new float[s.Value.Length]).ToArray();
            for (int i = 0; i < copy.Length; i++) Copy($"snapshot.{tag}.{_model.State[i].Name}", copy[i], _model.State[i].Shape);
            _snapshots[tag] = copy;
        }
        if (problems.Count > 0) throw new ModelFormatException(file, "does not match this model: " + string.Join("; ", problems.Take(10)) + ". Start a fresh run without --resume.");

        JsonObject optimizer = h["optimizer"]!.AsObject();
        _optimizer.LearningRate = optimizer["learning_rate"]!.GetValue<float>();
        _optimizer.Steps = optimizer["steps"]!.GetValue<long>();
        JsonArray callbacks = h["callbacks"]?.AsArray() ?? [];
        if (callbacks.Count != _callbacks.Length
            || callbacks.Select(c => c?["type"]?.GetValue<string>()).Zip(_callbacks, (saved, c) => string.Equals(saved, c.Name, StringComparison.OrdinalIgnoreCase)).Any(ok => !ok))
            throw new ModelFormatException(file, $"was written with callbacks [{string.Join(", ", callbacks.Select(c => c?["type"]?.GetValue<string>()))}]; this experiment has [{string.Join(", ", _callbacks.Select(c => c.Name))}]. Start a fresh run without --resume.");
        for (int i = 0; i < _callbacks.Length; i++)
            if (callbacks[i]?["state"] is JsonObject state) _callbacks[i].Callback.LoadState(state);
        _history.AddRange(HistoryJson.Read(h["history"]?.AsArray()));
        _stopReason = h["stop_reason"]?.GetValue<string>();

        int completed = h["completed_epochs"]!.GetValue<int>();
        int batch = h["batch"]!.GetValue<int>();
        if (batch > 0 && h["partial"] is JsonObject partial)
        {
            _partialLossSum = partial["loss_sum"]!.GetValue<double>();
            _partialSamples = partial["samples"]!.GetValue<long>();
            _partialSeconds = partial["seconds"]!.GetValue<double>();
        }
        if (h["train"] is JsonObject train)
        {
            _trainSeconds = train["seconds"]?.GetValue<double>() ?? 0;
            _samplesTrained = train["samples"]?.GetValue<long>() ?? 0;
        }
        return (completed + 1, batch);

        void Copy(string key, Span<float> target, TensorShape shape) => checkpoint.CopyInto(key, target, shape, problems);
    }

    private void CheckIdentity(JsonObject header, string file)
    {
        if (_checkpoints is null) return;
        foreach (var (key, expected) in _checkpoints.Identity)
        {
            string? saved = header[key]?.ToJsonString();
            if (saved != expected?.ToJsonString())
                throw new ModelFormatException(file, key == "architecture"
                    ? "was written for a different model architecture than this experiment's. Start a fresh run without --resume."
                    : $"belongs to {key} {saved ?? "(none)"}, not {expected?.ToJsonString()}. Start a fresh run without --resume.");
        }
    }

    private static string Format(IReadOnlyDictionary<string, double> metrics)
        => string.Join("  ", metrics.Select(m => $"{m.Key} {m.Value.ToString("F4", CultureInfo.InvariantCulture)}"));

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "[{Split}] epoch {Epoch}/{Epochs}  loss {Loss:F4}  {Metrics}  |  val loss {ValLoss:F4}  {ValMetrics}  ({Seconds:F2} s)")]
    private partial void LogEpoch(string split, int epoch, int epochs, double loss, string metrics, double valLoss, string valMetrics, double seconds);

    /// <summary>An epoch's line when there is no validation split (ValidationFraction 0): no "val loss NaN".</summary>
    [LoggerMessage(EventId = 214, Level = LogLevel.Information, Message = "[{Split}] epoch {Epoch}/{Epochs}  loss {Loss:F4}  {Metrics}  ({Seconds:F2} s)")]
    private partial void LogEpochUnvalidated(string split, int epoch, int epochs, double loss, string metrics, double seconds);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogCallback(string message);
}
