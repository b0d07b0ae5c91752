using System.Text.Json.Nodes;

namespace NeuralNet.Engine.Pipeline;

/// <summary>What a finished run produced.</summary>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Report">The content of report.json.</param>
/// <param name="RunDirectory">runs/&lt;experiment&gt;/&lt;run-id&gt;.</param>
/// <param name="ModelDirectory">models/&lt;experiment&gt;.</param>
/// <param name="RunId">The run id (UTC start time and a short suffix).</param>
public sealed record RunResult(string Experiment, JsonObject Report, string RunDirectory, string ModelDirectory, string RunId);
