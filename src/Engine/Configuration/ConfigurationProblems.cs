using NeuralNet.Errors;

namespace NeuralNet.Engine.Configuration;

/// <summary>
/// Collects the <see cref="ConfigurationException"/>s of independent start-up checks (each settings section, each
/// component's options), so a run with several mistakes reports them all at once instead of one per attempt.
/// </summary>
public sealed class ConfigurationProblems
{
    private readonly List<ConfigurationException> _problems = [];

    /// <summary>The problems so far.</summary>
    public IReadOnlyList<ConfigurationException> All => _problems;

    /// <summary>
    /// Runs <paramref name="check"/>; on a configuration problem records it and returns <c>default</c>, which the caller
    /// never uses: <see cref="ThrowIfAny"/> throws before.
    /// </summary>
    public T Try<T>(Func<T> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return check();
        }
        catch (ConfigurationException e)
        {
            _problems.Add(e);
            return default!;
        }
    }

    /// <summary>Runs <paramref name="check"/>, recording a configuration problem.</summary>
    public void Try(Action check) => Try(() => { check(); return 0; });

    /// <summary>Throws one exception listing every recorded problem (keyed by the first), if there are any.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 0) return;
        if (_problems.Count == 1) throw _problems[0];
        throw new ConfigurationException(_problems[0].Key,
            $"{_problems.Count} configuration problems:{string.Concat(_problems.Select(p => $"{Environment.NewLine}  {p.Message}"))}",
            _problems[0]);
    }
}
