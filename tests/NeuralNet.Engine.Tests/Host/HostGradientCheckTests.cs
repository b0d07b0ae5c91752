using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary><c>--Host:GradientCheck=true</c> prints the worst relative error per layer and parameter, trains and writes nothing.</summary>
[NonParallelizable]
public sealed class HostGradientCheckTests
{
    [TestCase("categorical_crossentropy")]
    [TestCase("sparse_categorical_crossentropy")] // class-index targets, read as a run reads them
    public void GradientCheckSwitch_PrintsEachLayersWorstError_WritesNothing(string loss)
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(2), "--Host:GradientCheck=true", "--Experiment:Model:Layers:0:Activation=tanh", "--Experiment:Loss=" + loss);

        Assert.That(run.ExitCode, Is.Zero, run.All);
        Assert.That(run.StandardOutput, Does.Contain("Gradient check on 4 samples").And.Contain("0 dense").And.Contain("kernel").And.Contain("2 dense"));
        Assert.That(run.StandardOutput, Does.Contain("gradients agree"), run.All);
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "it does not train");
        Assert.That(Directory.Exists(root.Combine("runs")) && Directory.EnumerateFileSystemEntries(root.Combine("runs")).Any(), Is.False, "nothing written");
        Assert.That(Directory.Exists(root.Combine("models")) && Directory.EnumerateFileSystemEntries(root.Combine("models")).Any(), Is.False, "nothing written");
    }

    [Test]
    public void GradientCheckSwitch_BadLayer_ExitsTwoNamingTheKey()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, TimeSpan.FromMinutes(2), "--Host:GradientCheck=true", "--Experiment:Model:Layers:0:Activation=rleu");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Model:Layers:0:Activation"));
    }
}
