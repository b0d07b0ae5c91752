using Microsoft.Extensions.Configuration;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Configuration;

/// <summary>
/// A reference to a component in config: either a bare name (<c>"Loss": "mse"</c>) or a section with a
/// <c>Type</c> and the component's options (<c>"Optimizer": { "Type": "adam", "LearningRate": 0.01 }</c>).
/// </summary>
/// <param name="Name">The component name as written.</param>
/// <param name="Options">The options section (keys other than <see cref="ReservedKeys"/>), or null for a bare name.</param>
/// <param name="ConfigPath">The key of the reference, for messages.</param>
public sealed record ComponentSpec(string Name, IConfiguration? Options, string ConfigPath)
{
    /// <summary>Keys of a component section that are not the component's options.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(["Type"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The key where the name was read: <c>Experiment:Loss</c> or <c>Experiment:Optimizer:Type</c>.</summary>
    public string NameKey => Options is null ? ConfigPath : ConfigPath + ":Type";

    /// <summary>Reads the reference at <paramref name="section"/>, or <paramref name="defaultName"/> when the section is absent.</summary>
    /// <exception cref="ConfigurationException">The section exists but has no <c>Type</c>, or is absent without a default.</exception>
    public static ComponentSpec Read(IConfigurationSection section, string family, string? defaultName = null)
    {
        if (section.Value is { } bare)
        {
            if (string.IsNullOrWhiteSpace(bare)) throw new ConfigurationException(section.Path, $"a {family} name is required.");
            if (!section.GetChildren().Any())
                return new ComponentSpec(bare.Trim(), null, section.Path);
            // A name from one config layer with options from another ("Loss": "categorical_crossentropy" in the file,
            // --Experiment:Loss:LabelSmoothing=0.1 on the command line): the options belong to that name.
            return new ComponentSpec(MergedName(section, bare, family), section, section.Path);
        }
        if (!section.GetChildren().Any())
        {
            return defaultName is not null
                ? new ComponentSpec(defaultName, null, section.Path)
                : throw new ConfigurationException(section.Path, $"required: a {family} name, or a section with \"Type\" and its options.");
        }
        string? type = section["Type"];
        if (string.IsNullOrWhiteSpace(type))
            throw new ConfigurationException(section.Path + ":Type", $"required: the name of the {family}.");
        return new ComponentSpec(type.Trim(), section, section.Path);
    }

    /// <summary>
    /// The name of a reference written both as a bare name and as a section (two config layers): the bare name, unless
    /// the section's <c>Type</c> names another component, which is an error since the layers' order is not known here.
    /// </summary>
    /// <exception cref="ConfigurationException">The bare name and <c>Type</c> differ.</exception>
    public static string MergedName(IConfigurationSection section, string bare, string family)
    {
        string name = bare.Trim();
        string? type = section["Type"]?.Trim();
        if (!string.IsNullOrEmpty(type) && !string.Equals(type, name, StringComparison.OrdinalIgnoreCase))
            throw new ConfigurationException(section.Path,
                $"names two {family}s: '{name}' as a bare name and '{type}' as {section.Path}:Type (from different config layers). " +
                $"Set one of them, for example --{section.Path}:Type={type} and --{section.Path}=.");
        return name;
    }
}
