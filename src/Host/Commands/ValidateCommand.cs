using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Host.Configuration;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>validate [--experiment FILE]</c>: checks the configuration files, every component name and option, the data
/// (loaded, not trained on) and the model (built for the data's shape), and reports all problems at once. Exit 0
/// when the experiment would start training, 2 otherwise.
/// </summary>
public sealed class ValidateCommand : Command
{
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();

    public ValidateCommand() : base("validate", "Check an experiment (files, component names and options, data, model shapes) without training; report every problem. Exit 0 or 2.")
    {
        Options.Add(_experiment);
        CommandSupport.AcceptOverrides(this);
        SetAction((result, cancellationToken) => Task.FromResult(CommandSupport.Guard(() =>
        {
            using IHost host = CommandSupport.BuildServices(CommandSupport.Request(result, _experiment));
            var check = new ExperimentCheck(CommandSupport.Registry(host), host.Services.GetRequiredService<IConfiguration>().GetSection("Experiment"), CommandSupport.ContentRootOf(host));
            var model = check.Run(loadData: true, cancellationToken);
            if (check.Problems.Count > 0)
            {
                Console.Error.WriteLine($"error: {check.Problems.Count} problem{(check.Problems.Count == 1 ? "" : "s")}:");
                foreach (string problem in check.Problems) Console.Error.WriteLine($"  {problem}");
                return ExitCodes.Configuration;
            }
            Console.Out.WriteLine($"ok: {check.Data!.Count} samples of {check.Data.FeatureShape} from {check.Data.Source}; model {model!.InputShape} → {model.OutputShape}, {model.ParameterCount} parameters.");
            return ExitCodes.Success;
        })));
    }
}
