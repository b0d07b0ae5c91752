using System.Diagnostics;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Persistence;

/// <summary>A save killed (SIGKILL) between any two of its file operations leaves the previous model or the new one, loadable.</summary>
[NonParallelizable]
public sealed class ModelSetAtomicityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Quick = ["train", "--Experiment:Training:Epochs=1", "--Experiment:Charts:Enabled=false", "--Experiment:Data:Samples=300"];

    private static string Sha(string modelDir)
        => JsonNode.Parse(File.ReadAllText(Path.Combine(modelDir, ModelStore.ModelFile)))!["weights"]!["sha256"]!.GetValue<string>();

    [Test]
    public void SigkillAtEveryStepOfASave_LeavesThePreviousModelOrTheNewOne()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        string modelDir = root.Combine("models", "spiral");
        var first = HostProcess.Run(root.Path, Timeout, [.. Quick, "--Experiment:Seed=1"]);
        Assert.That(first.ExitCode, Is.Zero, first.All);
        string previous = Sha(modelDir);
        var store = new ModelStore(TestPaths.BuiltInRegistry());

        for (int step = 0; step < ModelSetWriter.Steps; step++)
        {
            var environment = new Dictionary<string, string> { [ModelSetWriter.PauseVariable] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            using (Process process = HostProcess.Start(root.Path, environment, redirectInput: false, [.. Quick, $"--Experiment:Seed={step + 2}"]))
            {
                process.OutputDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                var reached = new TaskCompletionSource();
                process.ErrorDataReceived += (_, e) => { if (e.Data == $"save-step {step}") reached.TrySetResult(); };
                process.BeginErrorReadLine();
                Assert.That(reached.Task.Wait(Timeout), $"The save never reached step {step}.");
                process.Kill(entireProcessTree: true); // SIGKILL
                process.WaitForExit();
            }

            Assert.DoesNotThrow(() => store.Load(modelDir, 16), $"Killed at step {step}: the model does not load.");
            string now = Sha(modelDir);
            if (step < ModelSetWriter.Steps - 1)
                Assert.That(now, Is.EqualTo(previous), $"Killed at step {step}, before the switch: the previous model should be there.");
            else
                Assert.That(now, Is.Not.EqualTo(previous), "Killed after the switch: the new model should be there.");
            previous = now;
        }

        var last = HostProcess.Run(root.Path, Timeout, [.. Quick, "--Experiment:Seed=99"]);
        Assert.That(last.ExitCode, Is.Zero, last.All);
        Assert.That(Directory.GetFileSystemEntries(root.Combine("models")).Select(Path.GetFileName).Order(),
            Has.Exactly(1).StartsWith(".spiral.v-").And.Exactly(2).Items, "Leftovers of the killed saves were not removed.");
        Assert.DoesNotThrow(() => store.Load(modelDir, 16));
    }

    [Test]
    public void Save_OverAFolderOfTheOldLayout_ReplacesIt_AndLoadsTheNewModel()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        Directory.CreateDirectory(root.Combine("models", "spiral"));
        File.WriteAllText(root.Combine("models", "spiral", "model.json"), "{}");
        var run = HostProcess.Run(root.Path, Timeout, Quick);
        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(new DirectoryInfo(root.Combine("models", "spiral")).LinkTarget, Does.StartWith(".spiral.v-"));
        Assert.DoesNotThrow(() => new ModelStore(TestPaths.BuiltInRegistry()).Load(root.Combine("models", "spiral"), 16));
    }
}
