using NeuralNet.Layers;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Training.Tests.Support;

/// <summary>An optimizer that only holds a learning rate.</summary>
internal sealed class FakeOptimizer(float learningRate) : IOptimizer
{
    public float LearningRate { get; set; } = learningRate;
    public IReadOnlyList<StateBuffer> State => [];
    public long Steps { get; set; }
    public void Initialize(IReadOnlyList<Parameter> parameters) { }
    public void Step() => Steps++;
}

/// <summary>
/// A training loop without a model: the test drives epochs with chosen values and reads what callbacks asked for
/// (stops, snapshots, checkpoints, learning rates).
/// </summary>
internal sealed class FakeContext(int epochs, float learningRate, IReadOnlyDictionary<string, bool>? metrics = null) : TrainingContext
{
    private readonly List<EpochSummary> _history = [];

    public override string Split => "holdout";
    public override int Epoch => CurrentEpoch;
    public override int Epochs => epochs;
    public override int Batch => CurrentBatch;
    public override int BatchesPerEpoch => 10;
    public override int BatchSize => 4;
    public override int SamplesPerEpoch => 40;
    public override TrainingPlan Plan { get; } = new("", epochs, true, metrics ?? new Dictionary<string, bool> { ["loss"] = false, ["accuracy"] = true });
    public override IOptimizer Optimizer { get; } = new FakeOptimizer(learningRate);
    public override IReadOnlyList<EpochSummary> History => _history;
    public override bool StopRequested => StopReason is not null;

    public int CurrentEpoch { get; private set; }
    public int CurrentBatch { get; set; }
    public string? StopReason { get; private set; }
    public List<(string Tag, int Epoch)> Snapshots { get; } = [];
    public List<int> Restored { get; } = [];
    public List<string> Written { get; } = [];
    public List<string> Deleted { get; } = [];
    public List<string> Logged { get; } = [];

    /// <summary>Runs one epoch through <paramref name="callbacks"/>: begin, then end with the given validation values; returns the learning rate in effect.</summary>
    public float RunEpoch(IEnumerable<ICallback> callbacks, double valLoss, double valAccuracy = double.NaN)
    {
        CurrentEpoch++;
        var list = callbacks.ToList();
        foreach (ICallback c in list) c.OnEpochBegin(this);
        float rate = Optimizer.LearningRate;
        var validation = new Dictionary<string, double>();
        if (!double.IsNaN(valAccuracy)) validation["accuracy"] = valAccuracy;
        var summary = new EpochSummary(CurrentEpoch, valLoss + 0.1, new Dictionary<string, double>(), valLoss, validation, 0.01, rate);
        _history.Add(summary);
        foreach (ICallback c in list) c.OnEpochEnd(this, summary);
        return rate;
    }

    public override void RequestStop(string reason) => StopReason ??= reason;
    public override void SaveSnapshot(string tag) => Snapshots.Add((tag, CurrentEpoch));
    public override void RestoreSnapshot(string tag) => Restored.Add(Snapshots.Last(s => s.Tag == tag).Epoch);
    public override bool HasSnapshot(string tag) => Snapshots.Any(s => s.Tag == tag);
    public override string WriteCheckpoint(string name) { Written.Add(name); return name; }
    public override void DeleteCheckpoint(string name) => Deleted.Add(name);
    public override void Log(string message) => Logged.Add(message);
}
