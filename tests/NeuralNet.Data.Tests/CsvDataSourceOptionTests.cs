using System.IO.Compression;
using System.Text;
using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;

namespace NeuralNet.Data.Tests;

/// <summary>The csv source's options for files as users have them: gzip, whitespace, preambles, separate targets, gaps, text columns, several targets.</summary>
public sealed class CsvDataSourceOptionTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private DataSet Load(Action<CsvDataSourceOptions>? configure = null, DataLoadContext? context = null)
    {
        var options = new CsvDataSourceOptions { Path = "data.csv" };
        configure?.Invoke(options);
        return new CsvDataSource(options).Load(context ?? _dir.Context(), CancellationToken.None);
    }

    private DataSet Load(string text, Action<CsvDataSourceOptions>? configure = null)
    {
        _dir.Write("data.csv", text);
        return Load(configure);
    }

    private DataFormatException LoadFails(string text, Action<CsvDataSourceOptions>? configure = null)
        => Assert.Throws<DataFormatException>(() => Load(text, configure))!;

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    [TestCase("data.csv.gz")]
    [TestCase("data.csv")]
    public void Load_GzipFile_RecognisedByContentWhateverItsName(string name)
    {
        _dir.WriteBytes(name, Gzip("a,b,y\n1,2,p\n3,4,q\n"));

        DataSet data = Load(o => o.Path = name);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "p", "q" }));
    }

    [Test]
    public void Load_TruncatedGzip_DataErrorNamingTheFile()
    {
        byte[] whole = Gzip(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i % 7},{i % 2}\n")));
        string path = _dir.WriteBytes("data.csv.gz", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<DataFormatException>(() => Load(o => { o.Path = "data.csv.gz"; o.Header = CsvHeader.None; }))!;

        Assert.That(error.File, Is.EqualTo(path));
        Assert.That(error.Message, Does.Contain("gzip"));
    }

    [Test]
    public void Load_WhitespaceDelimiter_RunsOfSpacesAndTabsSeparateAndEndsAreIgnored()
    {
        DataSet data = Load("  a \t b   y\n1  2\t\tp  \n\t3 4 q\n", o => o.Delimiter = "whitespace");

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "p", "q" }));
    }

    [TestCase("tab")]
    [TestCase(";")]
    public void Load_OtherDelimiters_SplitOnThatCharacterOnly(string delimiter)
    {
        char d = delimiter == "tab" ? '\t' : ';';
        DataSet data = Load($"a{d}b{d}y\n1.5{d}2{d}p q\n3{d}4{d}r\n", o => o.Delimiter = delimiter);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1.5f, 2, 3, 4 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "p q", "r" }));
    }

    [Test]
    public void Load_SkipRows_IgnoresThePreambleAndLinesStillCount()
    {
        const string text = "# exported 2024-01-01\n\"a quoted, preamble\nline\na,b,y\n1,2,p\n3,x,q\n";

        DataFormatException error = LoadFails(text, o => o.SkipRows = 3);
        DataSet data = Load(text.Replace("3,x,q", "3,4,q"), o => o.SkipRows = 3);

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.Count, Is.EqualTo(2));
        Assert.That(error.Line, Is.EqualTo(6), "skipped lines count in line numbers");
    }

    [Test]
    public void Load_SklearnRegressionHeader_SecondLineNamesTheColumnsAndTheTargetIsAValue()
    {
        DataSet data = Load("3,2\nCRIM,ZN,MEDV\n0.1,18,24\n0.2,0,21.6\n0.3,0,34.7\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(data.IsClassification, Is.False);
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "CRIM", "ZN" }));
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new[] { 24f, 21.6f, 34.7f }));
    }

    [Test]
    public void Load_SklearnRegressionHeaderWithWrongNameCount_NamesTheLine()
    {
        var error = LoadFails("1,2\nA,B\n1,2,3\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("3 column names"));
    }

    [Test]
    public void Load_SklearnClassHeaderWithRegressionTask_ConfigurationErrorNamesTask()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Load("2,1,a,b\n1,0\n2,1\n", o => { o.Header = CsvHeader.Sklearn; o.Task = CsvTask.Regression; }))!;

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Task"));
    }

    [Test]
    public void Load_TargetPath_WhitespaceFilesAsDiabetesShips_TargetsRowAligned()
    {
        _dir.WriteBytes("x.csv.gz", Gzip("1 2\n3 4\n5 6\n"));
        _dir.Write("y.csv", "151.0\n75.5\n141.0\n");

        DataSet data = Load(o =>
        {
            o.Path = "x.csv.gz";
            o.TargetPath = "y.csv";
            o.Header = CsvHeader.None;
            o.Delimiter = "whitespace";
        });

        Assert.That(data.Features.ShapeString, Is.EqualTo("[3, 2]"));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "0", "1" }), "every column of the features file is a feature");
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new[] { 151f, 75.5f, 141f }));
        Assert.That(data.IsClassification, Is.False);
    }

    [Test]
    public void Load_TargetPathWithNamesAndFilters_TargetChosenByNameAndRowsStayAligned()
    {
        _dir.Write("data.csv", "a,b\n1,2\n3,4\n5,6\n");
        _dir.Write("y.csv", "id,label\n10,p\n11,q\n12,r\n");

        DataSet data = Load(o =>
        {
            o.TargetPath = "y.csv";
            o.Target = "label";
            o.Filters = ["a > 1"];
        });

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 3, 4, 5, 6 }));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "q", "r" }));
    }

    [TestCase("1\n2\n", 3, 2)]
    [TestCase("1\n2\n3\n4\n", 3, 4)]
    public void Load_TargetPathWithOtherRowCount_DataErrorNamingBothCounts(string targets, int featureRows, int targetRows)
    {
        _dir.Write("data.csv", "1,2\n3,4\n5,6\n");
        string targetPath = _dir.Write("y.csv", targets);

        var error = Assert.Throws<DataFormatException>(() => Load(o => { o.TargetPath = "y.csv"; o.Header = CsvHeader.None; }))!;

        Assert.That(error.Message, Does.Contain($"holds {featureRows} data rows").And.Contain($"holds {targetRows}").And.Contain(targetPath)
            .And.Contain("Experiment:Data:TargetPath"));
    }

    [TestCase("NA")]
    [TestCase("?")]
    [TestCase("")]
    public void Load_MissingFeatureByDefault_ErrorNamesLineAndColumn(string marker)
    {
        var error = LoadFails($"a,b,y\n1,2,p\n3,{marker},q\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'b'").And.Contain("missing"));
    }

    [Test]
    public void Load_MissingDrop_LeavesOutRowsWithAMissingFeatureOrTarget()
    {
        DataSet data = Load("a,b,y\n1,2,p\n3,NA,q\n5,6,?\n7,8,q\n", o => o.Missing = CsvMissing.Drop);

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 2, 7, 8 }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void Load_MissingImpute_LeavesNaNForTheEngineToFillFromTraining()
    {
        DataSet data = Load("a,c,y\n1,red,p\nNA,?,q\n5,blue,q\n", o => o.Missing = CsvMissing.Impute);

        Assert.That(data.ImputeMissing, Is.True);
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "a", "c=blue", "c=red" }));
        float[] x = data.Features.Span.ToArray();
        Assert.That(x[..3], Is.EqualTo(new float[] { 1, 0, 1 }));
        Assert.That(x[3..6].All(float.IsNaN), Is.True, "a missing number and a missing category are NaN");
        Assert.That(x[6..], Is.EqualTo(new float[] { 5, 1, 0 }));
    }

    [Test]
    public void Load_MissingImputeWithMissingTarget_StillAnError()
    {
        var error = LoadFails("a,y\n1,p\n2,NA\n", o => o.Missing = CsvMissing.Impute);

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'y'").And.Contain("never imputed"));
    }

    [Test]
    public void Load_TextFeatureColumn_OneHotOverSortedCategoriesWithColumns()
    {
        DataSet data = Load("size,color,y\n1,red,p\n2,green,q\n3,red,q\n");

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "size", "color=green", "color=red" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 0, 1, 2, 1, 0, 3, 0, 1 }));
        Assert.That(data.Columns!.Select(c => c.Name), Is.EqualTo(new[] { "size", "color" }));
        Assert.That(data.Columns![0].IsCategorical, Is.False);
        Assert.That(data.Columns![1].Categories, Is.EqualTo(new[] { "green", "red" }));
    }

    [Test]
    public void Load_CategoricalOption_OneHotEncodesNumericCodes()
    {
        DataSet data = Load("grade,y\n3,p\n1,q\n10,q\n", o => o.Categorical = ["grade"]);

        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "grade=1", "grade=3", "grade=10" }));
        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 0, 1, 0, 1, 0, 0, 0, 0, 1 }));
    }

    [Test]
    public void Load_NumberColumnLaterHoldingText_ErrorNamesBothLinesAndTheOption()
    {
        var error = LoadFails("a,y\n1,p\nlarge,q\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'large'").And.Contain("line 2").And.Contain("Categorical"));
    }

    [Test]
    public void Load_WithSavedColumns_EncodesWithTheSavedCategoriesInTheirOrder()
    {
        _dir.Write("data.csv", "size,color,y\n1,red,p\n");
        var saved = new[] { new FeatureColumn("size"), new FeatureColumn("color", ["blue", "green", "red"]) };

        DataSet data = Load(context: _dir.Context() with { Columns = saved });

        Assert.That(data.Features.Span.ToArray(), Is.EqualTo(new float[] { 1, 0, 0, 1 }));
        Assert.That(data.Columns![1].Categories, Is.EqualTo(new[] { "blue", "green", "red" }));
    }

    [Test]
    public void Load_WithSavedColumns_UnknownCategoryNamesTheValueAndLine()
    {
        _dir.Write("data.csv", "size,color,y\n1,red,p\n2,purple,p\n");
        var saved = new[] { new FeatureColumn("size"), new FeatureColumn("color", ["green", "red"]) };

        var error = Assert.Throws<DataFormatException>(() => Load(context: _dir.Context() with { Columns = saved }))!;

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'purple'").And.Contain("never saw").And.Contain("'green'"));
    }

    [Test]
    public void Load_WithSavedColumnsOfOtherNames_ErrorListsBoth()
    {
        _dir.Write("data.csv", "width,color,y\n1,red,p\n");
        var saved = new[] { new FeatureColumn("size"), new FeatureColumn("color", ["red"]) };

        var error = Assert.Throws<DataFormatException>(() => Load(context: _dir.Context() with { Columns = saved }))!;

        Assert.That(error.Message, Does.Contain("'size'").And.Contain("'width'"));
    }

    [Test]
    public void Load_FiltersRemovingAClassOfTheSklearnHeader_ClassNamesFollowWhatRemains()
    {
        DataSet data = Load("4,1,setosa,versicolor,virginica\n1,0\n2,1\n3,2\n4,1\n",
            o => { o.Header = CsvHeader.Sklearn; o.Filters = ["1 != 0"]; });

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "versicolor", "virginica" }));
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[3, 2]"));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 0, 1, 0 }));
    }

    [Test]
    public void Load_FiltersRemovingOneOfClassNames_ClassNamesFollowWhatRemains()
    {
        DataSet data = Load("x,y\n1,a\n2,b\n3,c\n", o => { o.ClassNames = ["c", "b", "a"]; o.Filters = ["y != b"]; });

        Assert.That(data.ClassNames, Is.EqualTo(new[] { "c", "a" }));
        Assert.That(data.Labels(), Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void Load_SeveralBinaryTargets_MultiLabelWithOneColumnPerLabel()
    {
        DataSet data = Load("age,smoker,diabetes,chd\n50,1,0,1\n40,0,0,0\n60,1,1,0\n", o => o.Targets = ["diabetes", "chd"]);

        Assert.That(data.IsMultiLabel, Is.True);
        Assert.That(data.IsClassification, Is.True);
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "diabetes", "chd" }));
        Assert.That(data.FeatureNames, Is.EqualTo(new[] { "age", "smoker" }));
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[3, 2]"));
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new float[] { 0, 1, 0, 0, 1, 0 }));
        Assert.Throws<InvalidOperationException>(() => data.Labels());
    }

    [Test]
    public void Load_SeveralNumericTargets_MultiOutputRegression()
    {
        DataSet data = Load("x,u,v\n1,0.5,2\n2,1.5,-1\n", o => o.Targets = ["u", "v"]);

        Assert.That(data.IsClassification, Is.False);
        Assert.That(data.IsMultiLabel, Is.False);
        Assert.That(data.Targets.ShapeString, Is.EqualTo("[2, 2]"));
        Assert.That(data.Targets.Span.ToArray(), Is.EqualTo(new[] { 0.5f, 2f, 1.5f, -1f }));
    }

    [Test]
    public void Load_SeveralTargetsAsClassificationWithAValueOtherThan01_NamesLineAndColumn()
    {
        var error = LoadFails("x,u,v\n1,0,1\n2,1,2\n", o => { o.Targets = ["u", "v"]; o.Task = CsvTask.Classification; });

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'v'").And.Contain("0 or 1"));
    }

    [Test]
    public void Load_SeveralTargetsFromATargetFile_EveryColumnOfItByDefault()
    {
        _dir.Write("data.csv", "a\n1\n2\n");
        _dir.Write("y.csv", "u,v\n1,0\n0,0\n");

        DataSet data = Load(o => o.TargetPath = "y.csv");

        Assert.That(data.IsMultiLabel, Is.True);
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "u", "v" }));
    }

    [Test]
    public void Load_TestPath_TestSetEncodedWithTheTrainingCategoriesAndClasses()
    {
        _dir.Write("data.csv", "size,color,y\n1,red,p\n2,green,q\n3,blue,r\n");
        _dir.Write("test.csv", "size,color,y\n4,green,q\n");

        DataSet data = Load(o => o.TestPath = "test.csv");

        Assert.That(data.Test, Is.Not.Null);
        Assert.That(data.Test!.ClassNames, Is.EqualTo(new[] { "p", "q", "r" }), "the training classes, though the test file holds one");
        Assert.That(data.Test.Features.Span.ToArray(), Is.EqualTo(new float[] { 4, 0, 1, 0 }), "colours blue, green, red as in training");
        Assert.That(data.Test.Labels(), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Load_TestPathWithACategoryTrainingNeverSaw_DataErrorNamingTheTestFile()
    {
        _dir.Write("data.csv", "color,y\nred,p\ngreen,q\n");
        string test = _dir.Write("test.csv", "color,y\nmauve,q\n");

        var error = Assert.Throws<DataFormatException>(() => Load(o => o.TestPath = "test.csv"))!;

        Assert.That(error.File, Is.EqualTo(test));
        Assert.That(error.Message, Does.Contain("'mauve'"));
    }

    [Test]
    public void Load_TestPathWithTestTargetPath_ReadsBothPairs()
    {
        _dir.Write("x.csv", "1\n2\n3\n");
        _dir.Write("y.csv", "10\n20\n30\n");
        _dir.Write("tx.csv", "4\n");
        _dir.Write("ty.csv", "40.5\n");

        DataSet data = Load(o =>
        {
            o.Path = "x.csv";
            o.TargetPath = "y.csv";
            o.TestPath = "tx.csv";
            o.TestTargetPath = "ty.csv";
            o.Header = CsvHeader.None;
            o.Task = CsvTask.Regression;
        });

        Assert.That(data.Test!.Targets.Span.ToArray(), Is.EqualTo(new[] { 40.5f }));
    }
}
