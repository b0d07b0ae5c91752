using NeuralNet.Errors;
using NeuralNet.Losses;

namespace NeuralNet.Engine.Training;

/// <summary>Turns a loss's <see cref="ClassWeights"/> option into one weight per class of the loaded data.</summary>
public static class ClassWeighting
{
    /// <summary>
    /// One weight per class, in target-column order: <c>balanced</c> as scikit-learn's
    /// <c>compute_class_weight('balanced')</c> on the <paramref name="train"/> rows, n / (classes · n_c); explicit
    /// weights by name, 1 for classes not named.
    /// </summary>
    /// <param name="weights">The option.</param>
    /// <param name="classNames">The data's classes.</param>
    /// <param name="labels">Every sample's class index.</param>
    /// <param name="train">The training rows (balanced weights count only these).</param>
    /// <param name="key">The option's config key, for errors (<c>Experiment:Loss:ClassWeights</c>).</param>
    /// <exception cref="ConfigurationException">A name that is not a class (all of them, with the known classes), or, balanced, a class without training samples.</exception>
    public static float[] Resolve(ClassWeights weights, IReadOnlyList<string> classNames, int[] labels, ReadOnlySpan<int> train, string key)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(classNames);
        var result = new float[classNames.Count];
        if (!weights.Balanced)
        {
            CheckNames(weights, classNames, key);
            for (int c = 0; c < result.Length; c++) result[c] = weights.Named.GetValueOrDefault(classNames[c], 1f);
            return result;
        }
        var counts = new long[classNames.Count];
        foreach (int row in train) counts[labels[row]]++;
        for (int c = 0; c < result.Length; c++)
        {
            if (counts[c] == 0)
                throw new ConfigurationException(key, $"\"balanced\" class weights need samples of every class, but the training split has none of class '{classNames[c]}'.");
            result[c] = (float)((double)train.Length / (classNames.Count * counts[c]));
        }
        return result;
    }

    /// <summary>Every explicit weight names a class; all unknown names are reported together, with the known classes.</summary>
    public static void CheckNames(ClassWeights weights, IReadOnlyList<string> classNames, string key)
    {
        ArgumentNullException.ThrowIfNull(weights);
        string[] unknown = weights.Named.Keys.Where(n => !classNames.Contains(n, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ConfigurationException($"{key}:{unknown[0]}",
                $"{string.Join(", ", unknown.Select(n => $"'{n}'"))} {(unknown.Length == 1 ? "is not a class" : "are not classes")} of the data. Classes: {string.Join(", ", classNames)}.");
    }
}
