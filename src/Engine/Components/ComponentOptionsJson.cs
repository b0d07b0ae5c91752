using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using NeuralNet.Components;
using NeuralNet.Losses;

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
        Converters = { new JsonStringEnumConverter(), new ComponentReferenceConverter(), new ClassWeightsConverter() },
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

    /// <summary>
    /// Writes a <see cref="ComponentReference"/> as config gives it: a bare name, or an object with <c>Type</c> and its
    /// options, which <see cref="ToConfiguration"/> and the options binder read back.
    /// </summary>
    private sealed class ComponentReferenceConverter : JsonConverter<ComponentReference>
    {
        public override ComponentReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("Component references are read from configuration, not JSON.");

        public override void Write(Utf8JsonWriter writer, ComponentReference value, JsonSerializerOptions options)
        {
            var pairs = value.Options?.AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            if (pairs is null || pairs.Count == 0)
            {
                writer.WriteStringValue(value.Name);
                return;
            }
            writer.WriteStartObject();
            writer.WriteString("Type", value.Name);
            foreach (KeyValuePair<string, string?> pair in pairs) writer.WriteString(pair.Key, pair.Value);
            writer.WriteEndObject();
        }
    }

    /// <summary>Writes <see cref="ClassWeights"/> as config gives it: <c>"balanced"</c>, or an object of class name → weight.</summary>
    private sealed class ClassWeightsConverter : JsonConverter<ClassWeights>
    {
        public override ClassWeights Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("Class weights are read from configuration, not JSON.");

        public override void Write(Utf8JsonWriter writer, ClassWeights value, JsonSerializerOptions options)
        {
            if (value.Balanced)
            {
                writer.WriteStringValue("balanced");
                return;
            }
            writer.WriteStartObject();
            foreach (KeyValuePair<string, float> pair in value.Named.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteNumber(pair.Key, pair.Value);
            writer.WriteEndObject();
        }
    }
}
