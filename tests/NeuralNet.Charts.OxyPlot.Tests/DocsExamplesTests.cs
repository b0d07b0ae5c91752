using NeuralNet.Charts.OxyPlot.Charts;
using NeuralNet.Charts.OxyPlot.Tests.Support;
using NeuralNet.Testing;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>Writes the example charts shown in docs/charts.md into docs/charts/. Run on demand only.</summary>
[Explicit("Rewrites docs/charts/*.png.")]
public sealed class DocsExamplesTests
{
    [Test]
    public void WriteDocsExamples()
    {
        string directory = RepoPaths.Combine("docs", "charts");
        Directory.CreateDirectory(directory);
        var output = new ChartOutput(directory, "png", 560, 420);
        RunResults classifier = SampleResults.TwoInputClassifier(samples: 150, folds: 1);
        RunResults kfold = SampleResults.TwoInputClassifier(samples: 150, folds: 3);
        RunResults regression = SampleResults.OneFeatureRegression(60);

        new LearningCurvesChart(new LearningCurvesOptions { Smoothing = 0.5 }).Draw(kfold, output with { Directory = Sub("kfold") });
        new LearningCurvesChart(new LearningCurvesOptions()).Draw(regression, output with { Directory = Sub("regression") });
        new ConfusionMatrixChart().Draw(classifier, output);
        new ClassScoresChart().Draw(classifier, output);
        new RocChart().Draw(classifier, output);
        new PrecisionRecallChart().Draw(classifier, output);
        new DecisionRegionsChart().Draw(classifier, output);
        new PredictedVsActualChart().Draw(regression, output);
        new ResidualsChart().Draw(regression, output);
        new FittedCurveChart().Draw(regression, output);
        new MisclassifiedImagesChart(new MisclassifiedImagesOptions()).Draw(SampleResults.Images(30), output);
        File.Move(Path.Combine(Sub("kfold"), "loss.png"), Path.Combine(directory, "loss_kfold_smoothed.png"), overwrite: true);
        File.Move(Path.Combine(Sub("regression"), "loss.png"), Path.Combine(directory, "loss_log_scale.png"), overwrite: true);
        Directory.Delete(Sub("kfold"), recursive: true);
        Directory.Delete(Sub("regression"), recursive: true);

        Assert.That(Directory.GetFiles(directory, "*.png"), Has.Length.GreaterThanOrEqualTo(11));

        string Sub(string name)
        {
            string path = Path.Combine(directory, "." + name);
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
