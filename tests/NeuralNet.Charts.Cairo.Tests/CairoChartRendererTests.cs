using NeuralNet.Charts.Cairo.Native;
using NeuralNet.Charts.Cairo.Tests.Support;
using NeuralNet.Testing;

namespace NeuralNet.Charts.Cairo.Tests;

public class CairoChartRendererTests
{
    [Test]
    public void Registry_NameCairo_ResolvesToCairoChartRenderer()
        => Conformance.AssertResolvesByName<IChartRenderer>(typeof(CairoChartRenderer));

    [Test]
    public void Create_ByName_GivesPngRenderer()
    {
        var instance = Conformance.Create<IChartRenderer>(typeof(CairoChartRenderer), "cairo");

        Assert.That(instance.Component, Is.InstanceOf<CairoChartRenderer>());
        Assert.That(instance.Component.FileExtension, Is.EqualTo(".png"));
    }

    [Test]
    public void Render_TemporaryPathWithOtherExtension_WritesExactlyThatFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("loss.png.tmp-123");

        new CairoChartRenderer().Render(SampleCharts.Loss(), path);

        Assert.That(Directory.GetFiles(temp.Path), Is.EqualTo(new[] { path }));
        Assert.That(DecodedPng.ReadHeader(path), Is.EqualTo((800, 500)));
    }

    [Test]
    public void Render_MissingDirectory_ThrowsIOExceptionNamingPathAndCairoStatus()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "no-such-dir", "loss.png");

        var error = Assert.Throws<IOException>(() => new CairoChartRenderer().Render(SampleCharts.Loss(), path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain(CairoNative.StatusToString(CairoStatus.WriteError)));
    }

    [Test]
    public void Render_DecisionRegionsToMissingDirectory_ThrowsIOException()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "no-such-dir", "regions.png");

        var error = Assert.Throws<IOException>(() => new CairoChartRenderer().Render(SampleCharts.Spiral(10, 10), path))!;
        Assert.That(error.Message, Does.Contain(path));
    }
}
