namespace NeuralNet.Charts.Cairo.Drawing;

/// <summary>
/// The fixed colours of every chart: matplotlib's <c>tab10</c> for series and classes (distinct, and readable by most
/// colour-blind people), their pastel tints for decision regions, and the greys of the frame.
/// </summary>
internal static class ChartPalette
{
    private static readonly Rgb[] Tab10 =
    [
        Rgb.FromHex("#1f77b4"), // blue
        Rgb.FromHex("#ff7f0e"), // orange
        Rgb.FromHex("#2ca02c"), // green
        Rgb.FromHex("#d62728"), // red
        Rgb.FromHex("#9467bd"), // purple
        Rgb.FromHex("#8c564b"), // brown
        Rgb.FromHex("#e377c2"), // pink
        Rgb.FromHex("#7f7f7f"), // grey
        Rgb.FromHex("#bcbd22"), // olive
        Rgb.FromHex("#17becf"), // cyan
    ];

    /// <summary>How strongly a decision region shows its class colour over white.</summary>
    public const double PastelOpacity = 0.3;

    public static readonly Rgb Background = Rgb.White;
    public static readonly Rgb Text = Rgb.FromHex("#222222");
    public static readonly Rgb Axis = Rgb.FromHex("#444444");
    public static readonly Rgb Grid = Rgb.FromHex("#e5e5e5");
    public static readonly Rgb LegendBorder = Rgb.FromHex("#cccccc");
    public static readonly Rgb PointOutline = Rgb.FromHex("#1a1a1a");

    /// <summary>How many distinct colours there are before they repeat.</summary>
    public static int Count => Tab10.Length;

    /// <summary>The saturated colour of series or class <paramref name="index"/> (cycling after <see cref="Count"/>).</summary>
    public static Rgb Color(int index) => Tab10[index % Tab10.Length];

    /// <summary>The light tint of class <paramref name="index"/> used to fill its decision region.</summary>
    public static Rgb Pastel(int index) => Color(index).OverWhite(PastelOpacity);
}
