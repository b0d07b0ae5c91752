namespace NeuralNet.Components;

/// <summary>The situations a component can be the default for (<see cref="ComponentAttribute.DefaultFor"/>).</summary>
public static class ComponentDefaults
{
    /// <summary>Whenever the configuration names no component of the family.</summary>
    public const string Always = "*";

    /// <summary>When the configuration names none and the data are a classification task.</summary>
    public const string Classification = "classification";

    /// <summary>When the configuration names none and the data are a regression task.</summary>
    public const string Regression = "regression";
}
