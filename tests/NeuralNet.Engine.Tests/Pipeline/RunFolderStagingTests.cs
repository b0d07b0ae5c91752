using System.Globalization;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>
/// A run's staging folders carry their owner (host and process): a run starting removes only those a gone process of
/// this host left, never one another worker (another process, or another host sharing the runs folder) is writing.
/// </summary>
public sealed class RunFolderStagingTests
{
    [Test]
    public void RemoveStaleStaging_KeepsLiveAndForeignOwners_RemovesDeadAndUnownedOnes()
    {
        using var root = new TempDirectory();
        string run = root.Combine("spiral", "20261201-120000-abcd");
        string Staging(string owner) => Directory.CreateDirectory(Path.Combine(run, ".staging-" + owner)).FullName;
        string host = Environment.MachineName;
        using var sleeper = System.Diagnostics.Process.Start("sleep", "30");
        string live = Staging($"{host}-{sleeper.Id.ToString(CultureInfo.InvariantCulture)}-11111111");
        string foreign = Staging("another-host-1-22222222");
        string dead = Staging($"{host}-{int.MaxValue.ToString(CultureInfo.InvariantCulture)}-33333333");
        string unowned = Staging("44444444"); // the layout before owners were named
        try
        {
            RunFolder.RemoveStaleStaging(root.Combine("spiral"));
            Assert.That((Directory.Exists(live), Directory.Exists(foreign), Directory.Exists(dead), Directory.Exists(unowned)), Is.EqualTo((true, true, false, false)));
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
