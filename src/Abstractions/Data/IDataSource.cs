using NeuralNet.Components;

namespace NeuralNet.Data;

/// <summary>Loads or generates a data set. Malformed input throws <see cref="Errors.DataFormatException"/> naming the file and line.</summary>
[ComponentFamily("data source")]
public interface IDataSource
{
    /// <summary>
    /// Called once per run, after every component name in the experiment has resolved and before any split or training.
    /// Returns features batch-first (<c>[samples, ...sample shape]</c>) and targets <c>[samples, classes]</c> one-hot
    /// with class names, or <c>[samples, outputs]</c> for regression. Resolve relative paths with
    /// <see cref="DataLoadContext.Resolve"/>, draw generated data only from <see cref="DataLoadContext.Random"/>, and
    /// check <paramref name="cancellationToken"/> now and then in long loads.
    /// </summary>
    DataSet Load(DataLoadContext context, CancellationToken cancellationToken);
}
