using NeuralNet.Components;
using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>
/// Updates parameters from their gradients, one step per batch, keeping any state (moments) it needs. Calling order:
/// <see cref="Initialize"/> once, after the model is built; then, per training batch, after every layer's
/// <c>Backward</c> has written its gradients (and the engine has added L1/L2 and clipped), <see cref="Step"/>. Results
/// must not depend on the number of threads.
/// </summary>
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
    /// Every buffer the update reads besides the parameters (moments, velocities), like PyTorch's optimizer
    /// <c>state_dict</c>: named <c>{parameter index}.{kind}</c> (<c>0.exp_avg</c>), allocated by <see cref="Initialize"/>,
    /// in a fixed order. A checkpoint saves them with <see cref="Steps"/> and <see cref="LearningRate"/>; writing them
    /// back resumes training exactly.
    /// </summary>
    IReadOnlyList<StateBuffer> State { get; }

    /// <summary>Updates applied since <see cref="Initialize"/> (Adam's bias correction reads it); a checkpoint restores it.</summary>
    long Steps { get; set; }
}
