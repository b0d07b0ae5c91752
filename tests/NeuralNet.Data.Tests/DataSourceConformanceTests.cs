using NeuralNet.DataSources;
using NeuralNet.Errors;
using NeuralNet.Testing;

namespace NeuralNet.Data.Tests;

public sealed class DataSourceConformanceTests
{
    [TestCase(typeof(SpiralDataSource))]
    [TestCase(typeof(CsvDataSource))]
    [TestCase(typeof(IdxDataSource))]
    [TestCase(typeof(ImageFolderDataSource))]
    [TestCase(typeof(XorDataSource))]
    [TestCase(typeof(MoonsDataSource))]
    [TestCase(typeof(SineDataSource))]
    public void Registry_NameAndAliases_ResolveToTheSource(Type source)
        => Conformance.AssertResolvesByName<IDataSource>(source);

    [Test]
    public void Spiral_Options_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(SpiralDataSource), "spiral",
            new Dictionary<string, string?> { ["Samples"] = "300", ["Classes"] = "4", ["Noise"] = "0.05" });

    [Test]
    public void Csv_Options_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(CsvDataSource), "csv", new Dictionary<string, string?>
        {
            ["Path"] = "data/flowers.csv",
            ["Delimiter"] = ";",
            ["Header"] = "none",
            ["Target"] = "4",
            ["Features:0"] = "0",
            ["Features:1"] = "2",
            ["Task"] = "classification",
            ["ClassNames:0"] = "b",
            ["ClassNames:1"] = "a",
            ["Filters:0"] = "1 > 2.5",
            ["Filters:1"] = "4 != c",
            ["MaxRows"] = "100",
        });

    [Test]
    public void Csv_FileOptions_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(CsvDataSource), "csv", new Dictionary<string, string?>
        {
            ["Path"] = "x.csv.gz",
            ["Delimiter"] = "whitespace",
            ["SkipRows"] = "2",
            ["Header"] = "sklearn",
            ["TargetPath"] = "y.csv",
            ["TargetHeader"] = "names",
            ["Targets:0"] = "u",
            ["Targets:1"] = "v",
            ["Missing"] = "impute",
            ["MissingValues:0"] = "-999",
            ["Categorical:0"] = "1",
        });

    [TestCase(typeof(XorDataSource), "xor", "Samples", "100", "Noise", "0.3")]
    [TestCase(typeof(MoonsDataSource), "moons", "Samples", "100", "Noise", "0.3")]
    [TestCase(typeof(SineDataSource), "sine", "Samples", "100", "Max", "10")]
    public void Synthetic_Options_RoundTrip(Type source, string name, string key1, string value1, string key2, string value2)
        => Conformance.AssertOptionsRoundTrip<IDataSource>(source, name, new Dictionary<string, string?> { [key1] = value1, [key2] = value2 });

    [TestCase("TargetHeader", "names")]
    [TestCase("Missing", "sometimes")]
    [TestCase("Delimiter", "spaces")]
    [TestCase("SkipRows", "-1")]
    public void Create_CsvBadOption_ConfigurationExceptionNamesTheKey(string key, string value)
    {
        var options = new Dictionary<string, string?> { ["Path"] = "a.csv", [key] = value };
        if (key == "TargetHeader") options["Target"] = "y"; // TargetHeader without TargetPath

        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(CsvDataSource), "csv", options))!;

        Assert.That(error.Key, Is.EqualTo("Test:" + key));
    }

    [Test]
    public void Create_CsvTargetAndTargets_ConfigurationExceptionNamesTargets()
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(CsvDataSource), "csv",
            new Dictionary<string, string?> { ["Path"] = "a.csv", ["Target"] = "y", ["Targets:0"] = "u" }))!;

        Assert.That(error.Key, Is.EqualTo("Test:Targets"));
    }

    [Test]
    public void Create_SineMinNotBelowMax_ConfigurationExceptionNamesMax()
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(SineDataSource), "sine",
            new Dictionary<string, string?> { ["Min"] = "2", ["Max"] = "1" }))!;

        Assert.That(error.Key, Is.EqualTo("Test:Max"));
    }

    [Test]
    public void Csv_SklearnHeader_OptionsRoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(CsvDataSource), "csv",
            new Dictionary<string, string?> { ["Path"] = "iris.csv", ["Header"] = "sklearn" });

    [Test]
    public void Idx_Options_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(IdxDataSource), "idx", new Dictionary<string, string?>
        {
            ["TrainImages"] = "train-images.gz",
            ["TrainLabels"] = "train-labels.gz",
            ["TestImages"] = "t10k-images.gz",
            ["TestLabels"] = "t10k-labels.gz",
            ["Scale"] = "false",
            ["Flatten"] = "false",
            ["ClassNames:0"] = "T-shirt/top",
            ["ClassNames:1"] = "Trouser",
            ["MaxSamples"] = "1000",
        });

    [Test]
    public void ImageFolder_Options_RoundTrip()
        => Conformance.AssertOptionsRoundTrip<IDataSource>(typeof(ImageFolderDataSource), "image_folder", new Dictionary<string, string?>
        {
            ["Path"] = "images/train",
            ["TestPath"] = "images/test",
            ["Labels"] = "labels.txt",
            ["TestLabels"] = "test-labels.txt",
            ["Color"] = "rgba",
            ["Width"] = "32",
            ["Height"] = "24",
            ["Scale"] = "false",
        });

    [TestCase("Color", "purple", "Test:Color")]
    [TestCase("Width", "0", "Test:Width")]
    [TestCase("Height", "16385", "Test:Height")]
    public void Create_ImageFolderInvalidOption_ConfigurationExceptionNamesTheKey(string key, string value, string expectedKey)
    {
        var options = new Dictionary<string, string?> { ["Path"] = "images", ["Width"] = "8", ["Height"] = "8", [key] = value };

        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(ImageFolderDataSource), "image_folder", options))!;

        Assert.That(error.Key, Is.EqualTo(expectedKey), error.Message);
    }

    [TestCase("Width", "Test:Height")]
    [TestCase("Height", "Test:Width")]
    public void Create_ImageFolderWidthWithoutHeight_ConfigurationExceptionNamesTheOther(string given, string expectedKey)
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(ImageFolderDataSource), "image_folder",
            new Dictionary<string, string?> { ["Path"] = "images", [given] = "28" }))!;

        Assert.That(error.Key, Is.EqualTo(expectedKey), error.Message);
    }

    [Test]
    public void Create_ImageFolderAbsoluteLabelsWithTestPathButNoTestLabels_ConfigurationExceptionNamesTestLabels()
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(ImageFolderDataSource), "image_folder",
            new Dictionary<string, string?> { ["Path"] = "images", ["TestPath"] = "test", ["Labels"] = "/data/labels.txt" }))!;

        Assert.That(error.Key, Is.EqualTo("Test:TestLabels"), error.Message);
    }

    [TestCase("csv", "Header", "columns", "Test:Header")]
    [TestCase("csv", "Delimiter", ";;", "Test:Delimiter")]
    [TestCase("csv", "MaxRows", "0", "Test:MaxRows")]
    [TestCase("csv", "Task", "clustering", "Test:Task")]
    [TestCase("idx", "MaxSamples", "-1", "Test:MaxSamples")]
    public void Create_InvalidOption_ConfigurationExceptionNamesTheKey(string name, string key, string value, string expectedKey)
    {
        var options = new Dictionary<string, string?> { ["Path"] = "x.csv", ["TrainImages"] = "i", ["TrainLabels"] = "l", [key] = value };
        if (name == "csv")
        {
            options.Remove("TrainImages");
            options.Remove("TrainLabels");
        }
        else
        {
            options.Remove("Path");
        }

        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(CsvDataSource), name, options))!;

        Assert.That(error.Key, Is.EqualTo(expectedKey), error.Message);
    }

    [Test]
    public void Create_CsvWithoutPath_ConfigurationExceptionNamesPath()
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(CsvDataSource), "csv"))!;

        Assert.That(error.Key, Is.EqualTo("Test:Path"));
    }

    [Test]
    public void Create_IdxWithTestImagesButNoTestLabels_ConfigurationExceptionNamesTestLabels()
    {
        var error = Assert.Throws<ConfigurationException>(() => Conformance.Create<IDataSource>(typeof(IdxDataSource), "idx",
            new Dictionary<string, string?> { ["TrainImages"] = "i", ["TrainLabels"] = "l", ["TestImages"] = "t" }))!;

        Assert.That(error.Key, Is.EqualTo("Test:TestLabels"));
    }
}
