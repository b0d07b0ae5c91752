using System.Reflection;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Layers;
using NeuralNet.Nn.Layers;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Nn.Tests.Support;

/// <summary>The plugin's registry, its components by family, and small builders the tests share.</summary>
internal static class Plugin
{
    public static Assembly Assembly => typeof(Dense).Assembly;

    public static ComponentRegistry Registry { get; } = Conformance.RegistryFor(typeof(Dense));

    /// <summary>Creates a component by name through the registry, with options from key/value pairs (null = defaults).</summary>
    public static T Create<T>(string name, IDictionary<string, string?>? options = null) where T : class
        => Registry.Create<T>(name, Conformance.ToConfiguration(options), "Test").Component;

    /// <summary>Every [Component] type of the plugin in family <typeparamref name="TFamily"/>, for tests that must cover each.</summary>
    public static IEnumerable<Type> ComponentTypes<TFamily>()
        => Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<ComponentAttribute>() is not null && typeof(TFamily).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    public static string NameOf(Type componentType) => componentType.GetCustomAttribute<ComponentAttribute>()!.Name;

    public static LayerBuildContext Context(int maxBatchSize, int? outputSize = null, int seed = 42, string path = "Experiment:Model:Layers:0")
        => new(maxBatchSize, new Random(seed), Registry, path, outputSize);

    /// <summary>A tensor of values whose magnitudes lie in [low, high) with random signs: away from kinks at 0.</summary>
    public static Tensor AwayFromZero(int batch, TensorShape shape, int seed, float low = 0.1f, float high = 3f)
    {
        var random = new Random(seed);
        var tensor = new Tensor(batch, shape);
        Span<float> span = tensor.Span;
        for (int i = 0; i < span.Length; i++)
            span[i] = (float)((low + (high - low) * random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        return tensor;
    }

    /// <summary>Uniform values in [low, high).</summary>
    public static Tensor Uniform(int batch, TensorShape shape, int seed, float low, float high)
    {
        var random = new Random(seed);
        var tensor = new Tensor(batch, shape);
        Span<float> span = tensor.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)(low + (high - low) * random.NextDouble());
        return tensor;
    }

    /// <summary>One-hot rows: sample i has class (i·stride) mod classes.</summary>
    public static Tensor OneHot(int batch, int classes, int stride = 2)
    {
        var tensor = new Tensor(batch, classes);
        for (int i = 0; i < batch; i++) tensor[i, i * stride % classes] = 1f;
        return tensor;
    }
}
