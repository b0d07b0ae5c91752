namespace NeuralNet.Host.Configuration;

/// <summary>Finds the folder that holds <c>config/appsettings.json</c>: relative paths in config (data, runs, models, plugins) resolve against it.</summary>
public static class ContentRoot
{
    public const string SettingsFile = "config/appsettings.json";

    /// <summary>The <c>NEURALNET_ROOT</c> environment variable; else the current directory when it holds the settings; else the nearest folder above the program that does; else the current directory.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("NEURALNET_ROOT") is { Length: > 0 } root) return Path.GetFullPath(root);
        string cwd = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(cwd, SettingsFile))) return cwd;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SettingsFile))) return dir.FullName;
        return cwd;
    }
}
