using System.Text.RegularExpressions;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>The host's side of plugin policy: exit code 6, the file named, each error printed once; warnings shown.</summary>
[NonParallelizable]
public sealed class HostPluginPolicyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static TempDirectory PluginsWith(string fixture, string? folder = null)
    {
        var dir = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.Fixture(fixture), dir.Combine(folder ?? fixture));
        return dir;
    }

    /// <summary>Runs <c>--Host:ListComponents=true</c> with <paramref name="plugins"/> as an extra plugin directory.</summary>
    private static HostProcess.Result ListComponents(TempDirectory root, TempDirectory plugins, params string[] more)
        => HostProcess.Run(root.Path, Timeout, [$"--Plugins:Paths:0={plugins.Path}", "--Host:ListComponents=true", .. more]);

    private static int Occurrences(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    /// <summary>A component of a third-party plugin that throws when it is made or when it computes: exit 6, the plugin file and the failure named once, nothing written.</summary>
    [TestCase("test>throws", "NullReferenceException")]
    [TestCase("test>throws_in_forward", "'test>throws_in_forward'", "Forward", "IndexOutOfRangeException")]
    public void ComponentThatThrows_InItsConstructorOrForward_ExitsSixNamingThePluginFileOnce(string activation, params string[] expected)
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using TempDirectory plugins = PluginsWith("NeuralNet.ThrowingPlugin");

        var run = HostProcess.Run(root.Path, Timeout, $"--Plugins:Paths:0={plugins.Path}",
            $"--Experiment:Model:Layers:0:Activation={activation}", "--Experiment:Training:Epochs=1");

        Assert.That(run.ExitCode, Is.EqualTo(6), run.All);
        Assert.That(run.StandardError, Does.Contain(plugins.Combine("NeuralNet.ThrowingPlugin", "NeuralNet.ThrowingPlugin.dll")));
        foreach (string text in expected) Assert.That(run.StandardError, Does.Contain(text));
        Assert.That(Occurrences(run.All, "fails on purpose"), Is.EqualTo(1), run.All);
        Assert.That(Directory.Exists(root.Combine("models", "spiral")), Is.False, "A failed run must write nothing.");
    }

    [Test]
    public void IncompatibleContracts_ExitsSixNamingBothVersionsOnce()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using TempDirectory plugins = PluginsWith("NeuralNet.IncompatiblePlugin");

        var run = ListComponents(root, plugins);

        Assert.That(run.ExitCode, Is.EqualTo(6), run.All);
        Assert.That(run.StandardError, Does.Contain("NeuralNet.IncompatiblePlugin.dll").And.Contain("NeuralNet.Abstractions 0.9.0.0"));
        Assert.That(Occurrences(run.All, "NeuralNet.Abstractions 0.9.0.0"), Is.EqualTo(1), run.All);
    }

    [Test]
    public void AllowList_WithoutTheBuiltInPluginsHashes_RefusesThemNamingFileAndHash()
    {
        using TempDirectory root = HostProcess.NewContentRoot();

        var run = HostProcess.Run(root.Path, Timeout, "--Plugins:AllowedSha256:0=" + new string('0', 64), "--Host:ListComponents=true");

        Assert.That(run.ExitCode, Is.EqualTo(6), run.All);
        Assert.That(run.StandardError, Does.Match(@"plugins/NeuralNet\.[A-Za-z.]+/[A-Za-z.]+\.dll: its SHA-256 [0-9a-f]{64} is not in Plugins:AllowedSha256"));
        Assert.That(Occurrences(run.All, "is not in Plugins:AllowedSha256"), Is.EqualTo(1), run.All);
    }

    [Test]
    public void AllowList_WithEveryHash_LoadsAndLogsThem()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin");
        var first = ListComponents(root, plugins);
        Assert.That(first.ExitCode, Is.Zero, first.All);
        string[] hashes = Regex.Matches(first.StandardOutput, @"sha256 ([0-9a-f]{64})").Select(m => m.Groups[1].Value).ToArray();
        Assert.That(hashes, Has.Length.GreaterThanOrEqualTo(6), first.StandardOutput); // 4 built-in plugins, ImageSharp, the fixture and its Newtonsoft.Json

        var allowed = ListComponents(root, plugins, [.. hashes.Select((h, i) => $"--Plugins:AllowedSha256:{i}={h}")]);

        Assert.That(allowed.ExitCode, Is.Zero, allowed.All);
        Assert.That(allowed.StandardOutput, Does.Contain("test>softsign"));
    }

    [Test]
    public void MisnamedPluginFolder_IsWarnedAboutAndTheRunGoesOn()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin", folder: "Softsign");

        var run = ListComponents(root, plugins);

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.All, Does.Contain($"Plugin folder {plugins.Combine("Softsign")} has no Softsign.dll (found: NeuralNet.TestPlugin.dll, Newtonsoft.Json.dll)"));
        Assert.That(run.StandardOutput, Does.Not.Contain("test>softsign"));
    }

    [Test]
    public void ListComponents_ShowsEachComponentsOptionsWithTypesAndDefaults()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin");

        var run = ListComponents(root, plugins);

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Match(@"test>softsign — [^\n]*\n\s+options: Scale \(float, 1\)"));
    }
}
