namespace NeuralNet.Components;

/// <summary>
/// Marks a contract interface as a family of named components (<c>layer</c>, <c>activation</c>, ...).
/// A class marked with <see cref="ComponentAttribute"/> belongs to every family interface it implements.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class ComponentFamilyAttribute(string name) : Attribute
{
    /// <summary>The family's name as users read it in messages and config: <c>activation</c>.</summary>
    public string Name { get; } = name;
}
