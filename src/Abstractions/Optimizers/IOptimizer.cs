using NeuralNet.Components;
using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>Updates parameters from their gradients, one step per batch, keeping any state (moments) it needs.</summary>
[ComponentFamily("optimizer")]
public interface IOptimizer
{
    /// <summary>Binds the optimizer to the parameters it will update and allocates its state once.</summary>
    void Initialize(IReadOnlyList<Parameter> parameters);

    /// <summary>Applies one update from the parameters' current gradients. Allocates nothing.</summary>
    void Step();

    /// <summary>The current learning rate; schedules may change it between steps.</summary>
    float LearningRate { get; set; }

    /// <summary>
    /// The optimizer's state, for saving and restoring it (as PyTorch's <c>optimizer.state_dict()</c>), valid after
    /// <see cref="Initialize"/> (empty before). Names: <c>step</c> (shape [1], the number of steps taken, as a float:
    /// exact up to 2²⁴) for optimizers that count steps, and <c>{i}.{moment}</c> for the state of parameter i of the
    /// list given to <see cref="Initialize"/>, with PyTorch's moment names and the parameter's shape (<c>0.exp_avg</c>,
    /// <c>0.exp_avg_sq</c>, <c>1.momentum_buffer</c>); an optimizer with state shared by all parameters names it
    /// plainly (<c>mu_product</c>). The tensors are the live state: read them to save; write them (same names, same
    /// shapes) after <see cref="Initialize"/> to resume exactly where the saved run stopped. The learning rate is not
    /// part of it. The list and its order are fixed once initialised.
    /// </summary>
    IReadOnlyList<StateBuffer> State { get; }
}
