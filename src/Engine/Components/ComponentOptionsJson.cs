using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace NeuralNet.Engine.Components;

/// <summary>
/// Options objects to JSON and back to configuration, so a saved model records each component as its name and
/// options and rebuilds it through the same registry path as the experiment config.
/// </summary>
public static class ComponentOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The options as a JSON object with config-style (PascalCase) keys; null options give null.</summary>
    public static JsonObject? ToJson(object? options)
        => options is null ? null : JsonSerializer.SerializeToNode(options, options.GetType(), Json)!.AsObject();

    /// <summary>A configuration whose root holds <paramref name="options"/>' keys, ready for <see cref="ComponentRegistry.Create{T}(string, IConfiguration?, string)"/>.</summary>
    public static IConfiguration ToConfiguration(JsonObject? options)
    {
        var builder = new ConfigurationBuilder();
        if (options is not null && options.Count > 0)
            builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(options.ToJsonString())));
        return builder.Build();
    }
}
