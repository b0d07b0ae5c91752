namespace NeuralNet.Validation;

/// <summary>One way of dividing the samples: indices for training, validation (every epoch) and the final test.</summary>
/// <param name="Name">"holdout", "fold 3/5".</param>
/// <param name="Train">Indices to train on.</param>
/// <param name="Validation">Indices to evaluate every epoch.</param>
/// <param name="Test">Indices for the final evaluation; empty when the data set has its own test set.</param>
public sealed record DataSplit(string Name, int[] Train, int[] Validation, int[] Test);
