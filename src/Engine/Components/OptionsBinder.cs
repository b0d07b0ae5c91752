using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Configuration;
using NeuralNet.Components;
using NeuralNet.Errors;
using NeuralNet.Losses;

namespace NeuralNet.Engine.Components;

/// <summary>
/// Binds a config section to a plain options class strictly: an unknown key, a value of the wrong type and a
/// DataAnnotations violation each name their full config key, and all of them are reported at once.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Binds <paramref name="section"/> (null: defaults) to a new <typeparamref name="T"/> and validates it.</summary>
    public static T Bind<T>(IConfiguration? section, string configPath, string owner, IReadOnlySet<string>? ignoredKeys = null) where T : class, new()
        => (T)Bind(typeof(T), section, configPath, owner, ignoredKeys);

    /// <summary>Binds <paramref name="section"/> to a new <paramref name="optionsType"/> and validates it.</summary>
    /// <param name="optionsType">A class with a parameterless constructor and settable properties.</param>
    /// <param name="section">The options section, or null for defaults.</param>
    /// <param name="configPath">The section's full key, prefixed to every error.</param>
    /// <param name="owner">What the options belong to, for messages (<c>activation 'relu'</c>).</param>
    /// <param name="ignoredKeys">Keys that belong to the caller, not the options (<c>Type</c>).</param>
    /// <exception cref="ConfigurationException">Every problem found, the first one's key as <see cref="ConfigurationException.Key"/>.</exception>
    public static object Bind(Type optionsType, IConfiguration? section, string configPath, string owner, IReadOnlySet<string>? ignoredKeys = null)
    {
        object options = Activator.CreateInstance(optionsType)
            ?? throw new InvalidOperationException($"Cannot create {optionsType.FullName}.");
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var errors = new List<(string Key, string Problem)>();

        if (section is not null)
        {
            foreach (IConfigurationSection child in section.GetChildren())
            {
                if (ignoredKeys?.Contains(child.Key) == true) continue;
                if (child.Value is "" && !child.GetChildren().Any()) continue; // "--Key=" unsets a key set by a lower config layer
                string key = $"{configPath}:{child.Key}";
                if (!properties.TryGetValue(child.Key, out PropertyInfo? property))
                {
                    errors.Add((key, $"unknown option of {owner}. Valid options: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}."));
                    continue;
                }
                if (property.PropertyType == typeof(ClassWeights))
                {
                    if (ReadClassWeights(child, key, errors) is { } weights) property.SetValue(options, weights);
                    continue;
                }
                if (property.PropertyType == typeof(ComponentReference))
                {
                    if (ReadReference(child) is { } reference) property.SetValue(options, reference);
                    else errors.Add((key, $"expected a {Describe(property.PropertyType)}: a name, or a section with Type and its options."));
                    continue;
                }
                try
                {
                    object? value = child.Get(property.PropertyType, o => o.ErrorOnUnknownConfiguration = true);
                    if (value is null && child.Value is { Length: > 0 })
                        throw new InvalidOperationException("not convertible");
                    if (value is not null) property.SetValue(options, value); // empty ("[]" or "") keeps the documented default

                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
                {
                    errors.Add((key, $"expected {Describe(property.PropertyType)}, got '{(child.Value is { } v ? Quote.Short(v) : "(a section)")}'."));
                }
            }
        }

        foreach (ValidationResult result in Validate(options, properties.Values))
        {
            string member = result.MemberNames.FirstOrDefault() ?? "";
            errors.Add(($"{configPath}{(member.Length > 0 ? ":" + member : "")}", result.ErrorMessage ?? "invalid."));
        }

        if (errors.Count == 1) throw new ConfigurationException(errors[0].Key, errors[0].Problem);
        if (errors.Count > 1)
            throw new ConfigurationException(errors[0].Key,
                errors[0].Problem + string.Concat(errors.Skip(1).Select(e => $"{Environment.NewLine}  {e.Key}: {e.Problem}")));
        return options;
    }

    /// <summary>
    /// Runs each property's <see cref="ValidationAttribute"/>s, then <see cref="IValidatableObject"/>.
    /// Deliberately not <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>:
    /// its process-wide attribute store keeps every validated type alive, so a plugin's load context could never unload.
    /// </summary>
    private static IEnumerable<ValidationResult> Validate(object options, IEnumerable<PropertyInfo> properties)
    {
        foreach (PropertyInfo property in properties.OrderBy(p => p.MetadataToken))
        {
            object? value = property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = property.Name };
            foreach (ValidationAttribute attribute in property.GetCustomAttributes<ValidationAttribute>(inherit: true))
            {
                ValidationResult? result = attribute.GetValidationResult(value, context);
                if (result != ValidationResult.Success && result is not null)
                    yield return result.MemberNames.Any() ? result : new ValidationResult(result.ErrorMessage, [property.Name]);
            }
        }
        if (options is IValidatableObject validatable)
            foreach (ValidationResult result in validatable.Validate(new ValidationContext(options)))
                yield return result;
    }

    /// <summary>
    /// A <see cref="ComponentReference"/> from a bare name or a section with <c>Type</c>; the section's other keys
    /// become the referenced component's options. Null when neither form is there.
    /// </summary>
    private static ComponentReference? ReadReference(IConfigurationSection section)
    {
        if (section.Value is { } name && !section.GetChildren().Any()) return new ComponentReference(name);
        // A bare name with options from another config layer (--...:KernelInitializer:Std=0.01): a section of that name.
        string? type = section.Value is { } bare ? ComponentSpec.MergedName(section, bare, "component") : section["Type"];
        if (string.IsNullOrWhiteSpace(type)) return null;
        var options = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null && !string.Equals(p.Key, "Type", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new ComponentReference(type, options.Count == 0 ? null : new ConfigurationBuilder().AddInMemoryCollection(options).Build());
    }

    /// <summary><c>"balanced"</c>, or a section of class name → weight (finite, ≥ 0), each bad weight an error under its own key.</summary>
    private static ClassWeights? ReadClassWeights(IConfigurationSection section, string key, List<(string Key, string Problem)> errors)
    {
        if (section.Value is { } text)
        {
            if (string.Equals(text.Trim(), "balanced", StringComparison.OrdinalIgnoreCase)) return ClassWeights.BalancedWeights;
            errors.Add((key, $"expected \"balanced\" or weights by class name ({{ \"a\": 2, \"b\": 0.5 }}), got '{text}'."));
            return null;
        }
        var named = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (IConfigurationSection entry in section.GetChildren())
        {
            if (float.TryParse(entry.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float weight)
                && float.IsFinite(weight) && weight >= 0)
                named[entry.Key] = weight;
            else
                errors.Add(($"{key}:{entry.Key}", $"expected a class weight, a number ≥ 0, got '{entry.Value ?? "(a section)"}'."));
        }
        return ClassWeights.Explicit(named);
    }

    private static string Describe(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (t == typeof(float) || t == typeof(double)) return "a number";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(string)) return "text";
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t));
        if (t == typeof(ComponentReference)) return "component";
        if (t.IsArray || t.IsGenericType) return "a list";
        return t.Name;
    }
}
