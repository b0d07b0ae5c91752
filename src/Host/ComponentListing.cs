using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;

namespace NeuralNet.Host;

/// <summary><c>--Host:ListComponents=true</c>: prints every plugin and every component by family, then stops.</summary>
public sealed class ComponentListing(ComponentRegistry registry, IReadOnlyList<LoadedPlugin> plugins, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (LoadedPlugin plugin in plugins)
            Console.Out.WriteLine($"plugin {plugin.Name}: {plugin.Components.Count} components ({plugin.Path})");
        foreach (var family in registry.Descriptors.GroupBy(d => d.FamilyName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"{family.Key}:");
            foreach (ComponentDescriptor d in family.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                string aliases = d.Aliases.Count > 0 ? $" (also {string.Join(", ", d.Aliases)})" : "";
                Console.Out.WriteLine($"  {d.Name}{aliases}{(d.Description is null ? "" : " — " + d.Description)}");
            }
        }
        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}
