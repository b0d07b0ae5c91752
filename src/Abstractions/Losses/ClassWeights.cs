namespace NeuralNet.Losses;

/// <summary>
/// A loss option weighting each class: <c>"balanced"</c> (scikit-learn's <c>compute_class_weight</c>: samples /
/// (classes · samples of the class), from the training split) or explicit weights by class name
/// (<c>{ "setosa": 2, "virginica": 0.5 }</c>; classes not named weigh 1). The engine turns it into one weight per
/// class once the data is loaded, and gives them to the loss (<see cref="IClassWeightedLoss"/>).
/// </summary>
public sealed class ClassWeights
{
    private ClassWeights(bool balanced, IReadOnlyDictionary<string, float> named)
    {
        Balanced = balanced;
        Named = named;
    }

    /// <summary>Weights from the training split's class frequencies.</summary>
    public static ClassWeights BalancedWeights { get; } = new(true, new Dictionary<string, float>());

    /// <summary>Explicit weights by class name.</summary>
    public static ClassWeights Explicit(IReadOnlyDictionary<string, float> named) => new(false, named ?? throw new ArgumentNullException(nameof(named)));

    /// <summary>True for <c>"balanced"</c>.</summary>
    public bool Balanced { get; }

    /// <summary>The explicit weights by class name (empty when balanced).</summary>
    public IReadOnlyDictionary<string, float> Named { get; }
}
