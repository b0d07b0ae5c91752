using System.ComponentModel.DataAnnotations;
using NeuralNet.Components;

namespace NeuralNet.Nn.Layers;

/// <summary>Options of <see cref="Reshape"/>.</summary>
[ComponentOptions]
public sealed class ReshapeOptions : IValidatableObject
{
    /// <summary>
    /// The sample shape to produce, batch dimension excluded: <c>[1, 28, 28]</c> turns 784 features into a
    /// one-channel image. One entry may be −1: it is inferred from the input's size. Required.
    /// </summary>
    public List<int> Shape { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Shape.Count == 0)
            yield return new ValidationResult("required: the sample shape to produce, e.g. [1, 28, 28] (one entry may be -1, inferred).", [nameof(Shape)]);
        else if (Shape.Any(d => d == 0 || d < -1))
            yield return new ValidationResult($"every dimension must be ≥ 1, or -1 for one inferred dimension; got {Describe(Shape)}.", [nameof(Shape)]);
        else if (Shape.Count(d => d == -1) > 1)
            yield return new ValidationResult($"at most one dimension can be -1 (inferred); got {Describe(Shape)}.", [nameof(Shape)]);
    }

    internal static string Describe(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
}
