using NeuralNet.Testing;

namespace NeuralNet.Training.Tests.Support;

/// <summary>Callbacks created by name through the registry, with options as config gives them.</summary>
internal static class Callbacks
{
    public static ICallback Create(string name, IDictionary<string, string?>? options = null)
        => Conformance.Create<ICallback>(typeof(NeuralNet.Training.Callbacks.EarlyStopping), name, options).Component;
}
