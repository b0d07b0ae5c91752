using NeuralNet.Training;

namespace NeuralNet.Engine.Training;

/// <summary>A configured callback with its registered name and configuration key.</summary>
public sealed record CallbackInstance(string Name, string ConfigPath, ICallback Callback);
