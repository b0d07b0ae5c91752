namespace NeuralNet.Components;

/// <summary>
/// Registers a class as a component under <see cref="Name"/>, the name configs and saved models use.
/// </summary>
/// <remarks>
/// Names are lower case, <c>snake_case</c>, unique within a family. Third-party plugins prefix theirs with their
/// package (<c>"acme&gt;swish"</c>) so they never collide with built-ins. A component's configuration is exactly its
/// constructor's options argument: one public constructor, whose parameters are at most one options object
/// (a class with settable properties and documented defaults, bound from config and validated with
/// <c>System.ComponentModel.DataAnnotations</c>) and any services from dependency injection.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ComponentAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>Other names that resolve to this component (<c>"mse"</c> for <c>mean_squared_error</c>).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>One line for listings and error messages.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// When the engine uses this component because the configuration names none of its family: <see cref="ComponentDefaults.Always"/>
    /// (the validator or optimizer of an experiment that names none), or a task, <see cref="ComponentDefaults.Classification"/>
    /// or <see cref="ComponentDefaults.Regression"/> (the metric of such an experiment). The plugin declares it, so the
    /// host names no component even as a default; at most one component of a family may claim each.
    /// </summary>
    public string[] DefaultFor { get; init; } = [];
}
