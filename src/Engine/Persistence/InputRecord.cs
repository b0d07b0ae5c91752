using System.Text.Json.Nodes;
using NeuralNet.Components;
using NeuralNet.Data;
using NeuralNet.Engine.Components;
using NeuralNet.Errors;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Persistence;

/// <summary>
/// <c>model.json</c>'s <c>input</c>: how one raw input file becomes a sample, as the data source that trained the model
/// read its files. The name of an <see cref="IInputReader"/> and its bound options as JSON (config keys), rebuilt
/// through the registry like a layer.
/// </summary>
/// <param name="Reader">The input reader's canonical registered name (<c>image</c>).</param>
/// <param name="Options">Its options as JSON, or null for its defaults.</param>
public sealed record InputRecord(string Reader, JsonObject? Options)
{
    /// <summary>
    /// The record of what a data source reported (<see cref="DataSet.Input"/>), checked now, before training: the
    /// reader resolves by name, its options bind, and it makes samples of <paramref name="sampleShape"/>. Saved with the
    /// canonical name and the bound options, the same round trip as a layer's.
    /// </summary>
    /// <exception cref="ConfigurationException">Unknown reader, invalid options, or samples of another shape (key <paramref name="source"/>).</exception>
    public static InputRecord Of(InputFormat format, ComponentRegistry registry, TensorShape sampleShape, string source)
    {
        ArgumentNullException.ThrowIfNull(format);
        ComponentInstance<IInputReader> reader = new InputRecord(format.Reader, ComponentOptionsJson.ToJson(format.Options)).Create(registry, sampleShape, source);
        return new InputRecord(reader.Name, ComponentOptionsJson.ToJson(reader.Options));
    }

    /// <summary>Creates the reader through <paramref name="registry"/> and checks that it makes samples of <paramref name="sampleShape"/>.</summary>
    /// <exception cref="ConfigurationException">Unknown reader, invalid options, or samples of another shape (key <paramref name="source"/>).</exception>
    public ComponentInstance<IInputReader> Create(ComponentRegistry registry, TensorShape sampleShape, string source)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ComponentInstance<IInputReader> reader = registry.Create<IInputReader>(Reader, ComponentOptionsJson.ToConfiguration(Options), source);
        if (reader.Component.SampleShape != sampleShape)
            throw new ConfigurationException(source, $"input reader '{reader.Name}' makes samples of {reader.Component.SampleShape}, but the model's inputs are {sampleShape}.");
        return reader;
    }
}
