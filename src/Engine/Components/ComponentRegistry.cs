using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuralNet.Engine.Configuration;
using NeuralNet.Components;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Components;

/// <summary>
/// Every registered component, by family and name. Scans assemblies for <see cref="ComponentAttribute"/>;
/// creates components with their options bound from config (unknown keys and bad values are errors that name
/// the key) and validated with DataAnnotations, all failures reported at once.
/// </summary>
public sealed class ComponentRegistry : IComponentFactory
{
    // family interface -> (lower-case name or alias -> descriptor)
    private readonly Dictionary<Type, Dictionary<string, ComponentDescriptor>> _byFamily = [];
    private readonly List<ComponentDescriptor> _all = [];
    private readonly ConcurrentDictionary<Type, string?> _familyNames = new();
    private IServiceProvider? _services;

    /// <param name="services">Services components may take in their constructors; null for none but this factory.</param>
    public ComponentRegistry(IServiceProvider? services = null) => _services = services;

    /// <summary>A registry of the components in <paramref name="assemblies"/>, with no services.</summary>
    public static ComponentRegistry ForAssemblies(params Assembly[] assemblies)
    {
        var registry = new ComponentRegistry();
        foreach (Assembly assembly in assemblies) registry.AddAssembly(assembly);
        return registry;
    }

    /// <summary>Every registered component, in registration order.</summary>
    public IReadOnlyList<ComponentDescriptor> Descriptors => _all;

    /// <summary>Sets the services components are constructed with (the host's provider, once built).</summary>
    public void UseServices(IServiceProvider services) => _services = services;

    /// <summary>Registers every class in <paramref name="assembly"/> marked with <see cref="ComponentAttribute"/>.</summary>
    /// <exception cref="PluginLoadException">The assembly's types cannot be loaded, or a component is malformed.</exception>
    public IReadOnlyList<ComponentDescriptor> AddAssembly(Assembly assembly, string? origin = null)
    {
        origin ??= assembly.GetName().Name ?? assembly.FullName ?? "?";
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            string inner = string.Join("; ", e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct());
            throw new PluginLoadException(origin, $"cannot load its types: {inner}", e);
        }

        var added = new List<ComponentDescriptor>();
        foreach (Type type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetCustomAttribute<ComponentAttribute>() is null) continue;
            added.AddRange(Add(type, origin));
        }
        return added;
    }

    /// <summary>Registers one component type under every family it implements.</summary>
    public IReadOnlyList<ComponentDescriptor> Add(Type componentType, string? origin = null)
    {
        origin ??= componentType.Assembly.GetName().Name ?? "?";
        var attribute = componentType.GetCustomAttribute<ComponentAttribute>()
            ?? throw new PluginLoadException(origin, $"{componentType.FullName} has no [Component] attribute.");
        if (componentType.IsAbstract || !componentType.IsClass)
            throw new PluginLoadException(origin, $"[Component(\"{attribute.Name}\")] is on {componentType.FullName}, which is not a concrete class.");
        if (string.IsNullOrWhiteSpace(attribute.Name))
            throw new PluginLoadException(origin, $"{componentType.FullName} has an empty component name.");

        Type[] families = componentType.GetInterfaces().Where(i => FamilyName(i) is not null).ToArray();
        if (families.Length == 0)
            throw new PluginLoadException(origin, $"{componentType.FullName} is marked [Component(\"{attribute.Name}\")] but implements no component family (ILayer, IActivation, ILoss, ...).");

        ConstructorInfo[] constructors = componentType.GetConstructors();
        if (constructors.Length != 1)
            throw new PluginLoadException(origin, $"{componentType.FullName} must have exactly one public constructor; it has {constructors.Length}.");
        ConstructorInfo constructor = constructors[0];
        Type[] optionTypes = constructor.GetParameters().Select(p => p.ParameterType)
            .Where(t => t.GetCustomAttribute<ComponentOptionsAttribute>() is not null).ToArray();
        if (optionTypes.Length > 1)
            throw new PluginLoadException(origin, $"{componentType.FullName}'s constructor takes {optionTypes.Length} [ComponentOptions] objects; at most one is allowed.");

        var added = new List<ComponentDescriptor>();
        foreach (Type family in families)
        {
            var descriptor = new ComponentDescriptor(attribute.Name, attribute.Aliases, family, FamilyName(family)!,
                componentType, constructor, optionTypes.FirstOrDefault(), origin, attribute.Description, attribute.DefaultFor);
            foreach (string situation in attribute.DefaultFor)
            {
                if (_all.FirstOrDefault(d => d.Family == family && d.DefaultFor.Contains(situation, StringComparer.OrdinalIgnoreCase)) is { } other)
                    throw new PluginLoadException(origin, $"{componentType.FullName} claims to be the default {descriptor.FamilyName} for '{situation}', which {other} already is.");
            }
            if (!_byFamily.TryGetValue(family, out var names)) _byFamily[family] = names = new(StringComparer.OrdinalIgnoreCase);
            foreach (string key in attribute.Aliases.Prepend(attribute.Name))
            {
                if (names.TryGetValue(key, out var existing))
                    throw new PluginLoadException(origin, $"{descriptor.FamilyName} name '{key}' of {componentType.FullName} is already registered by {existing}. Third-party components should be named 'package>name'.");
            }
            foreach (string key in attribute.Aliases.Prepend(attribute.Name)) names[key] = descriptor;
            _all.Add(descriptor);
            added.Add(descriptor);
        }
        return added;
    }

    /// <summary>
    /// The name of the component of family <typeparamref name="T"/> a plugin declared the default for
    /// <paramref name="situation"/> (or for <see cref="ComponentDefaults.Always"/>), or null when none did.
    /// </summary>
    public string? DefaultName<T>(string situation = ComponentDefaults.Always) where T : class
        => (_all.FirstOrDefault(d => d.Family == typeof(T) && d.DefaultFor.Contains(situation, StringComparer.OrdinalIgnoreCase))
            ?? _all.FirstOrDefault(d => d.Family == typeof(T) && d.DefaultFor.Contains(ComponentDefaults.Always)))?.Name;

    /// <inheritdoc />
    public ComponentInstance<T> Create<T>(string name, IConfiguration? options, string configPath) where T : class
        => Create<T>(name, options, configPath, ignoredKeys: null);

    /// <summary>As <see cref="Create{T}(string, IConfiguration?, string)"/>, skipping <paramref name="ignoredKeys"/> in the options section (<c>Type</c>, <c>Activation</c>).</summary>
    public ComponentInstance<T> Create<T>(string name, IConfiguration? options, string configPath, IReadOnlySet<string>? ignoredKeys) where T : class
    {
        ComponentDescriptor descriptor = Find<T>(name, configPath);
        var (instance, boundOptions) = Create(descriptor, options, configPath, ignoredKeys);
        return new ComponentInstance<T>((T)instance, descriptor.Name, boundOptions);
    }

    /// <summary>Creates the component <paramref name="descriptor"/> describes, with options bound from <paramref name="options"/>.</summary>
    public object Create(ComponentDescriptor descriptor, IConfiguration? options, string configPath)
        => Create(descriptor, options, configPath, ignoredKeys: null).Instance;

    private (object Instance, object? Options) Create(ComponentDescriptor descriptor, IConfiguration? options, string configPath, IReadOnlySet<string>? ignoredKeys)
    {
        object? boundOptions = descriptor.OptionsType is null ? null
            : OptionsBinder.Bind(descriptor.OptionsType, options, configPath, $"{descriptor.FamilyName} '{descriptor.Name}'", ignoredKeys);
        if (boundOptions is not null)
            ResolveComponentNames(boundOptions, configPath);
        if (descriptor.OptionsType is null && options is not null)
        {
            string? stray = options.GetChildren().Select(c => c.Key).FirstOrDefault(k => ignoredKeys?.Contains(k) != true);
            if (stray is not null)
                throw new ConfigurationException($"{configPath}:{stray}", $"{descriptor.FamilyName} '{descriptor.Name}' takes no options.");
        }

        object instance;
        try
        {
            var provider = new FactoryServiceProvider(_services, this);
            instance = boundOptions is null
                ? ActivatorUtilities.CreateInstance(provider, descriptor.ComponentType)
                : ActivatorUtilities.CreateInstance(provider, descriptor.ComponentType, boundOptions);
        }
        catch (TargetInvocationException e) when (e.InnerException is NeuralNetException inner)
        {
            throw inner;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException or InvalidOperationException)
        {
            throw new ConfigurationException(configPath, $"{descriptor.FamilyName} '{descriptor.Name}': {e.InnerException!.Message}", e.InnerException);
        }
        catch (ArgumentException e)
        {
            // ActivatorUtilities does not wrap what a constructor throws: a rejected argument is the configuration's fault.
            throw new ConfigurationException(configPath, $"{descriptor.FamilyName} '{descriptor.Name}': {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(configPath, $"cannot create {descriptor}: {e.Message}", e);
        }
        catch (Exception e) when (e is not NeuralNetException)
        {
            // Any other failure of the constructor is the plugin's fault, not the configuration's: exit code 6, naming its file.
            Exception cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new PluginLoadException(descriptor.Origin,
                $"the constructor of {descriptor.FamilyName} '{descriptor.Name}' ({descriptor.ComponentType.FullName}) threw {cause.GetType().Name}: {cause.Message}", cause);
        }
        return (instance, boundOptions);
    }

    /// <summary>Resolves every <see cref="ComponentNameAttribute"/> property of bound options, so an unknown nested name fails now, keyed by its property.</summary>
    private void ResolveComponentNames(object options, string configPath)
    {
        foreach (PropertyInfo property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ComponentNameAttribute>() is not { } reference) continue;
            switch (property.GetValue(options))
            {
                case string name:
                    Find(reference.Family, name, $"{configPath}:{property.Name}");
                    break;
                case ComponentReference component:
                    // Creating it binds and validates its options too, keyed under the property (…:KernelInitializer:Std).
                    Create(Find(reference.Family, component.Name, $"{configPath}:{property.Name}"), component.Options, $"{configPath}:{property.Name}");
                    break;
            }
        }
    }

    /// <summary>The descriptor registered as <paramref name="name"/> in family <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigurationException">Unknown name: lists the known ones and the closest match.</exception>
    public ComponentDescriptor Find<T>(string name, string configPath) where T : class => Find(typeof(T), name, configPath);

    /// <summary>The descriptor registered as <paramref name="name"/> in the family interface <paramref name="familyType"/>.</summary>
    /// <exception cref="ConfigurationException">Unknown name: lists the known ones and the closest match.</exception>
    public ComponentDescriptor Find(Type familyType, string name, string configPath)
    {
        ArgumentNullException.ThrowIfNull(familyType);
        string family = FamilyName(familyType) ?? throw new ArgumentException($"{familyType.Name} is not a component family (no [ComponentFamily]).");
        if (string.IsNullOrWhiteSpace(name))
            throw new ConfigurationException(configPath, $"a {family} name is required. Known: {string.Join(", ", KnownNames(familyType))}.");
        if (_byFamily.TryGetValue(familyType, out var names) && names.TryGetValue(name.Trim(), out var descriptor))
            return descriptor;
        IReadOnlyList<string> known = KnownNames(familyType);
        string? guess = known.Concat(_byFamily.GetValueOrDefault(familyType)?.Keys ?? Enumerable.Empty<string>())
            .Select(k => (k, d: EditDistance(k.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.d <= Math.Max(1, name.Length / 3)).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();
        string hint = guess is null ? "" : $" Did you mean '{guess}'?";
        throw new ConfigurationException(configPath,
            $"Unknown {family} '{Quote.Short(name)}'. Known: {(known.Count == 0 ? "(none registered)" : string.Join(", ", known))}.{hint}");
    }

    /// <summary>Whether <paramref name="name"/> (or an alias) is registered in family <typeparamref name="T"/>.</summary>
    public bool Contains<T>(string name) where T : class
        => _byFamily.TryGetValue(typeof(T), out var names) && names.ContainsKey(name.Trim());

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames<T>() where T : class => KnownNames(typeof(T));

    /// <summary>The registered names of the family interface <paramref name="familyType"/>, sorted.</summary>
    public IReadOnlyList<string> KnownNames(Type familyType)
        => _byFamily.TryGetValue(familyType, out var names)
            ? names.Values.Select(d => d.Name).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>The display name of a family interface, or null when it is not one.</summary>
    public string? FamilyName(Type family)
        => _familyNames.GetOrAdd(family, f => f.IsInterface ? f.GetCustomAttribute<ComponentFamilyAttribute>()?.Name : null);

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>Serves <see cref="IComponentFactory"/> itself, then whatever the host provides.</summary>
    private sealed class FactoryServiceProvider(IServiceProvider? inner, IComponentFactory factory) : IServiceProvider
    {
        public object? GetService(Type serviceType)
            => serviceType == typeof(IComponentFactory) ? factory : inner?.GetService(serviceType);
    }
}
