using global::OxyPlot;
using global::OxyPlot.Annotations;
using global::OxyPlot.Axes;
using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Tensors;

namespace NeuralNet.Charts.OxyPlot.Charts;

/// <summary>
/// <c>misclassified</c>: for image classifiers (samples <c>[C, H, W]</c> with 1 or 3 channels, or <c>[H, W]</c>),
/// a grid of the first evaluated images the model got wrong, each captioned "true → predicted". Each image is
/// stretched from its own minimum to maximum, so normalised inputs show as well as raw pixels.
/// </summary>
[Component("misclassified", Aliases = ["misclassified_images"], Description = "Image classifiers: a grid of misclassified images with true and predicted labels.")]
public sealed class MisclassifiedImagesChart(MisclassifiedImagesOptions options) : IChart
{
    public bool AppliesTo(PredictionTask task, TensorShape inputShape, int outputs)
        => task == PredictionTask.Classification && (inputShape.Rank == 2 || (inputShape.Rank == 3 && inputShape[0] is 1 or 3));

    public void Draw(RunResults results, ChartOutput output) => ChartFiles.Save(Build(results), output, "misclassified");

    internal PlotModel Build(RunResults results)
    {
        int[] actual = Classes.Of(results.Targets, results.Samples, results.Outputs);
        int[] predicted = Classes.Of(results.Predictions, results.Samples, results.Outputs);
        int[] wrong = Enumerable.Range(0, results.Samples).Where(i => actual[i] != predicted[i]).Take(options.Images).ToArray();
        string[] names = ChartStyle.ClassNames(results, Classes.Count(results.Outputs));
        int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(wrong.Length)));
        int rows = Math.Max(1, (wrong.Length + columns - 1) / columns);

        var model = ChartStyle.Model($"{results.Experiment}: {wrong.Length} misclassified {results.EvaluatedOn} images (true → predicted)", legend: false);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = 0, Maximum = columns, IsAxisVisible = false });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Minimum = 0, Maximum = rows, IsAxisVisible = false, StartPosition = 1, EndPosition = 0 });
        for (int k = 0; k < wrong.Length; k++)
        {
            int i = wrong[k], column = k % columns, row = k / columns;
            model.Annotations.Add(new ImageAnnotation
            {
                ImageSource = Image(results, i),
                X = new PlotLength(column + 0.5, PlotLengthUnit.Data),
                Y = new PlotLength(row + 0.45, PlotLengthUnit.Data),
                Height = new PlotLength(0.7, PlotLengthUnit.Data), // the width follows the image's aspect ratio
                Interpolate = false,
            });
            model.Annotations.Add(new TextAnnotation
            {
                Text = $"{names[actual[i]]} → {names[predicted[i]]}",
                TextPosition = new DataPoint(column + 0.5, row + 0.97),
                TextHorizontalAlignment = HorizontalAlignment.Center,
                TextVerticalAlignment = VerticalAlignment.Bottom,
                Stroke = OxyColors.Transparent,
                FontSize = 10,
            });
        }
        return model;
    }

    private static OxyImage Image(RunResults results, int sample)
    {
        TensorShape shape = results.InputShape;
        int channels = shape.Rank == 3 ? shape[0] : 1, height = shape[shape.Rank - 2], width = shape[shape.Rank - 1];
        float[] x = results.Inputs;
        int start = sample * shape.Size;
        float min = float.MaxValue, max = float.MinValue;
        for (int k = start; k < start + shape.Size; k++) { min = Math.Min(min, x[k]); max = Math.Max(max, x[k]); }
        float scale = max > min ? 255f / (max - min) : 0f;
        var pixels = new OxyColor[width, height];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                byte Channel(int ch) => (byte)Math.Clamp((x[start + (ch * height + r) * width + c] - min) * scale, 0, 255);
                pixels[c, r] = channels == 3 ? OxyColor.FromRgb(Channel(0), Channel(1), Channel(2)) : OxyColor.FromRgb(Channel(0), Channel(0), Channel(0));
            }
        }
        return OxyImage.Create(pixels, ImageFormat.Png);
    }
}
