using System.Runtime.CompilerServices;

// The tests decode the PNGs they render through the same small cairo binding (CairoNative) and check layout helpers.
[assembly: InternalsVisibleTo("NeuralNet.Charts.Cairo.Tests")]
