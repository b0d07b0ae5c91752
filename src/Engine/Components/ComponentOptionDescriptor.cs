using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace NeuralNet.Engine.Components;

/// <summary>
/// One option of a component, as config names it: the property of its <c>[ComponentOptions]</c> class, its type,
/// its default (the value a new options object holds) and whether it is required. What a listing of components shows.
/// </summary>
public sealed record ComponentOptionDescriptor(string Name, Type Type, object? Default, bool Required, string? Description)
{
    /// <summary>The options of <paramref name="optionsType"/> (settable public properties, in declaration order); none for null.</summary>
    public static IReadOnlyList<ComponentOptionDescriptor> For(Type? optionsType)
    {
        if (optionsType is null) return [];
        object? defaults = optionsType.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(optionsType);
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new ComponentOptionDescriptor(p.Name, p.PropertyType, defaults is null ? null : p.GetValue(defaults),
                p.GetCustomAttribute<RequiredAttribute>() is not null, p.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .ToArray();
    }

    /// <summary>The type as a config author reads it: <c>float</c>, <c>int?</c>, <c>bool</c>, <c>string</c>, <c>list of string</c>, <c>one of A|B</c>.</summary>
    public string TypeName => Format(Type);

    /// <summary>The default as config would spell it: <c>0.5</c>, <c>true</c>, <c>[a, b]</c>; <c>none</c> for null, <c>required</c> when required and empty.</summary>
    public string DefaultText => Default switch
    {
        null or "" when Required => "required",
        null => "none",
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))) + "]",
        _ => Default.ToString() ?? "",
    };

    public override string ToString() => $"{Name} ({TypeName}, {DefaultText})";

    private static string Format(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Format(inner) + "?";
        if (type == typeof(float)) return "float";
        if (type == typeof(double)) return "double";
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string)) return "string";
        if (type.IsEnum) return "one of " + string.Join("|", Enum.GetNames(type));
        if (type.IsArray) return "list of " + Format(type.GetElementType()!);
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type)) return "list of " + Format(type.GetGenericArguments()[0]);
        return type.Name;
    }
}
