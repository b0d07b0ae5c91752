using System.Xml.Linq;
using NeuralNet.Charts.OxyPlot.Charts;
using NeuralNet.Charts.OxyPlot.Tests.Support;
using NeuralNet.Data;
using NeuralNet.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>Every chart writes decodable PNGs of the requested size with content, and well-formed SVG.</summary>
public sealed class ChartFileTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case(new LearningCurvesChart(new LearningCurvesOptions()), n => SampleResults.TwoInputClassifier(n), "loss", "accuracy");
        yield return Case(new ConfusionMatrixChart(), n => SampleResults.TwoInputClassifier(n), "confusion", "confusion_normalized");
        yield return Case(new ClassScoresChart(), n => SampleResults.TwoInputClassifier(n), "class_scores");
        yield return Case(new RocChart(), n => SampleResults.TwoInputClassifier(n), "roc");
        yield return Case(new PrecisionRecallChart(), n => SampleResults.TwoInputClassifier(n), "precision_recall");
        yield return Case(new DecisionRegionsChart(), n => SampleResults.TwoInputClassifier(n), "decision_regions");
        yield return Case(new PredictedVsActualChart(), n => SampleResults.OneFeatureRegression(n), "predicted_vs_actual");
        yield return Case(new ResidualsChart(), n => SampleResults.OneFeatureRegression(n), "residuals");
        yield return Case(new FittedCurveChart(), n => SampleResults.OneFeatureRegression(n), "fitted_curve");
        yield return Case(new MisclassifiedImagesChart(new MisclassifiedImagesOptions()), n => SampleResults.Images(n), "misclassified");

        static TestCaseData Case(IChart chart, Func<int, RunResults> results, params string[] files)
            => new TestCaseData(chart, results, files).SetArgDisplayNames(chart.GetType().Name);
    }

    [TestCaseSource(nameof(Cases))]
    public void Png_DecodesAtTheRequestedSize_WithContent(IChart chart, Func<int, RunResults> make, string[] files)
    {
        using var directory = new TempDirectory();
        RunResults results = make(60);
        Assert.That(chart.AppliesTo(results.Task, results.InputShape, results.Outputs), Is.True);

        chart.Draw(results, directory.Output("png", 640, 480));

        Assert.That(Directory.GetFiles(directory.Path).Select(Path.GetFileName), Is.EquivalentTo(files.Select(f => f + ".png")));
        foreach (string file in files)
        {
            using var image = Image.Load<Rgba32>(Path.Combine(directory.Path, file + ".png"));
            // The confusion matrix is square (the larger side); the bar chart grows with the classes.
            if (file.StartsWith("confusion", StringComparison.Ordinal))
                Assert.That((image.Width, image.Height), Is.EqualTo((640, 640)), file);
            else if (file != "class_scores")
                Assert.That((image.Width, image.Height), Is.EqualTo((640, 480)), file);
            Assert.That(DistinctColours(image), Is.GreaterThan(8), $"{file}: (nearly) blank");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Svg_IsWellFormedXml(IChart chart, Func<int, RunResults> make, string[] files)
    {
        using var directory = new TempDirectory();

        chart.Draw(make(30), directory.Output("svg", 500, 400));

        foreach (string file in files)
        {
            var document = XDocument.Load(Path.Combine(directory.Path, file + ".svg"));
            Assert.That(document.Root!.Name.LocalName, Is.EqualTo("svg"), file);
            Assert.That(document.Descendants().Count(), Is.GreaterThan(10), $"{file}: nearly empty");
        }
    }

    [Test]
    public void AppliesTo_ByTaskAndShape()
    {
        var two = new TensorShape(2);
        var one = new TensorShape(1);
        var image = new TensorShape(1, 28, 28);
        Assert.Multiple(() =>
        {
            Assert.That(new DecisionRegionsChart().AppliesTo(PredictionTask.Classification, two, 3), Is.True);
            Assert.That(new DecisionRegionsChart().AppliesTo(PredictionTask.Classification, new TensorShape(4), 3), Is.False);
            Assert.That(new DecisionRegionsChart().AppliesTo(PredictionTask.Regression, two, 1), Is.False);
            Assert.That(new FittedCurveChart().AppliesTo(PredictionTask.Regression, one, 1), Is.True);
            Assert.That(new FittedCurveChart().AppliesTo(PredictionTask.Regression, one, 2), Is.False);
            Assert.That(new RocChart().AppliesTo(PredictionTask.Regression, one, 1), Is.False);
            Assert.That(new RocChart().AppliesTo(PredictionTask.MultiLabel, two, 4), Is.True);
            Assert.That(new ConfusionMatrixChart().AppliesTo(PredictionTask.MultiLabel, two, 4), Is.False);
            Assert.That(new PredictedVsActualChart().AppliesTo(PredictionTask.Classification, two, 3), Is.False);
            Assert.That(new MisclassifiedImagesChart(new MisclassifiedImagesOptions()).AppliesTo(PredictionTask.Classification, image, 10), Is.True);
            Assert.That(new MisclassifiedImagesChart(new MisclassifiedImagesOptions()).AppliesTo(PredictionTask.Classification, new TensorShape(784), 10), Is.False);
            Assert.That(new LearningCurvesChart(new LearningCurvesOptions()).AppliesTo(PredictionTask.Regression, one, 1), Is.True);
        });
    }

    internal static int DistinctColours(Image<Rgba32> image)
    {
        var colours = new HashSet<Rgba32>();
        for (int y = 0; y < image.Height; y += 3)
            for (int x = 0; x < image.Width; x += 3) colours.Add(image[x, y]);
        return colours.Count;
    }
}
