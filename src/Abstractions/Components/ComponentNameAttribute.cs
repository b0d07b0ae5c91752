namespace NeuralNet.Components;

/// <summary>
/// Marks an options property that names another component (a layer's <c>KernelInitializer</c>): the factory resolves
/// the name in <see cref="Family"/> when it binds the options, so an unknown name fails with the list of known ones,
/// keyed by this property, before any data is loaded.
/// </summary>
/// <param name="family">The family interface the name belongs to (<c>typeof(IInitializer)</c>).</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ComponentNameAttribute(Type family) : Attribute
{
    /// <summary>The family interface the name belongs to.</summary>
    public Type Family { get; } = family;
}
