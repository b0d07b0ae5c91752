using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NeuralNet.Engine.Components;
using NeuralNet.Engine.Tests.Support;
using NeuralNet.Errors;
using NeuralNet.Host.Commands;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>
/// Thousands of mutated experiment files through the host's strict reading (<see cref="HostConfiguration"/>) and the
/// full configuration check (<see cref="ExperimentCheck"/>, every component bound, no data loaded): every problem is
/// reported as a message, never as an escaping exception, and messages quote at most ~200 characters of input.
/// </summary>
public sealed class ExperimentFileFuzzTests
{
    private static readonly ComponentRegistry Registry = TestPaths.BuiltInRegistry();

    private static readonly JsonNode?[] Replacements =
    [
        null, -1, 0, 2147483647, 1e300, -1e-300, "", "relu", "nope", new string('z', 5000), true, "NaN", "-Infinity",
        new JsonArray(), new JsonArray(1, null), new JsonObject(), new JsonObject { ["Type"] = "dense" }, new JsonObject { ["Type"] = null },
    ];

    [Test]
    public void MutatedExperimentFiles_AreReportedAsProblems_NeverThrown()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string json = JsonNode.Parse(File.ReadAllText(root.Combine("config", "appsettings.json")))!.ToJsonString();
        string file = root.Combine("fuzz.json");
        var random = new Random(11);
        var clock = Stopwatch.StartNew();
        int valid = 0;
        for (int i = 0; i < 2000; i++)
        {
            string mutated = random.Next(3) == 0 ? JsonMutator.MutateText(json, random) : JsonMutator.ReplaceValue(json, random, Replacements, "Experiment");
            File.WriteAllText(file, mutated);
            try
            {
                var problems = new List<string>();
                JsonObject? parsed = HostConfiguration.Read(file, "--experiment", problems);
                foreach (string p in problems) Assert.That(p.Length, Is.LessThan(1500), $"Mutation {i} quotes too much: {p}");
                if (parsed is null) continue;
                IConfigurationRoot config = new ConfigurationBuilder().AddJsonFile(file).Build();
                var check = new ExperimentCheck(Registry, config.GetSection("Experiment"), root.Path);
                check.Run(loadData: false, CancellationToken.None);
                if (check.Problems.Count == 0) valid++;
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"Mutation {i} let {e.GetType().Name} escape: {e.Message}\n{mutated}\n{e}");
            }
        }
        Assert.That(valid, Is.LessThan(2000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)));
    }
}
