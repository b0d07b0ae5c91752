using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Tensors;
using Newtonsoft.Json;

namespace NeuralNet.TestPluginJson12.Activations;

/// <summary>y = x / 2. Its constructor calls Newtonsoft.Json and records which version answered.</summary>
[Component("test12>half", Description = "x / 2, from the fixture plugin on Newtonsoft.Json 12")]
public sealed class JsonHalf : Activation
{
    public JsonHalf()
    {
        // Formats through the private dependency, so creating the component proves it resolved in this plugin's context.
        Formatted = JsonConvert.ToString(0.5);
        JsonVersion = typeof(JsonConvert).Assembly.GetName().Version!;
    }

    /// <summary>0.5 as Newtonsoft.Json formats it.</summary>
    public string Formatted { get; }

    /// <summary>The version of Newtonsoft.Json this plugin's context resolved.</summary>
    public Version JsonVersion { get; }

    public override void Forward(Tensor input, Tensor output)
    {
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        Span<float> y = output.Span;
        for (int i = 0; i < x.Length; i++) y[i] = 0.5f * x[i];
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        ReadOnlySpan<float> dy = outputGradient.ReadOnlySpan;
        Span<float> dx = inputGradient.Span;
        for (int i = 0; i < dy.Length; i++) dx[i] = 0.5f * dy[i];
    }
}
