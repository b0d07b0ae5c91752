using System.Reflection;

namespace NeuralNet.Engine.Components;

/// <summary>A registered component: its canonical name and aliases, family, type, options type and where it came from.</summary>
public sealed class ComponentDescriptor
{
    internal ComponentDescriptor(string name, IReadOnlyList<string> aliases, Type family, string familyName,
        Type componentType, ConstructorInfo constructor, Type? optionsType, string origin, string? description, IReadOnlyList<string>? defaultFor = null)
    {
        DefaultFor = defaultFor ?? [];
        Name = name;
        Aliases = aliases;
        Family = family;
        FamilyName = familyName;
        ComponentType = componentType;
        Constructor = constructor;
        OptionsType = optionsType;
        Origin = origin;
        Description = description;
    }

    public string Name { get; }

    /// <summary>The situations the plugin declares this component the family's default for (<see cref="Components.ComponentAttribute.DefaultFor"/>).</summary>
    public IReadOnlyList<string> DefaultFor { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The family interface (<c>IActivation</c>).</summary>
    public Type Family { get; }

    /// <summary>The family's display name (<c>activation</c>).</summary>
    public string FamilyName { get; }

    public Type ComponentType { get; }

    internal ConstructorInfo Constructor { get; }

    /// <summary>The constructor's options type, or null when the component has no options.</summary>
    public Type? OptionsType { get; }

    /// <summary>The options config can set (name, type, default), in declaration order; empty without options.</summary>
    public IReadOnlyList<ComponentOptionDescriptor> Options => _options ??= ComponentOptionDescriptor.For(OptionsType);

    private IReadOnlyList<ComponentOptionDescriptor>? _options;

    /// <summary>The plugin file (or assembly) that registered it.</summary>
    public string Origin { get; }

    public string? Description { get; }

    public override string ToString() => $"{FamilyName} '{Name}' ({ComponentType.FullName}, from {Origin})";
}
