using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Activations;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;

namespace NeuralNet.Engine.Tests.Plugins;

/// <summary>What may load: allowed hashes, links out of the plugin directories, misnamed folders, contract versions, failing plugin code.</summary>
public sealed class PluginLoaderPolicyTests
{
    private static string FixtureDll(TempDirectory plugins, string name) => plugins.Combine(name, name + ".dll");

    private static TempDirectory PluginsWith(params string[] fixtures)
    {
        var dir = new TempDirectory();
        foreach (string name in fixtures) HostProcess.CopyDirectory(TestPaths.Fixture(name), dir.Combine(name));
        return dir;
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    [Test]
    public void LoadAll_LogsEveryAssemblyOfThePluginAtInformation_WithPathAndSha256()
    {
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin");
        var logger = new ListLogger<PluginLoader>();
        new PluginLoader(new ComponentRegistry(), logger).LoadAll([plugins.Path], new ServiceCollection());

        foreach (string name in new[] { "NeuralNet.TestPlugin.dll", "Newtonsoft.Json.dll" })
        {
            string file = plugins.Combine("NeuralNet.TestPlugin", name);
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(
                e => e.Level == LogLevel.Information && e.Message.Contains(file) && e.Message.Contains(Sha256(file))), name);
        }
    }

    [Test]
    public void LoadAll_AllowList_LoadsListedHashesAndRefusesAnythingElseNamingFileAndHash()
    {
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin");
        string main = FixtureDll(plugins, "NeuralNet.TestPlugin");
        string json = plugins.Combine("NeuralNet.TestPlugin", "Newtonsoft.Json.dll");

        var allowed = new PluginOptions { AllowedSha256 = [Sha256(main).ToUpperInvariant(), Sha256(json)] };
        var registry = new ComponentRegistry();
        new PluginLoader(registry, NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection(), allowed);
        Assert.That(registry.Contains<IActivation>("test>softsign"));

        var onlyMain = new PluginOptions { AllowedSha256 = [Sha256(main)] };
        var refused = new ComponentRegistry();
        var error = Assert.Throws<PluginLoadException>(() =>
            new PluginLoader(refused, NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection(), onlyMain))!;
        Assert.That(error.File, Is.EqualTo(json));
        Assert.That(error.Message, Does.Contain(json).And.Contain(Sha256(json)).And.Contain("Plugins:AllowedSha256"));
        Assert.That(error.ExitCode, Is.EqualTo(6));
        Assert.That(refused.Descriptors, Is.Empty, "Nothing of a refused plugin may be registered.");
    }

    [Test]
    public void LoadAll_PluginFolderLinkedFromOutside_IsRefusedUnlessFollowLinks()
    {
        using TempDirectory elsewhere = PluginsWith("NeuralNet.TestPlugin");
        using var plugins = new TempDirectory();
        Directory.CreateSymbolicLink(plugins.Combine("NeuralNet.TestPlugin"), elsewhere.Combine("NeuralNet.TestPlugin"));

        var error = Assert.Throws<PluginLoadException>(() =>
            new PluginLoader(new ComponentRegistry(), NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection()))!;
        Assert.That(error.Message, Does.Contain(elsewhere.Combine("NeuralNet.TestPlugin")).And.Contain("Plugins:FollowLinks"));
        Assert.That(error.ExitCode, Is.EqualTo(6));

        var registry = new ComponentRegistry();
        new PluginLoader(registry, NullLogger<PluginLoader>.Instance)
            .LoadAll([plugins.Path], new ServiceCollection(), new PluginOptions { FollowLinks = true });
        Assert.That(registry.Contains<IActivation>("test>softsign"));
    }

    [Test]
    public void LoadAll_PluginFileLinkedFromOutside_IsRefused()
    {
        using TempDirectory elsewhere = PluginsWith("NeuralNet.TestPlugin");
        using TempDirectory plugins = PluginsWith("NeuralNet.TestPlugin");
        string dll = FixtureDll(plugins, "NeuralNet.TestPlugin");
        File.Delete(dll);
        File.CreateSymbolicLink(dll, FixtureDll(elsewhere, "NeuralNet.TestPlugin"));

        var error = Assert.Throws<PluginLoadException>(() =>
            new PluginLoader(new ComponentRegistry(), NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection()))!;
        Assert.That(error.Message, Does.Contain(FixtureDll(elsewhere, "NeuralNet.TestPlugin")));
    }

    [Test]
    public void LoadAll_LinkToAnotherPluginDirectory_Loads()
    {
        using var root = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.FixturePlugin, root.Combine("store", "vault", "NeuralNet.TestPlugin"));
        Directory.CreateDirectory(root.Combine("plugins"));
        Directory.CreateSymbolicLink(root.Combine("plugins", "NeuralNet.TestPlugin"), root.Combine("store", "vault", "NeuralNet.TestPlugin"));
        var registry = new ComponentRegistry();

        // The link's target lies under another configured directory, so it is not "outside".
        IReadOnlyList<LoadedPlugin> loaded = new PluginLoader(registry, NullLogger<PluginLoader>.Instance)
            .LoadAll([root.Combine("plugins"), root.Combine("store")], new ServiceCollection());

        Assert.That(loaded.Select(p => p.Path), Is.EqualTo(new[] { root.Combine("plugins", "NeuralNet.TestPlugin", "NeuralNet.TestPlugin.dll") }));
        Assert.That(registry.Contains<IActivation>("test>softsign"));
    }

    [Test]
    public void LoadAll_FolderWithoutItsNamedDll_IsWarnedAboutNamingWhatWasFound()
    {
        using var plugins = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.FixturePlugin, plugins.Combine("Softsign"));
        Directory.CreateDirectory(plugins.Combine("Empty"));
        Directory.CreateDirectory(plugins.Combine("Sources"));
        File.WriteAllText(plugins.Combine("Sources", "Sources.csproj"), "<Project />");
        var logger = new ListLogger<PluginLoader>();

        var loaded = new PluginLoader(new ComponentRegistry(), logger).LoadAll([plugins.Path], new ServiceCollection());

        Assert.That(loaded, Is.Empty);
        string[] warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.That(warnings, Has.Length.EqualTo(2), string.Join("\n", warnings));
        Assert.That(warnings, Has.Some.Contains(plugins.Combine("Softsign")).And.Some.Contains("Softsign.dll")
            .And.Some.Contains("NeuralNet.TestPlugin.dll, Newtonsoft.Json.dll"));
        Assert.That(warnings, Has.Some.Contains(plugins.Combine("Empty")).And.Some.Contains("no .dll files"));
    }

    [Test]
    public void LoadAll_PluginBuiltAgainstAnotherMajorContractVersion_IsRefusedNamingBothVersions()
    {
        using TempDirectory plugins = PluginsWith("NeuralNet.IncompatiblePlugin");
        var registry = new ComponentRegistry();

        var error = Assert.Throws<PluginLoadException>(() =>
            new PluginLoader(registry, NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection()))!;

        string host = typeof(NeuralNet.Plugins.IPluginModule).Assembly.GetName().Version!.ToString();
        Assert.That(error.File, Is.EqualTo(FixtureDll(plugins, "NeuralNet.IncompatiblePlugin")));
        Assert.That(error.Message, Does.Contain("NeuralNet.Abstractions 0.9.0.0").And.Contain($"NeuralNet.Abstractions {host}"));
        Assert.That(error.ExitCode, Is.EqualTo(6));
        Assert.That(registry.Descriptors, Is.Empty);
    }

    [TestCase(1, 0, 1, 0, true)]
    [TestCase(1, 0, 1, 3, true)]
    [TestCase(1, 2, 1, 1, false)]
    [TestCase(0, 9, 1, 0, false)]
    [TestCase(2, 0, 1, 9, false)]
    public void ContractVersion_SameMajorNoNewerMinor(int builtMajor, int builtMinor, int hostMajor, int hostMinor, bool compatible)
        => Assert.That(ContractVersion.IsCompatible(new Version(builtMajor, builtMinor, 0, 0), new Version(hostMajor, hostMinor, 0, 0)), Is.EqualTo(compatible));

    [Test]
    public void LoadAll_PluginModuleThrows_IsAPluginErrorNamingTheFile()
    {
        using TempDirectory plugins = PluginsWith("NeuralNet.ThrowingPlugin");
        Environment.SetEnvironmentVariable("NEURALNET_TEST_THROWING_MODULE", "1");
        try
        {
            var error = Assert.Throws<PluginLoadException>(() =>
                new PluginLoader(new ComponentRegistry(), NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection()))!;
            Assert.That(error.File, Is.EqualTo(FixtureDll(plugins, "NeuralNet.ThrowingPlugin")));
            Assert.That(error.Message, Does.Contain("NeuralNet.ThrowingPlugin.ThrowingModule").And.Contain("fails on purpose"));
            Assert.That(error.ExitCode, Is.EqualTo(6));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEURALNET_TEST_THROWING_MODULE", null);
        }
    }

    [Test]
    public void Create_ComponentConstructorThrows_IsAPluginErrorNamingTheFile()
    {
        using TempDirectory plugins = PluginsWith("NeuralNet.ThrowingPlugin");
        var registry = new ComponentRegistry();
        new PluginLoader(registry, NullLogger<PluginLoader>.Instance).LoadAll([plugins.Path], new ServiceCollection());

        var error = Assert.Throws<PluginLoadException>(() => registry.Create<IActivation>("test>throws", null, "Experiment:Model:Layers:0"))!;

        Assert.That(error.File, Is.EqualTo(FixtureDll(plugins, "NeuralNet.ThrowingPlugin")));
        Assert.That(error.Message, Does.Contain("test>throws").And.Contain("NullReferenceException").And.Contain("fails on purpose"));
        Assert.That(error.ExitCode, Is.EqualTo(6));
    }
}
