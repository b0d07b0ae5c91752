using System.Text.Json.Nodes;

namespace NeuralNet.Experiments;

/// <summary>What a finished run left: its folder, its <c>report.json</c> (metrics, history), and where its artifacts are (kind → URI in the artifact store: <c>run</c>, <c>report</c>, <c>model</c>, <c>checkpoints</c>).</summary>
public sealed record CompletedRun(string RunDirectory, JsonObject Report, IReadOnlyDictionary<string, Uri> Artifacts);
