using NeuralNet.Components;

namespace NeuralNet.Data;

/// <summary>Loads or generates a data set. Malformed input throws <see cref="Errors.DataFormatException"/> naming the file and line.</summary>
[ComponentFamily("data source")]
public interface IDataSource
{
    DataSet Load(DataLoadContext context, CancellationToken cancellationToken);
}
