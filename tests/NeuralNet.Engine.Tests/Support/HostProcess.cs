using System.Diagnostics;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Support;

/// <summary>Runs the built host as a separate process in a content root of its own, as a user would.</summary>
internal static class HostProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string All => StandardOutput + StandardError;
    }

    /// <summary>
    /// A temporary content root holding a copy of the repository's config/, so runs/ and models/ land there.
    /// </summary>
    public static TempDirectory NewContentRoot()
    {
        var root = new TempDirectory();
        CopyDirectory(RepoPaths.Combine("config"), root.Combine("config"));
        return root;
    }

    public static Result Run(string contentRoot, TimeSpan timeout, params string[] args) => RunWithInput(contentRoot, timeout, null, args);

    /// <summary>Runs the host with <paramref name="input"/> on its standard input (closed after it).</summary>
    public static Result RunWithInput(string contentRoot, TimeSpan timeout, string? input, params string[] args)
    {
        Process process = Start(contentRoot, null, redirectInput: true, args);
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        return Wait(process, timeout);
    }

    /// <summary>Runs any process to its end, failing the test if it outlives <paramref name="timeout"/>.</summary>
    public static Result Run(ProcessStartInfo info, TimeSpan timeout)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return Wait(Process.Start(info)!, timeout);
    }

    private static Result Wait(Process started, TimeSpan timeout)
    {
        using Process process = started;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeout}. Output so far:\n{stdout.Result}\n{stderr.Result}");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string contentRoot, params string[] args) => Start(contentRoot, null, redirectInput: false, args);

    /// <summary>Starts the host with extra environment variables.</summary>
    public static Process Start(string contentRoot, IReadOnlyDictionary<string, string>? environment, bool redirectInput, params string[] args)
    {
        Assert.That(File.Exists(TestPaths.HostDll), $"Build the host first: {TestPaths.HostDll} is missing.");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        info.ArgumentList.Add(TestPaths.HostDll);
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["NEURALNET_ROOT"] = contentRoot;
        info.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(info)!;
    }

    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(source)) CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
    }
}
