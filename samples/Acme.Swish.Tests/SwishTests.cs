using System.Text.Json.Nodes;
using NeuralNet.Activations;
using NeuralNet.Errors;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace Acme.Swish.Tests;

// Inside the namespace, so it wins over the namespace Acme.Swish itself.
using Swish = Acme.Swish.Activations.Swish;

public sealed class SwishTests
{
    private static readonly JsonNode Reference = ReferenceData.LoadFile("References/swish.json");

    private static IActivation Create(string? beta = null)
        => Conformance.Create<IActivation>(typeof(Swish), "acme>swish",
            beta is null ? null : new Dictionary<string, string?> { ["Beta"] = beta }).Component;

    private static Tensor ToTensor(JsonNode? rows)
    {
        JsonArray array = rows!.AsArray();
        return new Tensor(ReferenceData.Floats(array), array.Count, new TensorShape(array[0]!.AsArray().Count));
    }

    private static IEnumerable<string> Betas() => Reference["cases"]!.AsArray().Select(c => c!["options"]!["Beta"]!.GetValue<string>());

    [Test]
    public void Resolve_ByItsNamespacedName() => Conformance.AssertResolvesByName<IActivation>(typeof(Swish));

    [Test]
    public void Options_RoundTrip_KeepBeta()
        => Conformance.AssertOptionsRoundTrip<IActivation>(typeof(Swish), "acme>swish", new Dictionary<string, string?> { ["Beta"] = "1.7" });

    [Test]
    public void Create_WithoutOptions_HasBetaOne() => Assert.That(((Swish)Create()).Options.Beta, Is.EqualTo(1f));

    [Test]
    public void Create_NegativeBeta_IsAConfigurationErrorNamingTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => Create("-1"))!;
        Assert.That(error.Key, Does.EndWith("Beta"));
    }

    [TestCase("1")]
    [TestCase("1.7")]
    [TestCase("0.3")]
    public void Backward_MatchesFiniteDifferences(string beta)
        => GradientCheck.AssertActivation(Create(beta), new Tensor(new float[] { -2.5f, -1.1f, -0.4f, 0.3f, 0.9f, 2.2f, -3.3f, 1.6f }, 2, new TensorShape(4)));

    [TestCaseSource(nameof(Betas))]
    public void ForwardBackward_MatchesPyTorch(string beta)
    {
        JsonNode entry = Reference["cases"]!.AsArray().Single(c => c!["options"]!["Beta"]!.GetValue<string>() == beta)!;
        IActivation swish = Create(beta);
        Tensor input = ToTensor(Reference["input"]);
        Tensor outputGradient = ToTensor(Reference["output_gradient"]);
        var output = new Tensor(input.BatchSize, input.SampleShape);
        var inputGradient = new Tensor(input.BatchSize, input.SampleShape);

        swish.Forward(input, output);
        swish.Backward(input, output, outputGradient, inputGradient);

        Assert.That(output.Buffer, Is.EqualTo(ReferenceData.Floats(entry["output"])).Within(1e-5f), "output");
        Assert.That(inputGradient.Buffer, Is.EqualTo(ReferenceData.Floats(entry["input_gradient"])).Within(1e-5f), "input gradient");
    }
}
