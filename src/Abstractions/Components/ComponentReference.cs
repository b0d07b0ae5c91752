using Microsoft.Extensions.Configuration;

namespace NeuralNet.Components;

/// <summary>
/// An options property that names another component together with that component's own options (a layer's
/// <c>KernelInitializer</c>). In config it is a bare name, <c>"he_uniform"</c>, or a section with <c>Type</c> and the
/// component's options, <c>{ "Type": "normal", "Std": 0.01 }</c>. Mark the property
/// <see cref="ComponentNameAttribute"/> so the factory resolves the name and validates the options when it binds
/// the owner's options; create the component with
/// <c>IComponentFactory.Create&lt;T&gt;(reference.Name, reference.Options, path)</c>.
/// </summary>
public sealed class ComponentReference
{
    /// <param name="name">The registered name or alias.</param>
    /// <param name="options">The component's options (without <c>Type</c>), or null for its defaults.</param>
    public ComponentReference(string name, IConfiguration? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Options = options;
    }

    /// <summary>The registered name or alias.</summary>
    public string Name { get; }

    /// <summary>The component's options (keys relative to it, no <c>Type</c>), or null for its defaults.</summary>
    public IConfiguration? Options { get; }

    /// <summary>A bare name: the component with its default options.</summary>
    public static implicit operator ComponentReference(string name) => new(name);

    public override string ToString() => Name;
}
