using System.Text.Json.Nodes;
using NeuralNet.Activations;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Nn.Tests.Support;
using NeuralNet.Tensors;

namespace NeuralNet.Nn.Tests.Network;

/// <summary>
/// dense 5→7, relu, dense 7→3, softmax + categorical cross-entropy (fused), batch 4, all created by name and
/// chained by hand as the engine does, against PyTorch (References/network.json): activations, loss and every
/// parameter gradient.
/// </summary>
public class SmallNetworkTests
{
    [Test]
    public void ForwardBackward_MatchesPyTorch()
    {
        JsonNode reference = References.Load("network.json");
        ILayer first = Plugin.Create<ILayer>("dense", new Dictionary<string, string?> { ["Units"] = "7" });
        ILayer second = Plugin.Create<ILayer>("dense");
        IActivation relu = Plugin.Create<IActivation>("relu");
        IActivation softmax = Plugin.Create<IActivation>("softmax");
        var loss = (IFusedLoss)Plugin.Create<ILoss>("crossentropy");
        TensorShape hiddenShape = first.Build(new TensorShape(5), Plugin.Context(4, path: "Experiment:Model:Layers:0"));
        second.Build(hiddenShape, Plugin.Context(4, outputSize: 3, path: "Experiment:Model:Layers:2"));
        References.Floats(reference["kernel1"]).CopyTo(first.Parameters[0].Value.Span);
        References.Floats(reference["bias1"]).CopyTo(first.Parameters[1].Value.Span);
        References.Floats(reference["kernel2"]).CopyTo(second.Parameters[0].Value.Span);
        References.Floats(reference["bias2"]).CopyTo(second.Parameters[1].Value.Span);
        Tensor input = References.Tensor(reference["input"]), targets = References.Tensor(reference["targets"]);

        Tensor preActivation = first.Forward(input, ForwardContext.Train(1, 1));
        var hidden = new Tensor(4, hiddenShape);
        relu.Forward(preActivation, hidden);
        Tensor logits = second.Forward(hidden, ForwardContext.Train(1, 1));
        var probabilities = new Tensor(4, 3);
        softmax.Forward(logits, probabilities);
        float value = loss.ForwardFromLogits(logits, targets);

        Expect.Close(hidden.ReadOnlySpan, References.Floats(reference["hidden"]), "hidden");
        Expect.Close(logits.ReadOnlySpan, References.Floats(reference["logits"]), "logits");
        Expect.Close(probabilities.ReadOnlySpan, References.Floats(reference["probabilities"]), "probabilities");
        Expect.Close(value, reference["loss"]!.GetValue<float>(), "loss");

        var logitsGradient = new Tensor(4, 3);
        loss.BackwardFromLogits(logits, targets, logitsGradient);
        Tensor hiddenGradient = second.Backward(logitsGradient, needInputGradient: true)!;
        var preActivationGradient = new Tensor(4, hiddenShape);
        relu.Backward(preActivation, hidden, hiddenGradient, preActivationGradient);
        Assert.That(first.Backward(preActivationGradient, needInputGradient: false), Is.Null);

        Expect.Close(first.Parameters[0].Gradient.ReadOnlySpan, References.Floats(reference["kernel1_gradient"]), "kernel1 gradient");
        Expect.Close(first.Parameters[1].Gradient.ReadOnlySpan, References.Floats(reference["bias1_gradient"]), "bias1 gradient");
        Expect.Close(second.Parameters[0].Gradient.ReadOnlySpan, References.Floats(reference["kernel2_gradient"]), "kernel2 gradient");
        Expect.Close(second.Parameters[1].Gradient.ReadOnlySpan, References.Floats(reference["bias2_gradient"]), "bias2 gradient");
    }
}
