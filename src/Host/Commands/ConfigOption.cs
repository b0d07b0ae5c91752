using System.CommandLine;

namespace NeuralNet.Host.Commands;

/// <summary>A command-line option that stands for one configuration key: <c>--mode worker</c> is <c>--Host:Mode=worker</c>.</summary>
public sealed class ConfigOption
{
    private readonly Func<ParseResult, string?> _value;

    private ConfigOption(Option option, string key, Func<ParseResult, string?> value)
    {
        Option = option;
        Key = key;
        _value = value;
    }

    public Option Option { get; }

    /// <summary>The configuration key the option sets.</summary>
    public string Key { get; }

    /// <summary>An option taking one of <paramref name="choices"/>.</summary>
    public static ConfigOption Choice(string name, string key, string description, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', choices) }.AcceptOnlyFromAmong(choices);
        return new ConfigOption(option, key, r => r.GetValue(option));
    }

    /// <summary>A switch: present means true.</summary>
    public static ConfigOption Flag(string name, string key, string description)
    {
        var option = new Option<bool>(name) { Description = description };
        return new ConfigOption(option, key, r => r.GetValue(option) ? "true" : "false");
    }

    /// <summary>The override when the option was given on the command line; null otherwise.</summary>
    public KeyValuePair<string, string?>? Read(ParseResult result)
        => result.GetResult(Option) is { Implicit: false } ? new(Key, _value(result)) : null;
}
