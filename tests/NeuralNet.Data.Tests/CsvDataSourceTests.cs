using System.Text;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

public sealed class CsvDataSourceTests
{
    private const string Flowers =
        "sepal_length,sepal_width,species\n" +
        "5.1,3.5,setosa\n" +
        "7.0,3.2,versicolor\n" +
        "6.3,3.3,virginica\n" +
        "4.9,3.0,setosa\n" +
        "6.4,3.2,versicolor\n";

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private DataSet Load(string text, Action<CsvDataSourceOptions>? configure = null)
    {
        _dir.Write("data.csv", text);
        var options = new CsvDataSourceOptions { Path = "data.csv" };
        configure?.Invoke(options);
        return new CsvDataSource(options).Load(_dir.Context(), CancellationToken.None);
    }

    [Test]
    public void Load_NamesHeader_FeaturesFromEveryOtherColumnAndSortedClassesOneHot()
    {
        DataSet data = Load(Flowers);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[5, 2]"));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "sepal_length", "sepal_width" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new[] { 5.1f, 3.5f, 7.0f, 3.2f, 6.3f, 3.3f, 4.9f, 3.0f, 6.4f, 3.2f }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "setosa", "versicolor", "virginica" }));
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[5, 3]"));
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0 }));
        Assert.That(data.Source, Is.EqualTo(Path.Combine(_dir.Path, "data.csv")));
    }

    [Test]
    public void Load_NoHeader_ColumnsNamedByIndexAndFirstLineIsData()
    {
        DataSet data = Load("1,2,0\n3,4,1\n5,6,1\n", o => o.Header = CsvHeader.None);

        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "0", "1" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "0", "1" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1, 1 }));
    }

    [Test]
    public void Load_SklearnHeader_ClassNamesFromTheHeaderAndIndicesFromTheLastColumn()
    {
        const string iris =
            "4,2,setosa,versicolor,virginica\n" +
            "5.1,3.5,0\n" +
            "6.3,3.3,2\n" +
            "7.0,3.2,1\n" +
            "4.9,3.0,0\n";

        DataSet data = Load(iris, o => o.Header = CsvHeader.Sklearn);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[4, 2]"));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "setosa", "versicolor", "virginica" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 2, 1, 0 }));
        Assert.That(data.Features[1, 0], Is.EqualTo(6.3f));
    }

    [Test]
    public void Load_SklearnHeaderWithAnUnusedClass_KeepsEveryHeaderClassAsATargetColumn()
    {
        DataSet data = Load("2,1,a,b,c\n1.0,0\n2.0,0\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(data.Targets.ShapeString, Is.EqualTo("[2, 3]"));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Load_SharedIrisFile_150RowsFourFeaturesThreeClassesOf50()
    {
        string path = SharedDatasets.Find("iris.csv") ?? "";
        if (path.Length == 0) Assert.Ignore("shared/datasets/iris.csv is absent.");

        DataSet data = new CsvDataSource(new CsvDataSourceOptions { Path = path, Header = CsvHeader.Sklearn })
            .Load(_dir.Context(), CancellationToken.None);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[150, 4]"));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "setosa", "versicolor", "virginica" }));
        int[] labels = data.Labels();
        Assert.That(Enumerable.Range(0, 3).Select(c => labels.Count(l => l == c)), Is.EqualTo(new[] { 50, 50, 50 }));
        Assert.That(data.Features.Sample(0).ToArray(), Is.EqualTo(new[] { 5.1f, 3.5f, 1.4f, 0.2f }));
    }

    [Test]
    public void Load_QuotedFields_DelimitersQuotesAndLineBreaksInsideQuotesAreData()
    {
        const string text =
            "\"width, cm\",\"height\",\"kind\"\r\n" +
            "1.5,\"2.5\",\"round, \"\"big\"\"\"\r\n" +
            "3,4,\"two\r\nlines\"\r\n" +
            "  5 , \"6\" ,plain\r\n" +
            "\r\n";

        DataSet data = Load(text);

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "width, cm", "height" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new[] { 1.5f, 2.5f, 3f, 4f, 5f, 6f }));
        Assert.That(data.ClassNames, Is.EquivalentTo(new[] { "round, \"big\"", "two\r\nlines", "plain" }));
    }

    [Test]
    public void Load_ByteOrderMarkAndCrLfAndTrailingBlankLine_ParsedLikePlainText()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Flowers.Replace("\n", "\r\n") + "\r\n")];
        _dir.WriteBytes("data.csv", bytes);

        DataSet data = new CsvDataSource(new CsvDataSourceOptions { Path = "data.csv", Target = "species" })
            .Load(_dir.Context(), CancellationToken.None);

        Assert.That(data.FeatureNames![0], Is.EqualTo("sepal_length"), "the BOM must not become part of the first name");
        Assert.That(data.Count, Is.EqualTo(5));
    }

    [Test]
    public void Load_FeaturesListed_OnlyThoseColumnsInTheGivenOrder()
    {
        DataSet data = Load("a,b,c,y\n1,2,3,p\n4,5,6,q\n", o => o.Features = ["c", "0"]);

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "c", "a" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 3, 1, 6, 4 }));
    }

    [Test]
    public void Load_TargetByName_OtherColumnsAreFeatures()
    {
        DataSet data = Load("y,a,b\np,1,2\nq,3,4\n", o => o.Target = "y");

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "p", "q" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void Load_TargetByIndex_OtherColumnsAreFeatures()
    {
        DataSet data = Load("a,y,b\n1,p,2\n3,q,4\n", o => o.Target = "1");

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Load_Filters_KeepOnlyRowsPassingAll()
    {
        DataSet data = Load(Flowers, o => o.Filters = ["sepal_length > 5.0", "species != 'virginica'"]);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new[] { 5.1f, 3.5f, 7.0f, 3.2f, 6.4f, 3.2f }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "setosa", "versicolor" }));
    }

    [TestCase("sepal_width == 3.2", 2)]
    [TestCase("sepal_width==3.20", 2)]
    [TestCase("sepal_width >= 3.3", 2)]
    [TestCase("sepal_width <= 3.0", 1)]
    [TestCase("sepal_width < 3.2", 1)]
    [TestCase("species == setosa", 2)]
    [TestCase("species > versicolor", 1)]
    public void Load_OneFilter_KeepsTheMatchingRows(string filter, int expected)
    {
        DataSet data = Load(Flowers, o => o.Filters = [filter]);

        Assert.That(data.Count, Is.EqualTo(expected));
    }

    [Test]
    public void Load_MaxRows_CountsRowsAfterFiltering()
    {
        DataSet data = Load(Flowers, o =>
        {
            o.Filters = ["species != setosa"];
            o.MaxRows = 2;
        });

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new[] { 7.0f, 3.2f, 6.3f, 3.3f }));
        Assert.That(data.Features.Capacity, Is.EqualTo(2));
    }

    [Test]
    public void Load_FractionalTarget_AutoPicksRegressionWithRawValues()
    {
        DataSet data = Load("x,y\n1,0.5\n2,1.25\n3,-3e2\n");

        Assert.That(data.IsClassification, Is.False);
        Assert.That(data.ClassNames, Is.Null);
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[3, 1]"));
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new[] { 0.5f, 1.25f, -300f }));
    }

    [Test]
    public void Load_IntegerTargetWithMoreThan20Values_AutoPicksRegression()
    {
        string text = "x,y\n" + string.Concat(Enumerable.Range(0, 21).Select(i => $"{i},{i * 10}\n"));

        DataSet data = Load(text);

        Assert.That(data.IsClassification, Is.False);
        Assert.That(data.Targets[20, 0], Is.EqualTo(200f));
    }

    [Test]
    public void Load_IntegerTargetWith20Values_AutoPicksClassificationSortedByValue()
    {
        string text = "x,y\n" + string.Concat(Enumerable.Range(0, 20).Reverse().Select(i => $"{i},{i}\n"));

        DataSet data = Load(text);

        Assert.That(data.ClassNames, Is.EqualTo(Enumerable.Range(0, 20).Select(i => i.ToString())));
        Assert.That(data.Labels()[0], Is.EqualTo(19));
    }

    [Test]
    public void Load_TaskRegression_ReadsIntegerTargetAsValues()
    {
        DataSet data = Load("x,y\n1,3\n2,4\n", o => o.Task = CsvTask.Regression);

        Assert.That(data.ClassNames, Is.Null);
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new float[] { 3, 4 }));
    }

    [Test]
    public void Load_TaskClassification_FractionalValuesBecomeClassesInNumericOrder()
    {
        DataSet data = Load("x,y\n1,10.5\n2,9.5\n3,2\n4,9.5\n", o => o.Task = CsvTask.Classification);

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "2", "9.5", "10.5" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 2, 1, 0, 1 }));
    }

    [Test]
    public void Load_MixedTextAndNumberClasses_NumbersFirstThenTextOrdinally()
    {
        DataSet data = Load("x,y\n1,b\n2,10\n3,a\n4,9\n");

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "9", "10", "a", "b" }));
    }

    [Test]
    public void Load_ExplicitClassNames_FixTheTargetColumnOrder()
    {
        DataSet data = Load(Flowers, o => o.ClassNames = ["virginica", "versicolor", "setosa", "unseen"]);

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "virginica", "versicolor", "setosa", "unseen" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 2, 1, 0, 2, 1 }));
    }

    [TestCase(";", ";")]
    [TestCase("\t", "\t")]
    [TestCase("tab", "\t")]
    [TestCase(@"\t", "\t")]
    [TestCase(" ", " ")]
    public void Load_OtherDelimiter_SplitsOnIt(string option, string delimiter)
    {
        DataSet data = Load(Flowers.Replace(",", delimiter), o => o.Delimiter = option);

        Assert.That(data.Features.ShapeString, Is.EqualTo("[5, 2]"));
        Assert.That(data.Features[4, 1], Is.EqualTo(3.2f));
    }

    [Test]
    public void Load_CancelledToken_Throws()
    {
        _dir.Write("data.csv", Flowers);
        var source = new CsvDataSource(new CsvDataSourceOptions { Path = "data.csv" });

        Assert.Throws<OperationCanceledException>(() => source.Load(_dir.Context(), new CancellationToken(canceled: true)));
    }

    [Test]
    public void Load_ManyRows_StreamsIntoOneExactlySizedFeatureArray()
    {
        var text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 20_000; i++) text.Append(i).Append(',').Append(i * 0.5).Append(",1e-3,").Append(i % 3).Append('\n');

        DataSet data = Load(text.ToString());

        Assert.That(data.Features.Buffer, Has.Length.EqualTo(60_000));
        Assert.That(data.Features[19_999, 1], Is.EqualTo(9_999.5f));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "0", "1", "2" }));
    }
}
