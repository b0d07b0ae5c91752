namespace NeuralNet.Components;

/// <summary>
/// Marks the class that holds a component's options. The factory binds the component's config section to it
/// (unknown keys are errors), validates it, and passes it to the constructor; saved models store it back.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ComponentOptionsAttribute : Attribute;
