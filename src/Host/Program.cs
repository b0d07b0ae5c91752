namespace NeuralNet.Host;

/// <summary>
/// Entry point. <c>dotnet run --project src/Host</c> trains the experiment in config/appsettings.json;
/// <c>-- --experiment config/experiments/fashion-mlp.json</c> layers another experiment over it;
/// <c>-- --Experiment:Training:Epochs=5</c> overrides one key; <c>-- --Host:Mode=service</c> runs as a worker.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => NeuralNetApp.RunAsync(args);
}
