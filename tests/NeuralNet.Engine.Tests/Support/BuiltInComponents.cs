using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Validation;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Built-in components created by name as a run creates them, for tests that redo part of a run in-process.</summary>
internal static class BuiltInComponents
{
    /// <summary>The component <paramref name="name"/> of family <typeparamref name="T"/> with <paramref name="options"/> (key, value).</summary>
    public static T Create<T>(string name, params (string Key, string Value)[] options) where T : class
        => TestPaths.BuiltInRegistry().Create<T>(name,
            new ConfigurationBuilder().AddInMemoryCollection(options.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value))).Build(),
            "Experiment").Component;

    /// <summary>The test indices of the holdout split a run with <paramref name="seed"/> made (the data's seed is drawn first, as a run does).</summary>
    public static int[] HoldoutTest(int seed, int count, int[]? labels, string validationFraction, string testFraction)
    {
        var seeds = new SeedSequence(seed);
        seeds.Next("data");
        return Create<ICrossValidator>("holdout", ("ValidationFraction", validationFraction), ("TestFraction", testFraction))
            .Split(new SplitRequest(count, labels, false, seeds.Next("split")))[0].Test;
    }
}
