namespace NeuralNet.Engine.Training;

/// <summary>
/// Divergence that has not reached NaN yet: a batch loss more than <see cref="Factor"/> times the first batch's loss
/// (a loss grown by six orders of magnitude is not noise; with a learning rate that is too high it would reach
/// infinity a few steps later, having wasted the time in between).
/// </summary>
public static class DivergenceGuard
{
    public const float Factor = 1e6f;

    /// <summary>Remembers the first finite loss in <paramref name="first"/>; true when <paramref name="loss"/> has grown past <see cref="Factor"/> times it.</summary>
    public static bool Grown(ref float first, float loss)
    {
        if (float.IsNaN(first))
        {
            first = loss;
            return false;
        }
        return loss > Factor * Math.Max(first, 1e-3f);
    }
}
