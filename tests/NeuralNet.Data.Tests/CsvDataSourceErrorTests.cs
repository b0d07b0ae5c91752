using NeuralNet.Data.Tests.Support;
using NeuralNet.DataSources;
using NeuralNet.Errors;

namespace NeuralNet.Data.Tests;

public sealed class CsvDataSourceErrorTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private string FilePath => Path.Combine(_dir.Path, "data.csv");

    private DataSet Load(string text, Action<CsvDataSourceOptions>? configure = null)
    {
        _dir.Write("data.csv", text);
        var options = new CsvDataSourceOptions { Path = "data.csv" };
        configure?.Invoke(options);
        return new CsvDataSource(options).Load(_dir.Context(), CancellationToken.None);
    }

    private DataFormatException LoadFails(string text, Action<CsvDataSourceOptions>? configure = null)
    {
        var error = Assert.Throws<DataFormatException>(() => Load(text, configure))!;
        Assert.That(error.File, Is.EqualTo(FilePath));
        Assert.That(error.Message, Does.StartWith(FilePath));
        return error;
    }

    private ConfigurationException ConfigFails(string text, Action<CsvDataSourceOptions> configure)
        => Assert.Throws<ConfigurationException>(() => Load(text, configure))!;

    [Test]
    public void Load_HeaderWiderThanTheFieldLimit_StopsAtTheLimitNamingLine1()
    {
        const int limit = 1 << 17; // CsvRecordReader.MaxFields
        string header = string.Join(",", Enumerable.Range(0, limit + 1).Select(i => "c" + i));
        var error = LoadFails(header + "\n" + string.Join(",", Enumerable.Repeat("1", limit + 1)) + "\n");

        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("more than 131072 fields"));
        Assert.That(error.Message.Length, Is.LessThan(400), "the error quotes none of the header");
    }

    [Test]
    public void Load_FieldLongerThanTheLimit_IsRejectedNamingTheLine()
    {
        var error = LoadFails("a,y\n1,p\n" + new string('7', (1 << 20) + 1) + ",q\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("longer than 1048576 characters"));
    }

    [Test]
    public void Load_RowWithTooFewFields_NamesLineAndCounts()
    {
        var error = LoadFails("a,b,c,d,y\n1,2,3,4,p\n1,2,3,q\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("line 3").And.Contain("expected 5 fields, found 4"));
    }

    [Test]
    public void Load_NonNumericFeature_NamesLineColumnAndValue()
    {
        var error = LoadFails("a,b,y\n1,2,p\n3,abc,q\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'b'").And.Contain("'abc'"));
    }

    [Test]
    public void Load_NonFiniteFeature_Rejected()
    {
        var error = LoadFails("a,b,y\n1,NaN,p\n");

        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("'NaN'"));
    }

    [Test]
    public void Load_EmptyFeatureValue_ReportsMissingData()
    {
        var error = LoadFails("a,b,y\n1,2,p\n\n3,,q\n");

        Assert.That(error.Line, Is.EqualTo(4), "the blank line 3 still counts");
        Assert.That(error.Message, Does.Contain("'b'").And.Contain("missing data"));
    }

    [Test]
    public void Load_EmptyTarget_ReportsMissingData()
    {
        var error = LoadFails("a,y\n1,p\n2,\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'y'").And.Contain("missing data"));
    }

    [Test]
    public void Load_UnterminatedQuote_NamesTheLineWhereItOpened()
    {
        var error = LoadFails("a,y\n1,p\n2,\"q\n3,r\n4,s\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("unterminated"));
    }

    [Test]
    public void Load_ErrorAfterMultiLineQuotedField_CountsPhysicalLines()
    {
        var error = LoadFails("a,y\n1,\"p\nq\nr\"\nx,s\n");

        Assert.That(error.Line, Is.EqualTo(5));
    }

    [Test]
    public void Load_TextAfterClosingQuote_Rejected()
    {
        var error = LoadFails("a,y\n1,\"p\"q\n");

        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("closing quote"));
    }

    [Test]
    public void Load_MissingFile_NamesTheFullPath()
    {
        var options = new CsvDataSourceOptions { Path = "nowhere/absent.csv" };

        var error = Assert.Throws<DataFormatException>(() => new CsvDataSource(options).Load(_dir.Context(), CancellationToken.None))!;

        Assert.That(error.File, Is.EqualTo(Path.Combine(_dir.Path, "nowhere", "absent.csv")));
        Assert.That(error.Message, Does.Contain(Path.Combine(_dir.Path, "nowhere", "absent.csv")).And.Contain("not found"));
    }

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("a,b,y\n")]
    [TestCase("a,b,y\r\n\r\n")]
    public void Load_NoDataRows_Rejected(string text)
    {
        var error = LoadFails(text);

        Assert.That(error.Message, Does.Contain("no data rows"));
    }

    [Test]
    public void Load_FiltersRemoveEveryRow_SaysSo()
    {
        var error = LoadFails("a,y\n1,p\n2,q\n", o => o.Filters = ["a > 10"]);

        Assert.That(error.Message, Does.Contain("no data rows").And.Contain("Filters").And.Contain("2"));
    }

    [Test]
    public void Load_DuplicateColumnName_Rejected()
    {
        var error = LoadFails("a,a,y\n1,2,p\n");

        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("'a'"));
    }

    [Test]
    public void Load_RegressionWithTextTarget_NamesLineAndValue()
    {
        var error = LoadFails("a,y\n1,2.5\n2,high\n", o => o.Task = CsvTask.Regression);

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'high'"));
    }

    [Test]
    public void Load_TargetNotInClassNames_NamesLineAndValue()
    {
        var error = LoadFails("a,y\n1,p\n2,z\n", o => o.ClassNames = ["p", "q"]);

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'z'").And.Contain("p, q"));
    }

    [Test]
    public void Load_SklearnClassIndexOutOfRange_NamesLine()
    {
        var error = LoadFails("2,1,a,b\n1.0,0\n2.0,2\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("'2'").And.Contain("0 to 1"));
    }

    [Test]
    public void Load_SklearnRowCountDiffersFromHeader_Rejected()
    {
        var error = LoadFails("3,1,a,b\n1.0,0\n2.0,1\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("3 rows").And.Contain("2"));
    }

    [Test]
    public void Load_SklearnHeaderMalformed_Rejected()
    {
        var error = LoadFails("sepal,petal,species\n1,2,0\n", o => o.Header = CsvHeader.Sklearn);

        Assert.That(error.Line, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("rows,features"));
    }

    [Test]
    public void Load_UnknownFeatureColumn_ConfigurationErrorListsColumns()
    {
        var error = ConfigFails("alpha,beta,y\n1,2,p\n", o => o.Features = ["alpha", "gamma"]);

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Features"));
        Assert.That(error.Message, Does.Contain("'gamma'").And.Contain("'alpha'").And.Contain("'beta'").And.Contain("'y'"));
    }

    [Test]
    public void Load_TargetListedAsFeature_ConfigurationError()
    {
        var error = ConfigFails("a,y\n1,p\n", o => o.Features = ["y"]);

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Features"));
        Assert.That(error.Message, Does.Contain("target"));
    }

    [Test]
    public void Load_UnknownTargetColumn_ConfigurationErrorListsColumns()
    {
        var error = ConfigFails("a,y\n1,p\n", o => o.Target = "label");

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Target"));
        Assert.That(error.Message, Does.Contain("'label'").And.Contain("'a'"));
    }

    [TestCase("a = 1")]
    [TestCase("a >")]
    [TestCase("== 3")]
    [TestCase("just words")]
    public void Load_MalformedFilter_ConfigurationErrorNamesItsIndex(string filter)
    {
        var error = ConfigFails("a,y\n1,p\n", o => o.Filters = ["a > 0", filter]);

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Filters:1"));
        Assert.That(error.Message, Does.Contain("==, !=, <, <=, >, >="));
    }

    [Test]
    public void Load_FilterOnUnknownColumn_ConfigurationErrorListsColumns()
    {
        var error = ConfigFails("a,y\n1,p\n", o => o.Filters = ["b > 0"]);

        Assert.That(error.Key, Is.EqualTo("Experiment:Data:Filters:0"));
        Assert.That(error.Message, Does.Contain("'b'").And.Contain("'a' (0)"));
    }
}
