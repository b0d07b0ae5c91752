namespace NeuralNet.Components;

/// <summary>The old contracts' component attribute: enough for a plugin built against them to reference version 0.9.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ComponentAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
