using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Commands;

/// <summary><c>plugins</c>: every loaded plugin, and every component by family with its name, aliases, options (type and default) and the plugin file it came from.</summary>
public sealed class PluginsCommand : Command
{
    private readonly Option<string> _format = CommandSupport.FormatOption();

    public PluginsCommand() : base("plugins", "List every component by family: name, aliases, options with types and defaults, and the plugin file it came from.")
    {
        Options.Add(_format);
        SetAction(result => CommandSupport.Guard(() =>
        {
            using IHost host = CommandSupport.BuildServices(HostRequest.Default);
            var plugins = host.Services.GetRequiredService<IReadOnlyList<LoadedPlugin>>();
            var families = CommandSupport.Registry(host).Descriptors.GroupBy(d => d.FamilyName).OrderBy(g => g.Key, StringComparer.Ordinal);
            bool json = result.GetValue(_format) == "json";
            if (!json)
                foreach (LoadedPlugin plugin in plugins)
                    Console.Out.WriteLine($"plugin {plugin.Name}: {plugin.Components.Count} components ({plugin.Path})");
            foreach (var family in families)
            {
                if (!json) Console.Out.WriteLine($"{Environment.NewLine}{family.Key}:");
                foreach (ComponentDescriptor d in family.OrderBy(d => d.Name, StringComparer.Ordinal))
                {
                    var options = OptionsOf(d);
                    if (json)
                    {
                        Console.Out.WriteLine(new JsonObject
                        {
                            ["family"] = d.FamilyName,
                            ["name"] = d.Name,
                            ["aliases"] = new JsonArray(d.Aliases.Select(a => (JsonNode)a).ToArray()),
                            ["description"] = d.Description,
                            ["plugin"] = d.Origin,
                            ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Type, ["default"] = o.Default }).ToArray()),
                        }.ToJsonString());
                        continue;
                    }
                    string aliases = d.Aliases.Count > 0 ? $" (also {string.Join(", ", d.Aliases)})" : "";
                    Console.Out.WriteLine($"  {d.Name}{aliases}{(d.Description is null ? "" : " — " + d.Description)}  [{d.Origin}]");
                    foreach (var (name, type, value) in options)
                        Console.Out.WriteLine($"      {name}: {type} = {value ?? "(none)"}");
                }
            }
            // Queue types are services, not components: the keys Queue:Type takes (the folder queue is the host's own).
            var queues = host.Services.GetRequiredService<Worker.QueueProviders>().Types;
            if (json) Console.Out.WriteLine(new JsonObject { ["family"] = "queue", ["names"] = new JsonArray(queues.Select(q => (JsonNode)q).ToArray()) }.ToJsonString());
            else Console.Out.WriteLine($"{Environment.NewLine}queue (Queue:Type): {string.Join(", ", queues)}");
            return ExitCodes.Success;
        }));
    }

    /// <summary>Each settable option with its type and the default a new options object has.</summary>
    private static List<(string Name, string Type, string? Default)> OptionsOf(ComponentDescriptor descriptor)
    {
        if (descriptor.OptionsType is not { } type) return [];
        object defaults = Activator.CreateInstance(type)!;
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .Select(p => (p.Name, TypeName(p.PropertyType), Format(p.GetValue(defaults))))
            .ToList();
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return TypeName(inner) + "?";
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsEnum) return string.Join('|', Enum.GetNames(type));
        return type == typeof(int) ? "int" : type == typeof(float) ? "float" : type == typeof(double) ? "double"
            : type == typeof(bool) ? "bool" : type == typeof(string) ? "string" : type == typeof(long) ? "long" : type.Name;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
