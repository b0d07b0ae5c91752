using Microsoft.Extensions.Configuration;

namespace NeuralNet.Components;

/// <summary>Creates registered components by name. Components may take it in their constructor to build nested ones.</summary>
public interface IComponentFactory
{
    /// <summary>
    /// Creates the component of family <typeparamref name="T"/> registered as <paramref name="name"/> (or an alias),
    /// binding and validating its options from <paramref name="options"/>.
    /// </summary>
    /// <param name="name">The registered name or alias.</param>
    /// <param name="options">The options section, or null for defaults.</param>
    /// <param name="configPath">Where in the config the name came from, for error messages (<c>Experiment:Loss</c>).</param>
    /// <exception cref="Errors.ConfigurationException">Unknown name (the message lists the known ones) or invalid options.</exception>
    ComponentInstance<T> Create<T>(string name, IConfiguration? options, string configPath) where T : class;

    /// <summary>The registered names of family <typeparamref name="T"/>, sorted.</summary>
    IReadOnlyList<string> KnownNames<T>() where T : class;
}
