using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeuralNet.Activations;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Plugins;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Layers;
using NeuralNet.Tensors;

namespace NeuralNet.Engine.Tests.Plugins;

public sealed class PluginLoaderTests
{
    private static (ComponentRegistry Registry, PluginLoader Loader) NewLoader()
    {
        var registry = new ComponentRegistry();
        return (registry, new PluginLoader(registry, NullLogger<PluginLoader>.Instance));
    }

    private static TempDirectory PluginsWithFixture()
    {
        var dir = new TempDirectory();
        HostProcess.CopyDirectory(TestPaths.FixturePlugin, dir.Combine("NeuralNet.TestPlugin"));
        return dir;
    }

    [Test]
    public void LoadAll_FixtureInTemporaryDirectory_RegistersItsComponentsByName()
    {
        using TempDirectory plugins = PluginsWithFixture();
        var (registry, loader) = NewLoader();

        IReadOnlyList<LoadedPlugin> loaded = loader.LoadAll([plugins.Path], new ServiceCollection());

        Assert.That(loaded.Select(p => p.Name), Is.EqualTo(new[] { "NeuralNet.TestPlugin" }));
        Assert.That(registry.KnownNames<IActivation>(), Does.Contain("test>softsign"));
        Assert.That(loaded[0].Context, Is.Not.SameAs(AssemblyLoadContext.Default));
        Assert.That(loaded[0].Context.Name, Is.EqualTo("NeuralNet.TestPlugin"));
    }

    [Test]
    public void Create_PluginComponent_SharesContractTypesAndResolvesPrivateDependencyFromPluginFolder()
    {
        using TempDirectory plugins = PluginsWithFixture();
        var (registry, loader) = NewLoader();
        LoadedPlugin plugin = loader.LoadAll([plugins.Path], new ServiceCollection()).Single();

        IActivation activation = registry.Create<IActivation>("test>softsign", null, "Test").Component;

        // The contract type is the host's: the plugin did not bring its own copy of NeuralNet.Abstractions.
        Assert.That(activation, Is.InstanceOf<IActivation>());
        Assert.That(AssemblyLoadContext.GetLoadContext(typeof(IActivation).Assembly), Is.SameAs(AssemblyLoadContext.Default));
        // Newtonsoft.Json is not a host dependency: it came from the plugin's folder, into the plugin's context.
        var newtonsoft = plugin.Context.Assemblies.SingleOrDefault(a => a.GetName().Name == "Newtonsoft.Json");
        Assert.That(newtonsoft, Is.Not.Null, "Newtonsoft.Json was not loaded into the plugin's context.");
        Assert.That(Path.GetDirectoryName(newtonsoft!.Location), Is.EqualTo(Path.GetDirectoryName(plugin.Path)));
        Assert.That(AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "NeuralNet.Abstractions"), Is.EqualTo(1));

        var x = new Tensor(new float[] { -3, 0, 1 }, 1, new TensorShape(3));
        var y = new Tensor(1, 3);
        activation.Forward(x, y);
        Assert.That(y.Buffer, Is.EqualTo(new[] { -0.75f, 0f, 0.5f }).Within(1e-6f));
    }

    [Test]
    public void LoadAll_RegistersEachComponentInDiKeyedByName()
    {
        using TempDirectory plugins = PluginsWithFixture();
        var (registry, loader) = NewLoader();
        var services = new ServiceCollection();
        loader.LoadAll([plugins.Path], services);
        using ServiceProvider provider = services.BuildServiceProvider();
        registry.UseServices(provider);

        IActivation first = provider.GetRequiredKeyedService<IActivation>("test>softsign");
        IActivation second = provider.GetRequiredKeyedService<IActivation>("test>softsign");

        Assert.That(first.GetType().FullName, Is.EqualTo("NeuralNet.TestPlugin.Activations.Softsign"));
        Assert.That(second, Is.Not.SameAs(first), "Components are stateful: each resolution must be a new instance.");
        Assert.That(provider.GetKeyedService<IActivation>("no_such"), Is.Null);
    }

    [Test]
    public void LoadAll_TwoPluginsOnDifferentVersionsOfOneLibrary_EachGetsItsOwn()
    {
        using TempDirectory plugins = PluginsWithFixture();
        HostProcess.CopyDirectory(TestPaths.Fixture("NeuralNet.TestPluginJson12"), plugins.Combine("NeuralNet.TestPluginJson12"));
        var (registry, loader) = NewLoader();

        IReadOnlyList<LoadedPlugin> loaded = loader.LoadAll([plugins.Path], new ServiceCollection());
        IActivation on13 = registry.Create<IActivation>("test>softsign", null, "Test").Component;
        IActivation on12 = registry.Create<IActivation>("test12>half", null, "Test").Component;

        Version? JsonIn(LoadedPlugin p) => p.Context.Assemblies.SingleOrDefault(a => a.GetName().Name == "Newtonsoft.Json")?.GetName().Version;
        Assert.That(loaded.Select(p => p.Name), Is.EqualTo(new[] { "NeuralNet.TestPlugin", "NeuralNet.TestPluginJson12" }));
        Assert.That(JsonIn(loaded[0]), Is.EqualTo(new Version(13, 0, 0, 0)));
        Assert.That(JsonIn(loaded[1]), Is.EqualTo(new Version(12, 0, 0, 0)));
        Assert.That(((dynamic)on12).JsonVersion, Is.EqualTo(new Version(12, 0, 0, 0)));
        Assert.That(((dynamic)on12).Formatted, Is.EqualTo("0.5"));
        // Both still work, and still share the host's contract types.
        var x = new Tensor(new float[] { -3, 1 }, 1, new TensorShape(2));
        var y = new Tensor(1, 2);
        on13.Forward(x, y);
        Assert.That(y.Buffer, Is.EqualTo(new[] { -0.75f, 0.5f }).Within(1e-6f));
        on12.Forward(x, y);
        Assert.That(y.Buffer, Is.EqualTo(new[] { -1.5f, 0.5f }).Within(1e-6f));
    }

    [Test]
    public void SharedAssemblies_AreTheContractsKernelsAndTheirDependencies_NotPrivateLibraries()
    {
        Assert.That(PluginLoader.SharedAssemblies, Is.SupersetOf(new[]
        {
            "NeuralNet.Abstractions", "NeuralNet.Kernels", "System.Numerics.Tensors",
            "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Configuration.Abstractions",
            "Microsoft.Extensions.Logging.Abstractions", "System.Runtime",
        }));
        Assert.That(PluginLoader.SharedAssemblies, Has.None.EqualTo("Newtonsoft.Json").And.None.EqualTo("NeuralNet.Engine"));
    }

    [Test]
    public void LoadAll_MissingDirectory_IsSkipped()
    {
        var (registry, loader) = NewLoader();
        Assert.That(loader.LoadAll(["/nonexistent/neuralnet/plugins"], new ServiceCollection()), Is.Empty);
        Assert.That(registry.Descriptors, Is.Empty);
    }

    [Test]
    public void LoadAll_FolderWithoutMatchingDll_IsNotAPlugin()
    {
        using var plugins = new TempDirectory();
        Directory.CreateDirectory(plugins.Combine("Sources"));
        File.WriteAllText(plugins.Combine("Sources", "Other.dll"), "not this one");
        var (_, loader) = NewLoader();
        Assert.That(loader.LoadAll([plugins.Path], new ServiceCollection()), Is.Empty);
    }

    [Test]
    public void LoadAll_CorruptAssembly_ThrowsPluginLoadExceptionNamingTheFile()
    {
        using var plugins = new TempDirectory();
        Directory.CreateDirectory(plugins.Combine("Broken"));
        File.WriteAllBytes(plugins.Combine("Broken", "Broken.dll"), [0x4D, 0x5A, 1, 2, 3, 4, 5]);
        var (_, loader) = NewLoader();

        var error = Assert.Throws<PluginLoadException>(() => loader.LoadAll([plugins.Path], new ServiceCollection()))!;

        Assert.That(error.File, Is.EqualTo(plugins.Combine("Broken", "Broken.dll")));
        Assert.That(error.Message, Does.Contain("Broken.dll").And.Contain("not a loadable .NET assembly"));
        Assert.That(error.ExitCode, Is.EqualTo(6));
    }

    [Test]
    public void LoadAll_SamePluginInTwoDirectories_ThrowsNamingBoth()
    {
        using TempDirectory first = PluginsWithFixture();
        using TempDirectory second = PluginsWithFixture();
        var (_, loader) = NewLoader();

        var error = Assert.Throws<PluginLoadException>(() => loader.LoadAll([first.Path, second.Path], new ServiceCollection()))!;

        Assert.That(error.Message, Does.Contain(first.Path).And.Contain(second.Path));
    }

    [Test]
    public void LoadAll_DisabledPlugin_IsNotLoaded()
    {
        using TempDirectory plugins = PluginsWithFixture();
        var (registry, loader) = NewLoader();
        Assert.That(loader.LoadAll([plugins.Path], new ServiceCollection(), new PluginOptions { Disabled = ["neuralnet.testplugin"] }), Is.Empty);
        Assert.That(registry.Contains<IActivation>("test>softsign"), Is.False);
    }

    [Test]
    public void Load_Collectible_UnloadsWhenNothingReferencesIt()
    {
        using TempDirectory plugins = PluginsWithFixture();
        WeakReference context = LoadAndForget(plugins.Combine("NeuralNet.TestPlugin", "NeuralNet.TestPlugin.dll"));

        for (int i = 0; context.IsAlive && i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(context.IsAlive, Is.False, "The plugin's load context was not collected after Unload.");
    }

    [Test]
    public void BuiltInPlugins_LoadFromHostOutput_AndProvideTheDefaultExperimentsComponents()
    {
        ComponentRegistry registry = TestPaths.BuiltInRegistry();

        Assert.That(registry.Contains<ILayer>("dense"));
        Assert.That(registry.KnownNames<IActivation>(), Is.SupersetOf(new[] { "linear", "relu", "sigmoid", "softmax", "tanh" }));
        Assert.That(registry.Descriptors.Select(d => Path.GetFileName(d.Origin)).Distinct(),
            Is.SupersetOf(new[] { "NeuralNet.Nn.dll", "NeuralNet.Data.dll", "NeuralNet.Evaluation.dll", "NeuralNet.Charts.OxyPlot.dll" }));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndForget(string file)
    {
        var (registry, loader) = NewLoader();
        LoadedPlugin plugin = loader.Load(file, new ServiceCollection(), collectible: true);
        IActivation activation = registry.Create<IActivation>("test>softsign", null, "Test").Component;
        var x = new Tensor(1, 2);
        activation.Forward(x, new Tensor(1, 2));
        var weak = new WeakReference(plugin.Context);
        plugin.Context.Unload();
        return weak;
    }
}
