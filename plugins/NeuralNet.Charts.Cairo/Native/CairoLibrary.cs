namespace NeuralNet.Charts.Cairo.Native;

/// <summary>
/// Finds out, once and only when a chart is first drawn, whether <c>libcairo.so.2</c> can be loaded, so a host that
/// never renders never needs cairo.
/// </summary>
internal static class CairoLibrary
{
    public const string MissingMessage =
        "Charts: cannot load libcairo.so.2 (cairo). Install it with 'apt-get install libcairo2', or name another renderer in Experiment:Charts:Renderer.";

    private static readonly Lazy<int> LoadedVersion = new(() => Probe(CairoNative.Version), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>cairo's version number (<c>CAIRO_VERSION_ENCODE</c>), loading the library on first use.</summary>
    /// <exception cref="CairoUnavailableException">The library or one of its functions cannot be found.</exception>
    public static int EnsureLoaded() => LoadedVersion.Value;

    /// <summary>Calls <paramref name="version"/>, turning a missing library or entry point into <see cref="CairoUnavailableException"/>.</summary>
    internal static int Probe(Func<int> version)
    {
        try
        {
            return version();
        }
        catch (Exception e) when (IsMissingLibrary(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>True for the exceptions the runtime throws when a native library or one of its symbols is missing.</summary>
    public static bool IsMissingLibrary(Exception e) => e is DllNotFoundException or EntryPointNotFoundException;

    public static CairoUnavailableException Unavailable(Exception inner) => new(MissingMessage, inner);
}
