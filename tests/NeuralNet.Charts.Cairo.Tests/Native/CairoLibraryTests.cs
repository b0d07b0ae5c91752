using NeuralNet.Charts.Cairo.Native;

namespace NeuralNet.Charts.Cairo.Tests.Native;

public class CairoLibraryTests
{
    [Test]
    public void EnsureLoaded_DebianLibcairo2_ReportsVersionAtLeast1_10()
        => Assert.That(CairoLibrary.EnsureLoaded(), Is.GreaterThanOrEqualTo(11000)); // CAIRO_VERSION_ENCODE(1, 10, 0)

    [Test]
    public void Probe_LibraryMissing_ThrowsClearMessage()
    {
        var error = Assert.Throws<CairoUnavailableException>(() => CairoLibrary.Probe(() => throw new DllNotFoundException("libcairo.so.2: cannot open")))!;

        Assert.That(error.Message, Is.EqualTo(
            "Charts: cannot load libcairo.so.2 (cairo). Install it with 'apt-get install libcairo2', or name another renderer in Experiment:Charts:Renderer."));
        Assert.That(error.InnerException, Is.InstanceOf<DllNotFoundException>());
        Assert.That(error.ExitCode, Is.EqualTo(6));
    }

    [Test]
    public void Probe_EntryPointMissing_ThrowsCairoUnavailable()
        => Assert.Throws<CairoUnavailableException>(() => CairoLibrary.Probe(() => throw new EntryPointNotFoundException("cairo_version")));

    [Test]
    public void Probe_OtherFailure_IsNotDisguised()
        => Assert.Throws<InvalidOperationException>(() => CairoLibrary.Probe(() => throw new InvalidOperationException("boom")));

    [Test]
    public void StatusToString_WriteError_IsCairosText()
        => Assert.That(CairoNative.StatusToString(CairoStatus.WriteError), Is.EqualTo("error while writing to output stream"));
}
