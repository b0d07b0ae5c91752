using NeuralNet.Engine.Tests.Support;

namespace NeuralNet.Engine.Tests.Host;

/// <summary>Bad input stops the host before training with a clear message, a non-zero exit code and nothing written.</summary>
[NonParallelizable]
public sealed class HostBadInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static void AssertNothingWritten(TempDirectory root)
    {
        Assert.That(Directory.Exists(root.Combine("runs", "spiral")), Is.False, "A run folder was written.");
        Assert.That(Directory.Exists(root.Combine("models", "spiral")), Is.False, "A model folder was written.");
        if (Directory.Exists(root.Combine("runs")))
            Assert.That(Directory.GetFileSystemEntries(root.Combine("runs")), Is.Empty, "Staging leftovers in runs/.");
    }

    [Test]
    public void UnknownActivation_ListsKnownOnes_ExitsNonZero_WritesNothing()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Model:Layers:0:Activation=rleu");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Unknown activation 'rleu'. Known: ").And.Contain("relu").And.Contain("linear"));
        Assert.That(run.StandardError, Does.Contain("Experiment:Model:Layers:0:Activation"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        AssertNothingWritten(root);
    }

    [Test]
    public void CallbackProblems_AreReportedTogether_BeforeTraining()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var options = HostProcess.Run(root.Path, Timeout,
            "--Experiment:Callbacks:1:Type=early_stopping", "--Experiment:Callbacks:1:Patience=-1",
            "--Experiment:Callbacks:2:Type=exponential", "--Experiment:Callbacks:2:Gamma=-0.5");
        Assert.That(options.ExitCode, Is.EqualTo(2), options.All);
        Assert.That(options.StandardError, Does.Contain("2 configuration problems").And.Contain("Experiment:Callbacks:1:Patience").And.Contain("Experiment:Callbacks:2:Gamma"));
        AssertNothingWritten(root);

        var monitors = HostProcess.Run(root.Path, Timeout,
            "--Experiment:Callbacks:1:Type=early_stopping", "--Experiment:Callbacks:1:Monitor=val_acc",
            "--Experiment:Callbacks:2:Type=reduce_on_plateau", "--Experiment:Callbacks:2:Monitor=f1", "--Experiment:Callbacks:2:Mode=upwards");
        Assert.That(monitors.ExitCode, Is.EqualTo(2), monitors.All);
        Assert.That(monitors.StandardError, Does.Contain("3 problems").And.Contain("Experiment:Callbacks:1:Monitor: 'val_acc'")
            .And.Contain("Experiment:Callbacks:2:Monitor: 'f1'").And.Contain("Experiment:Callbacks:2:Mode").And.Contain("Allowed: loss, accuracy, val_loss, val_accuracy"));
        Assert.That(monitors.All, Does.Not.Contain("epoch 1/"), "Training started.");
        AssertNothingWritten(root);
    }

    [Test]
    public void RunsDirectoryThatIsNotWritable_IsAConfigurationError_BeforeTraining()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        File.WriteAllText(root.Combine("not-a-folder"), "a file where the runs folder should be");
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Output:RunsDirectory=not-a-folder");
        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Output:RunsDirectory").And.Contain("is not a folder"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        Assert.That(Directory.Exists(root.Combine("models")), Is.False);
    }

    [Test]
    public void MetricAndChartsThatDoNotFitTheTask_AllReportedTogether_BeforeTraining()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Metrics:0=r2", "--Experiment:Metrics:1=rmse",
            "--Experiment:Charts:Kinds:0=loss", "--Experiment:Charts:Kinds:1=residuals");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("metric 'r2' does not apply to classification").And.Contain("Experiment:Metrics:0"));
        Assert.That(run.StandardError, Does.Contain("metric 'root_mean_squared_error' does not apply to classification"));
        Assert.That(run.StandardError, Does.Contain("chart 'residuals' does not apply to classification"));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        AssertNothingWritten(root);
    }

    [Test]
    public void UnknownChart_ListsKnownOnes()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Charts:Kinds:0=confusoin");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("confusoin").And.Contain("confusion").And.Contain("Experiment:Charts:Kinds:0"));
        AssertNothingWritten(root);
    }

    [Test]
    public void InvalidOptionValue_NamesTheKeyAndWhatWasExpected()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Training:Epochs=abc");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Training:Epochs: expected a whole number, got 'abc'"));
        AssertNothingWritten(root);
    }

    [Test]
    public void OutOfRangeOption_NamesTheKey()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--Experiment:Optimizer:LearningRate=-1");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("Experiment:Optimizer:LearningRate"));
        AssertNothingWritten(root);
    }

    [Test]
    public void MissingExperimentFile_SaysWhereItLooked()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, "--experiment", "config/experiments/nope.json");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.All);
        Assert.That(run.StandardError, Does.Contain("nope.json").And.Contain("not found"));
    }

    [Test]
    public void DivergingLoss_StopsWithExitCode5_AndWritesNothing()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout,
            "--Experiment:Loss=mse", "--Experiment:Model:Layers:1:Activation=linear",
            "--Experiment:Optimizer:Type=sgd", "--Experiment:Optimizer:LearningRate=1e12");

        Assert.That(run.ExitCode, Is.EqualTo(5), run.All);
        Assert.That(run.StandardError, Does.Contain("Training diverged"));
        AssertNothingWritten(root);
    }

    [Test]
    public void CorruptPlugin_IsReportedWithItsFile()
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        Directory.CreateDirectory(root.Combine("plugins", "Broken"));
        File.WriteAllText(root.Combine("plugins", "Broken", "Broken.dll"), "garbage");

        var run = HostProcess.Run(root.Path, Timeout);

        Assert.That(run.ExitCode, Is.EqualTo(6), run.All);
        Assert.That(run.StandardError, Does.Contain(Path.Combine("plugins", "Broken", "Broken.dll")));
        AssertNothingWritten(root);
    }

    /// <summary>Runs the host with <paramref name="args"/> in a fresh content root and checks the exit code, the message and that nothing was trained or written.</summary>
    private static HostProcess.Result AssertRejected(int exitCode, string[] expected, params string[] args)
    {
        using TempDirectory root = HostProcess.NewContentRoot();
        var run = HostProcess.Run(root.Path, Timeout, args);
        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.All);
        foreach (string text in expected) Assert.That(run.StandardError, Does.Contain(text));
        Assert.That(run.All, Does.Not.Contain("epoch 1/"), "Training started.");
        AssertNothingWritten(root);
        return run;
    }

    /// <summary>The one line of standard error that carries the message (logs share the stream).</summary>
    private static string ErrorLine(HostProcess.Result run)
        => run.StandardError.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));

    [Test]
    public void ExperimentNameOverTheLengthLimit_IsAConfigurationError_QuotingNoneOfIt()
    {
        var run = AssertRejected(2, ["Experiment:Name: at most 100 characters (it names folders)."], "--Experiment:Name=" + new string('n', 5000));
        Assert.That(ErrorLine(run).Length, Is.LessThan(200), run.StandardError);
    }

    [Test]
    public void ExperimentNameThatIsAPath_IsAConfigurationError()
        => AssertRejected(2, ["Experiment:Name: use letters, digits, '.', '-' and '_' only (it names folders)."], "--Experiment:Name=../../outside");

    [Test]
    public void OutputFoldersOutsideTheContentRoot_BothReportedTogether_NothingCreatedThere()
    {
        string elsewhere = Path.Combine(Path.GetTempPath(), "neuralnet-tests", "outside-" + Guid.NewGuid().ToString("N"));
        AssertRejected(2, ["Experiment:Output:RunsDirectory: '../runs' leads outside the content root", "Experiment:Output:ModelsDirectory: '" + elsewhere + "' leads outside the content root",
            "AllowOutsideContentRoot=true"], "--Experiment:Output:RunsDirectory=../runs", "--Experiment:Output:ModelsDirectory=" + elsewhere);
        Assert.That(Directory.Exists(elsewhere), Is.False);
    }

    [Test]
    public void OutputFoldersThatCannotBeWritten_EvenWhenAllowedOutside_BothReportedTogether()
        // /proc refuses new files to every user, root included, so this holds wherever the tests run.
        => AssertRejected(2, ["Experiment:Output:RunsDirectory: /proc/neuralnet-runs is not writable", "Experiment:Output:ModelsDirectory: /proc/neuralnet-models is not writable"],
            "--Experiment:Output:AllowOutsideContentRoot=true", "--Experiment:Output:RunsDirectory=/proc/neuralnet-runs", "--Experiment:Output:ModelsDirectory=/proc/neuralnet-models");

    private static readonly string[] Csv = ["--Experiment:Data:Type=csv", "--Experiment:Data:Samples=", "--Experiment:Data:Classes="];

    [Test]
    public void CsvPathThatIsADeviceAFifoOrAFolder_IsADataError_Refused_BeforeItIsOpened()
    {
        using TempDirectory files = new();
        string fifo = files.Combine("fifo.csv");
        var mkfifo = HostProcess.Run(new System.Diagnostics.ProcessStartInfo("mkfifo", fifo), Timeout);
        Assert.That(mkfifo.ExitCode, Is.Zero, mkfifo.All);
        Directory.CreateDirectory(files.Combine("folder.csv"));

        AssertRejected(3, ["/dev/zero: is empty, or not a regular file (a FIFO, device or socket)"], [.. Csv, "--Experiment:Data:Path=/dev/zero"]);
        // Opening a FIFO would block until a writer came: the timeout fails the test if the host tried.
        AssertRejected(3, [fifo + ": is empty, or not a regular file (a FIFO, device or socket)"], [.. Csv, "--Experiment:Data:Path=" + fifo]);
        AssertRejected(3, [files.Combine("folder.csv") + ": is a directory, not a CSV file."], [.. Csv, "--Experiment:Data:Path=" + files.Combine("folder.csv")]);
    }

    [Test]
    public void CsvLabelColumnWithTensOfThousandsOfValues_IsADataError_BeforeAllocating()
    {
        using TempDirectory files = new();
        string path = files.Combine("ids.csv");
        File.WriteAllText(path, "x,label\n" + string.Concat(Enumerable.Range(0, 20000).Select(i => $"{i},id{i}\n")));
        AssertRejected(3, ["column 'label' has 20000 distinct classes", "(at most 10000 classes)"], [.. Csv, "--Experiment:Data:Path=" + path]);
    }

    [Test]
    public void IdxHeaderWhoseDimensionsMultiplyPast64Bits_IsADataError_BeforeAllocating()
    {
        using TempDirectory files = new();
        File.WriteAllBytes(files.Combine("images.idx"), [.. BigEndian(0x803, int.MaxValue, int.MaxValue, int.MaxValue), .. new byte[64]]);
        File.WriteAllBytes(files.Combine("labels.idx"), [.. BigEndian(0x801, int.MaxValue), .. new byte[64]]);
        AssertRejected(3, [files.Combine("images.idx") + ": the header declares 2147483647 images of 2147483647x2147483647"],
            "--Experiment:Data:Type=idx", "--Experiment:Data:Samples=", "--Experiment:Data:Classes=",
            "--Experiment:Data:TrainImages=" + files.Combine("images.idx"), "--Experiment:Data:TrainLabels=" + files.Combine("labels.idx"));
    }

    [Test]
    public void TruncatedGzipCsv_IsADataError_NamingTheFile()
    {
        using TempDirectory files = new();
        string rows = "x,y,label\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i % 5},{(i % 2 == 0 ? "a" : "b")}\n"));
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(rows));
        byte[] bytes = packed.ToArray();
        File.WriteAllBytes(files.Combine("rows.csv.gz"), bytes[..(bytes.Length / 2)]);
        AssertRejected(3, [files.Combine("rows.csv.gz") + ": is gzip-compressed but cannot be decompressed (truncated or corrupt)"],
            [.. Csv, "--Experiment:Data:Path=" + files.Combine("rows.csv.gz")]);
    }

    [Test]
    public void IdxTestImagesOfAnotherShapeThanTraining_IsADataError_NamingBoth()
    {
        using TempDirectory files = new();
        foreach (var (name, count, side) in new[] { ("train", 20, 4), ("test", 10, 5) })
        {
            File.WriteAllBytes(files.Combine(name + "-images.idx"), [.. BigEndian(0x803, count, side, side), .. new byte[count * side * side]]);
            File.WriteAllBytes(files.Combine(name + "-labels.idx"), [.. BigEndian(0x801, count), .. Enumerable.Range(0, count).Select(i => (byte)(i % 2))]);
        }
        AssertRejected(3, [files.Combine("test-images.idx") + ": test images are 5x5, but the training images (" + files.Combine("train-images.idx") + ") are 4x4."],
            "--Experiment:Data:Type=idx", "--Experiment:Data:Samples=", "--Experiment:Data:Classes=",
            "--Experiment:Data:TrainImages=" + files.Combine("train-images.idx"), "--Experiment:Data:TrainLabels=" + files.Combine("train-labels.idx"),
            "--Experiment:Data:TestImages=" + files.Combine("test-images.idx"), "--Experiment:Data:TestLabels=" + files.Combine("test-labels.idx"));
    }

    private static byte[] BigEndian(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }
}
