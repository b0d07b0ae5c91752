using System.Diagnostics;
using System.Globalization;
using System.Text;
using NeuralNet.Components;
using NeuralNet.Training.Internal;

namespace NeuralNet.Training.Callbacks;

/// <summary>
/// A live progress bar on standard error while an epoch trains, when it is a terminal: split, epoch, batch n/N,
/// samples/s, running loss, and the time left for the epoch and for the run. Redrawn at most every
/// <c>RefreshMilliseconds</c> and cleared at the end of the epoch, where the plain per-epoch log line takes over.
/// Without a terminal (a pipe, a file, CI, a service) it draws nothing, so logs hold no control characters.
/// </summary>
[Component("progress", Description = "Live progress bar per epoch (batch n/N, samples/s, loss, ETA) when standard error is a terminal.")]
public sealed class Progress : ICallback
{
    private const int BarWidth = 24;
    private readonly bool _enabled;
    private readonly long _refreshTicks;
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = new();
    private readonly StringBuilder _line = new(160);
    private long _lastDraw;
    private int _firstBatch;
    private double _lossSum;
    private int _lossCount;
    private bool _drawn;

    public Progress(ProgressOptions options) : this(options, Console.Error, Terminal.StandardErrorIsInteractive()) { }

    /// <summary>For tests: draws on <paramref name="output"/> when <paramref name="interactive"/> (or forced by the options).</summary>
    internal Progress(ProgressOptions options, TextWriter output, bool interactive)
    {
        _output = output;
        _refreshTicks = options.RefreshMilliseconds * Stopwatch.Frequency / 1000;
        _enabled = options.Display.ToLowerInvariant() switch
        {
            "always" => true,
            "never" => false,
            "auto" => interactive,
            _ => throw new ArgumentException($"Display: '{options.Display}' is not a display mode. Allowed: auto, always, never.", nameof(options)),
        };
    }

    /// <summary>Whether this instance draws.</summary>
    public bool Enabled => _enabled;

    public void OnEpochBegin(TrainingContext context)
    {
        _clock.Restart();
        _lastDraw = 0;
        _firstBatch = -1;
        _lossSum = 0;
        _lossCount = 0;
    }

    public void OnBatchEnd(TrainingContext context, float loss)
    {
        if (!_enabled) return;
        if (_firstBatch < 0)
        {
            if (!_clock.IsRunning) _clock.Start(); // a resumed epoch skips OnEpochBegin
            _firstBatch = context.Batch - 1;
        }
        _lossSum += loss;
        _lossCount++;
        long now = _clock.ElapsedTicks;
        bool last = context.Batch >= context.BatchesPerEpoch;
        if (!last && (now - _lastDraw < _refreshTicks || context.Batch - _firstBatch < 2)) return; // rates need two batches
        _lastDraw = now;
        Draw(context, now / (double)Stopwatch.Frequency);
    }

    public void OnEpochEnd(TrainingContext context, EpochSummary epoch) => Clear();

    public void OnTrainEnd(TrainingContext context) => Clear();

    /// <summary>The bar's text for the given position (no control characters), for tests.</summary>
    internal static string Format(string split, int epoch, int epochs, int batch, int batches, double samplesPerSecond, double loss,
        double epochSecondsLeft, double runSecondsLeft)
    {
        int filled = batches == 0 ? 0 : (int)((long)BarWidth * batch / batches);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{split}] epoch {epoch}/{epochs} {new string('#', filled)}{new string('-', BarWidth - filled)} {batch}/{batches}  {samplesPerSecond:N0} samples/s  loss {loss:F4}  ETA {Duration(epochSecondsLeft)} (run {Duration(runSecondsLeft)})");
    }

    private void Draw(TrainingContext context, double seconds)
    {
        int done = context.Batch - _firstBatch;
        double perBatch = seconds / Math.Max(1, done);
        int batchesLeft = context.BatchesPerEpoch - context.Batch;
        double epochLeft = batchesLeft * perBatch;
        double runLeft = epochLeft + (context.Epochs - context.Epoch) * context.BatchesPerEpoch * perBatch;
        string text = Format(context.Split, context.Epoch, context.Epochs, context.Batch, context.BatchesPerEpoch,
            done * (double)context.BatchSize / Math.Max(seconds, 1e-9), _lossSum / Math.Max(1, _lossCount), epochLeft, runLeft);
        _line.Clear().Append("\r\u001b[2K").Append(text);
        _output.Write(_line);
        _output.Flush();
        _drawn = true;
    }

    private void Clear()
    {
        if (!_drawn) return;
        _output.Write("\r\u001b[2K");
        _output.Flush();
        _drawn = false;
    }

    private static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0) return "?";
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}" : $"{t.Minutes}:{t.Seconds:D2}";
    }
}
