namespace NeuralNet.Data;

/// <summary>What a data source needs besides its options.</summary>
/// <param name="BaseDirectory">Relative paths in options resolve against this (the host's content root).</param>
/// <param name="Random">The experiment's seeded random source, for generated data.</param>
/// <param name="ConfigPath">The source's config key (<c>Experiment:Data</c>), for error messages.</param>
public sealed record DataLoadContext(string BaseDirectory, Random Random, string ConfigPath)
{
    /// <summary>
    /// The columns of a saved model, when the data is read for it (to evaluate or predict): a source that encodes
    /// columns must produce exactly these, with the saved categories, and reject a category the model never saw.
    /// Null when training.
    /// </summary>
    public IReadOnlyList<FeatureColumn>? Columns { get; init; }

    /// <summary>Resolves <paramref name="path"/> against <see cref="BaseDirectory"/> unless it is absolute.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));
}
