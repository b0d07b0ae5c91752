using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>The host running as a worker process, its standard output and error collected as they come; killed on dispose if still running.</summary>
internal class HostWorker : IDisposable
{
    private readonly StringBuilder _output = new();

    public HostWorker(string contentRoot, string name, params string[] args)
    {
        Name = name;
        Process = HostProcess.Start(contentRoot, null, redirectInput: false, args);
        Process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        Process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>True once <see cref="KillHard"/> killed it on purpose.</summary>
    public bool Killed { get; private set; }

    public Process Process { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public void Terminate() => Signal("TERM");

    /// <summary>SIGSTOP: the worker freezes (no heartbeats, no training), as if cut off; <see cref="Continue"/> wakes it.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Continue() => Signal("CONT");

    /// <summary>SIGKILL: the worker dies at once, holding whatever it had claimed.</summary>
    public void KillHard()
    {
        Killed = true;
        Signal("KILL");
        Process.WaitForExit();
    }

    private void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
