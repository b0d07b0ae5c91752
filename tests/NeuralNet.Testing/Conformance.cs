using System.Reflection;
using Microsoft.Extensions.Configuration;
using NeuralNet.Components;
using NeuralNet.Engine.Components;
using NeuralNet.Errors;
using NUnit.Framework;

namespace NeuralNet.Testing;

/// <summary>
/// The checks every component's test runs through one harness: resolution by name and aliases, the unknown-name
/// message, and options round-trip (config → options → JSON → config → options). Gradient checks live in
/// <c>GradientCheck</c>.
/// </summary>
public static class Conformance
{
    /// <summary>A registry holding the components of <paramref name="componentType"/>'s assembly.</summary>
    public static ComponentRegistry RegistryFor(Type componentType) => ComponentRegistry.ForAssemblies(componentType.Assembly);

    /// <summary>Creates component <paramref name="name"/> of the assembly that defines <paramref name="assemblyOf"/>, with options from key/value pairs.</summary>
    public static ComponentInstance<TFamily> Create<TFamily>(Type assemblyOf, string name, IDictionary<string, string?>? options = null)
        where TFamily : class
        => RegistryFor(assemblyOf).Create<TFamily>(name, ToConfiguration(options), "Test");

    /// <summary>
    /// Asserts <paramref name="componentType"/> resolves by its name and every alias (any case) in family
    /// <typeparamref name="TFamily"/>, and that an unknown name fails listing the known names.
    /// </summary>
    public static void AssertResolvesByName<TFamily>(Type componentType) where TFamily : class
    {
        var attribute = componentType.GetCustomAttribute<ComponentAttribute>();
        Assert.That(attribute, Is.Not.Null, $"{componentType.Name} has no [Component] attribute.");
        Assert.That(typeof(TFamily).IsAssignableFrom(componentType), $"{componentType.Name} does not implement {typeof(TFamily).Name}.");
        ComponentRegistry registry = RegistryFor(componentType);

        foreach (string name in attribute!.Aliases.Prepend(attribute.Name).SelectMany(n => new[] { n, n.ToUpperInvariant() }))
        {
            ComponentDescriptor found = registry.Find<TFamily>(name, "Test:Type");
            Assert.That(found.ComponentType, Is.EqualTo(componentType), $"'{name}' resolved to {found.ComponentType.Name}.");
            Assert.That(found.Name, Is.EqualTo(attribute.Name), $"'{name}' did not resolve to the canonical name.");
        }

        var error = Assert.Throws<ConfigurationException>(() => registry.Find<TFamily>("no_such_component_zz", "Test:Type"))!;
        Assert.That(error.Key, Is.EqualTo("Test:Type"));
        Assert.That(error.Message, Does.Contain("'no_such_component_zz'").And.Contain(attribute.Name));
    }

    /// <summary>
    /// Asserts that <paramref name="options"/> bind to the component's options, that every given value is kept,
    /// and that serialising the bound options and binding them again gives the same options.
    /// </summary>
    public static void AssertOptionsRoundTrip<TFamily>(Type componentType, string name, IDictionary<string, string?> options)
        where TFamily : class
    {
        ComponentRegistry registry = RegistryFor(componentType);
        ComponentInstance<TFamily> first = registry.Create<TFamily>(name, ToConfiguration(options), "Test");
        Assert.That(first.Component, Is.InstanceOf(componentType));
        Assert.That(first.Options, Is.Not.Null, $"{name} has no options to round-trip.");

        var json = ComponentOptionsJson.ToJson(first.Options)!;
        IConfiguration saved = ComponentOptionsJson.ToConfiguration(json);
        foreach (var (key, value) in options)
        {
            string? kept = saved[key];
            Assert.That(Normalise(kept), Is.EqualTo(Normalise(value)), $"Option {key}={value} came back as {kept ?? "(missing)"}: not bound or not saved.");
        }

        ComponentInstance<TFamily> second = registry.Create<TFamily>(name, saved, "Test");
        Assert.That(ComponentOptionsJson.ToJson(second.Options)!.ToJsonString(), Is.EqualTo(json.ToJsonString()),
            "Options differ after config → options → JSON → config → options.");
    }

    /// <summary>Key/value pairs (nested keys with ':', list items as 'Key:0') as configuration; null gives null.</summary>
    public static IConfiguration? ToConfiguration(IDictionary<string, string?>? options)
        => options is null ? null : new ConfigurationBuilder().AddInMemoryCollection(options).Build();

    private static string? Normalise(string? value)
        => value is null ? null
            : double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d)
                ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                : value.ToLowerInvariant();
}
