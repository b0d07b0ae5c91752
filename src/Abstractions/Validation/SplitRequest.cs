namespace NeuralNet.Validation;

/// <summary>What a validator splits.</summary>
/// <param name="Count">Number of samples; indices run from 0 to Count - 1.</param>
/// <param name="Labels">Class of each sample, for stratified splits; null for regression.</param>
/// <param name="HasPredefinedTest">The source brought its own test set, so splits leave <see cref="DataSplit.Test"/> empty.</param>
/// <param name="Random">The experiment's seeded random source.</param>
public sealed record SplitRequest(int Count, int[]? Labels, bool HasPredefinedTest, Random Random);
