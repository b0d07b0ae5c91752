using System.Runtime.CompilerServices;

// The tests build the plot models directly to find where a cell or a point lands in the exported image.
[assembly: InternalsVisibleTo("NeuralNet.Charts.OxyPlot.Tests")]
