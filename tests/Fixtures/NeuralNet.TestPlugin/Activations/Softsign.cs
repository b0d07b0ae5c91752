using NeuralNet.Activations;
using NeuralNet.Components;
using NeuralNet.Tensors;
using Newtonsoft.Json;

namespace NeuralNet.TestPlugin.Activations;

/// <summary>softsign(x) = x / (1 + |x|); derivative 1 / (1 + |x|)². A third-party component, hence the "test&gt;" prefix.</summary>
[Component("test>softsign", Description = "x / (1 + |x|), from the test fixture plugin")]
public sealed class Softsign : Activation
{
    public Softsign(SoftsignOptions options)
    {
        Options = options;
        // Touches the private dependency, so creating the component proves it resolved from this plugin's folder.
        // (A formatting call, not reflection over this plugin's types, which Newtonsoft would cache process-wide.)
        OptionsJson = JsonConvert.ToString(options.Scale);
    }

    public SoftsignOptions Options { get; }

    public string OptionsJson { get; }

    public override void Forward(Tensor input, Tensor output)
    {
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        Span<float> y = output.Span;
        for (int i = 0; i < x.Length; i++) y[i] = Options.Scale * x[i] / (1 + MathF.Abs(x[i]));
    }

    public override void Backward(Tensor input, Tensor output, Tensor outputGradient, Tensor inputGradient)
    {
        ReadOnlySpan<float> x = input.ReadOnlySpan;
        ReadOnlySpan<float> dy = outputGradient.ReadOnlySpan;
        Span<float> dx = inputGradient.Span;
        for (int i = 0; i < x.Length; i++)
        {
            float d = 1 + MathF.Abs(x[i]);
            dx[i] = Options.Scale * dy[i] / (d * d);
        }
    }
}
