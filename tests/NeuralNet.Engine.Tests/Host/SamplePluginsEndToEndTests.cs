using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// As a new user: pack the contracts and the test kit, build and test both samples out of the repository against the
/// packed packages (a local folder feed, nothing else: every other package comes from this machine's NuGet cache, as
/// a read-only fallback), drop their outputs into a temporary plugins directory and train with both by name.
/// </summary>
[NonParallelizable]
public sealed class SamplePluginsEndToEndTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] Packed = ["src/Abstractions/NeuralNet.Abstractions.csproj", "src/Kernels/NeuralNet.Kernels.csproj",
        "src/Engine/NeuralNet.Engine.csproj", "tests/NeuralNet.Testing/NeuralNet.Testing.csproj"];

    [Test]
    public void PackedPackages_BuildBothSamplesOutOfTree_AndTheHostTrainsWithThem()
    {
        using var work = new TempDirectory();
        // A version of its own, so no package of an earlier run (in any cache) can stand in for this build's.
        Version contracts = typeof(NeuralNet.Plugins.IPluginModule).Assembly.GetName().Version!;
        string version = $"{contracts.ToString(3)}-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        string feed = work.Combine("feed");
        foreach (string project in Packed)
            Dotnet(RepoPaths.Root, null, "pack", RepoPaths.Combine(project), "--no-build", "-c", TestPaths.Configuration, "-o", feed,
                $"-p:PackageVersion={version}");

        // The samples, copied out of the repository with a nuget.config that knows only the feed.
        string samples = work.Combine("samples");
        foreach (string entry in Directory.EnumerateFileSystemEntries(RepoPaths.Combine("samples")))
        {
            string name = Path.GetFileName(entry);
            if (Directory.Exists(entry)) CopySources(entry, Path.Combine(samples, name));
            else if (name != "nuget.config") File.Copy(entry, Path.Combine(samples, name));
        }
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(samples, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <fallbackPackageFolders><clear /><add key="machine" value="{machinePackages}" /></fallbackPackageFolders>
            </configuration>
            """);

        foreach (string sample in new[] { "Acme.Swish", "Acme.JsonLines" })
        {
            string output = Dotnet(samples, work.Combine("packages"), "test", Path.Combine(samples, sample + ".Tests"), $"-p:NeuralNetVersion={version}");
            Assert.That(output, Does.Match(@"Passed!\s+-\s+Failed:\s+0"), $"{sample}'s own tests:\n{output}");
        }

        // Drop the builds into a plugins directory, as the tutorial says.
        string plugins = work.Combine("plugins");
        foreach (string sample in new[] { "Acme.Swish", "Acme.JsonLines" })
        {
            string bin = Path.Combine(samples, sample, "bin", "Debug", "net10.0");
            Assert.That(Directory.GetFiles(bin, "NeuralNet.*.dll"), Is.Empty, $"{sample} ships a copy of the contracts.");
            HostProcess.CopyDirectory(bin, Path.Combine(plugins, sample));
        }

        using TempDirectory root = HostProcess.NewContentRoot();
        WritePoints(root.Combine("data", "points.jsonl"));
        File.WriteAllText(root.Combine("config", "experiments", "acme.json"), """
            {
              "Experiment": {
                "Name": "acme",
                "Seed": 3,
                "Data": { "Type": "acme>jsonl", "Path": "data/points.jsonl" },
                "Preprocessing": { "Normalize": "Standard" },
                "Validation": { "Type": "holdout", "ValidationFraction": 0.2, "TestFraction": 0.2 },
                "Model": { "Layers": [ { "Type": "dense", "Units": 16 }, { "Type": "acme>swish", "Beta": 1.5 },
                                       { "Type": "dense", "Activation": "softmax" } ] },
                "Loss": "categorical_crossentropy",
                "Optimizer": { "Type": "adam", "LearningRate": 0.05 },
                "Metrics": [ "accuracy" ],
                "Training": { "Epochs": 20, "BatchSize": 16 },
                "Charts": { "Kinds": [ "loss" ] }
              }
            }
            """);

        var run = HostProcess.Run(root.Path, StepTimeout, "--experiment", "config/experiments/acme.json", $"--Plugins:Paths:0={plugins}");

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain(Path.Combine(plugins, "Acme.Swish", "Acme.Swish.dll") + " sha256 "));
        string report = root.Combine("runs", "acme", "latest", "report.json");
        JsonNode test = JsonNode.Parse(File.ReadAllText(report))!["test"]!;
        Assert.That(test["accuracy"]!.GetValue<double>(), Is.GreaterThan(0.9), test.ToJsonString());
        JsonArray layers = JsonNode.Parse(File.ReadAllText(root.Combine("models", "acme", "model.json")))!["layers"]!.AsArray();
        JsonNode swish = layers.Single(l => l!["type"]!.GetValue<string>() == "acme>swish")!;
        Assert.That(swish.ToJsonString(), Does.Contain("\"Beta\":1.5"));
    }

    /// <summary>Two interleaved half-moons' worth of points, 300 lines: separable, but not by a straight line.</summary>
    private static void WritePoints(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(5);
        var text = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            int label = i % 2;
            double t = Math.PI * random.NextDouble();
            double x = label == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = label == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            x += 0.08 * (random.NextDouble() - 0.5);
            y += 0.08 * (random.NextDouble() - 0.5);
            text.Append(CultureInfo.InvariantCulture, $"{{\"features\":[{x:R},{y:R}],\"label\":\"{(label == 0 ? "upper" : "lower")}\"}}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    private static void CopySources(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            CopySources(dir, Path.Combine(target, Path.GetFileName(dir)));
    }

    /// <summary>
    /// Runs the .NET SDK in <paramref name="directory"/>, restoring into <paramref name="packages"/> when given (not the
    /// machine's cache); returns its output, failing the test when it fails.
    /// </summary>
    private static string Dotnet(string directory, string? packages, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--disable-build-servers");
        // The test host's MSBuild variables would point the child build at this test's own build.
        foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
            info.Environment.Remove(key);
        if (packages is not null) info.Environment["NUGET_PACKAGES"] = packages;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        HostProcess.Result result = HostProcess.Run(info, StepTimeout);
        string output = result.All;
        Assert.That(result.ExitCode, Is.Zero, $"dotnet {string.Join(' ', args)} failed:\n{output}");
        return output;
    }
}
