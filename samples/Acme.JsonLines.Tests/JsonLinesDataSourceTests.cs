using Acme.JsonLines.DataSources;
using NeuralNet.Data;
using NeuralNet.Errors;
using NeuralNet.Testing;

namespace Acme.JsonLines.Tests;

public sealed class JsonLinesDataSourceTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "acme-jsonl-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private DataSet Load(string content, Dictionary<string, string?>? options = null)
    {
        File.WriteAllText(Path.Combine(_folder, "data.jsonl"), content);
        options ??= [];
        options["Path"] = "data.jsonl";
        IDataSource source = Conformance.Create<IDataSource>(typeof(JsonLinesDataSource), "acme>jsonl", options).Component;
        return source.Load(new DataLoadContext(_folder, new Random(1), "Experiment:Data"), CancellationToken.None);
    }

    [Test]
    public void Resolve_ByItsNamespacedName() => Conformance.AssertResolvesByName<IDataSource>(typeof(JsonLinesDataSource));

    [Test]
    public void Options_RoundTrip_KeepKeys()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(JsonLinesDataSource), "acme>jsonl",
            new Dictionary<string, string?> { ["Path"] = "points.jsonl", ["Features"] = "x", ["Label"] = "y" });

    [Test]
    public void Load_Lines_GivesFeaturesAndOneHotTargetsWithSortedClasses()
    {
        DataSet data = Load("{\"features\":[1,2.5],\"label\":\"dog\"}\n\n{\"features\":[-3,4e-1],\"label\":\"cat\"}\r\n{\"features\":[0,0],\"label\":\"dog\"}\n");

        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "cat", "dog" }));
        Assert.That(data.Features.Buffer, Is.EqualTo(new[] { 1f, 2.5f, -3f, 0.4f, 0f, 0f }));
        Assert.That(data.Targets.Buffer, Is.EqualTo(new[] { 0f, 1f, 1f, 0f, 0f, 1f }));
    }

    [Test]
    public void Load_OtherKeysAndIntegerLabels()
    {
        DataSet data = Load("{\"x\":[1],\"y\":2}\n{\"x\":[2],\"y\":10}\n", new() { ["Features"] = "x", ["Label"] = "y" });
        Assert.That(data.ClassNames, Is.EqualTo(new[] { "10", "2" }));
        Assert.That(data.Targets.Buffer, Is.EqualTo(new[] { 0f, 1f, 1f, 0f }));
    }

    [TestCase("{\"features\":[1,2],\"label\":\"a\"}\n{\"features\":[1],\"label\":\"b\"}\n", 2, "first line had 2")]
    [TestCase("{\"features\":[1],\"label\":\"a\"}\nnot json\n", 2, "not valid JSON")]
    [TestCase("{\"features\":[1,\"x\"],\"label\":\"a\"}\n", 1, "'features'[1] is \"x\"")]
    [TestCase("{\"label\":\"a\"}\n", 1, "under 'features'")]
    [TestCase("[1,2]\n", 1, "expected a JSON object")]
    [TestCase("{\"features\":[1],\"label\":true}\n", 1, "under 'label'")]
    public void Load_BadLine_IsADataErrorNamingFileAndLine(string content, int line, string problem)
    {
        var error = Assert.Throws<DataFormatException>(() => Load(content))!;
        Assert.That(error.File, Is.EqualTo(Path.Combine(_folder, "data.jsonl")));
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.Contain(problem));
        Assert.That(error.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public void Load_MissingFile_NamesTheKey()
    {
        IDataSource source = Conformance.Create<IDataSource>(typeof(JsonLinesDataSource), "acme>jsonl",
            new Dictionary<string, string?> { ["Path"] = "nope.jsonl" }).Component;
        var error = Assert.Throws<DataFormatException>(() => source.Load(new DataLoadContext(_folder, new Random(1), "Experiment:Data"), CancellationToken.None))!;
        Assert.That(error.Message, Does.Contain("Experiment:Data:Path"));
    }
}
