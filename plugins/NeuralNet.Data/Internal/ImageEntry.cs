namespace NeuralNet.DataSources.Internal;

/// <summary>One image to load: its full path, its class label, and where the label came from for messages.</summary>
/// <param name="LabelFile">The labels file that named it, or null for a class folder.</param>
/// <param name="Line">1-based line of <paramref name="LabelFile"/>, or 0.</param>
internal readonly record struct ImageEntry(string Path, string Label, string? LabelFile, long Line);
