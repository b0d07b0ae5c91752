namespace NeuralNet.Data;

/// <summary>
/// How one raw input file becomes a sample of a data set (<see cref="DataSet.Input"/>): the registered name of an
/// <see cref="IInputReader"/> and the options to create it with. Saved with the model, so predictions read new files
/// the way training read its own.
/// </summary>
/// <param name="Reader">The input reader's registered name (<c>image</c>).</param>
/// <param name="Options">The reader's options object (its <c>[ComponentOptions]</c> class), or null for its defaults.</param>
public sealed record InputFormat(string Reader, object? Options);
