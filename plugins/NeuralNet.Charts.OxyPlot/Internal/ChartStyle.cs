using global::OxyPlot;
using global::OxyPlot.Axes;
using global::OxyPlot.Legends;

namespace NeuralNet.Charts.OxyPlot.Internal;

/// <summary>What every chart shares: a white model with a title and legend, linear axes, and one colour per class.</summary>
internal static class ChartStyle
{
    /// <summary>Ten distinct colours (matplotlib's tab10), cycled for more classes.</summary>
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(31, 119, 180), OxyColor.FromRgb(255, 127, 14), OxyColor.FromRgb(44, 160, 44),
        OxyColor.FromRgb(214, 39, 40), OxyColor.FromRgb(148, 103, 189), OxyColor.FromRgb(140, 86, 75),
        OxyColor.FromRgb(227, 119, 194), OxyColor.FromRgb(127, 127, 127), OxyColor.FromRgb(188, 189, 34),
        OxyColor.FromRgb(23, 190, 207),
    ];

    /// <summary>The colour of class (or series) <paramref name="index"/>.</summary>
    public static OxyColor ClassColor(int index) => Palette[index % Palette.Length];

    /// <summary>A class colour blended toward white, for regions under the samples.</summary>
    public static OxyColor Light(int index) => OxyColor.Interpolate(ClassColor(index), OxyColors.White, 0.55);

    public static PlotModel Model(string title, bool legend = true)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White, TitleFontSize = 14 };
        if (legend)
            model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Inside, LegendBackground = OxyColor.FromAColor(200, OxyColors.White) });
        return model;
    }

    public static LinearAxis Linear(AxisPosition position, string title, double? minimum = null, double? maximum = null) => new()
    {
        Position = position,
        Title = title,
        Minimum = minimum ?? double.NaN,
        Maximum = maximum ?? double.NaN,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = OxyColor.FromRgb(230, 230, 230),
    };

    /// <summary>An axis label for a metric name: short names are acronyms ("mse" → "MSE"), others capitalised ("top_k" → "Top k").</summary>
    public static string MetricTitle(string metric)
        => metric.Length <= 3 ? metric.ToUpperInvariant() : char.ToUpperInvariant(metric[0]) + metric[1..].Replace('_', ' ');

    /// <summary>Class names from the results, or "0", "1", ... when the data has none.</summary>
    public static string[] ClassNames(RunResults results, int classes)
        => Enumerable.Range(0, classes).Select(c => results.ClassNames is { } n && n.Count == classes ? n[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
