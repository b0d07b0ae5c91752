using System.ComponentModel.DataAnnotations;
using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Losses;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Components;

// Small components for the registry's own tests; the built-in ones are tested in their plugins' test projects.

[ComponentOptions]
public sealed class ScaledOptions
{
    [Range(0.5, 10)]
    public float Factor { get; set; } = 2f;

    [Range(1, 100)]
    public int Repeat { get; set; } = 1;

    public List<string> Tags { get; set; } = [];
}

[Component("scaled", Aliases = ["times"], Description = "factor · x")]
public sealed class Scaled(ScaledOptions options) : Activation
{
    public ScaledOptions Options { get; } = options;

    public override void Forward(Tensor input, Tensor output) => throw new NotSupportedException();

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient) => throw new NotSupportedException();
}

[Component("plain", DefaultFor = [ComponentDefaults.Classification])]
public sealed class Plain : Activation
{
    public override void Forward(Tensor input, Tensor output) => throw new NotSupportedException();

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient) => throw new NotSupportedException();
}

/// <summary>Takes the factory from DI, as a component that builds nested components does.</summary>
[Component("nested_loss")]
public sealed class NestedLoss(IComponentFactory factory) : ILoss
{
    public IComponentFactory Factory { get; } = factory;

    public float Forward(Tensor predictions, Tensor targets) => 0;

    public void Backward(Tensor predictions, Tensor targets, Tensor gradient) { }
}
