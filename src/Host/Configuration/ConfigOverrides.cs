using NeuralNet.Engine.Configuration;
using NeuralNet.Errors;

namespace NeuralNet.Host.Configuration;

/// <summary>
/// Reads the tokens a command did not recognise as configuration overrides: <c>--Section:Key=value</c> or
/// <c>--Section:Key value</c>, where Section is one of <see cref="HostConfiguration.Sections"/>. Anything else is
/// an unknown option or argument; every one is reported at once, with the command's own options.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>The overrides in <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The unmatched tokens, in command-line order.</param>
    /// <param name="command">The command's name, for messages.</param>
    /// <param name="knownOptions">The command's own options, listed when a token is not an override.</param>
    /// <exception cref="ConfigurationException">An unknown option, argument or configuration section (all of them).</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Parse(IReadOnlyList<string> tokens, string command, IEnumerable<string> knownOptions)
    {
        var overrides = new List<KeyValuePair<string, string?>>();
        var problems = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                problems.Add($"unexpected argument '{Quote.Short(token)}'");
                continue;
            }
            string body = token[2..];
            int equals = body.IndexOf('=', StringComparison.Ordinal);
            string key = equals >= 0 ? body[..equals] : body;
            string section = key.Split(':')[0];
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"unknown option '--{Quote.Short(key)}'");
                continue;
            }
            if (!HostConfiguration.Sections.Contains(section, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"'--{Quote.Short(key)}' names an unknown configuration section '{Quote.Short(section)}' (known: {string.Join(", ", HostConfiguration.Sections)})");
                continue;
            }
            string? value;
            if (equals >= 0) value = body[(equals + 1)..];
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal)) value = tokens[++i];
            else
            {
                problems.Add($"'--{Quote.Short(key)}' has no value: write --{Quote.Short(key)}=value");
                continue;
            }
            overrides.Add(new(key, value));
        }
        if (problems.Count > 0)
            throw new ConfigurationException(command,
                $"{string.Join("; ", problems)}. Options of '{command}': {string.Join(", ", knownOptions)}; configuration overrides are --Section:Key=value with Section one of {string.Join(", ", HostConfiguration.Sections)}.");
        return overrides;
    }
}
