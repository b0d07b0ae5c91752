using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("NeuralNet.Training.Tests")]
