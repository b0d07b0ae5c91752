namespace NeuralNet.DataSources;

/// <summary>What the first line of a CSV file holds (<see cref="CsvDataSourceOptions.Header"/>).</summary>
public enum CsvHeader
{
    /// <summary>The column names: <c>sepal_length,sepal_width,petal_length,petal_width,species</c>.</summary>
    Names,

    /// <summary>No header: the first line is data and columns are named by 0-based index, "0", "1", ...</summary>
    None,

    /// <summary>
    /// scikit-learn's bundled layout: <c>rows,features,class0,class1,...</c> (<c>150,4,setosa,versicolor,virginica</c>).
    /// Every row then holds <c>features</c> numbers and a class index into those names; columns are named by 0-based index.
    /// </summary>
    Sklearn,
}
