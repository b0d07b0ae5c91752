using global::OxyPlot;
using NeuralNet.Charts;

namespace NeuralNet.Charts.OxyPlot.Internal;

/// <summary>Exports a plot model in the run's format: PNG through SkiaSharp, SVG through OxyPlot.Core's exporter.</summary>
internal static class ChartFiles
{
    /// <summary>Writes <paramref name="model"/> to <c>{name}.{format}</c> in the chart's folder, at the configured size.</summary>
    public static void Save(PlotModel model, ChartOutput output, string name) => Save(model, output, name, output.Width, output.Height);

    /// <summary>Writes <paramref name="model"/> at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static void Save(PlotModel model, ChartOutput output, string name, int width, int height)
    {
        using var stream = File.Create(output.PathFor(name));
        switch (output.Format)
        {
            case "png":
                new global::OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height }.Export(model, stream);
                break;
            case "svg":
                new SvgExporter { Width = width, Height = height }.Export(model, stream);
                break;
            default:
                throw new ArgumentException($"Chart format must be png or svg, not '{output.Format}'.", nameof(output));
        }
    }
}
