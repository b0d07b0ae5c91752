using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Errors;

namespace NeuralNet.Host.Commands;

/// <summary>
/// <c>summary --model DIR | --experiment FILE</c>: the model's layers with their output shapes and parameter counts
/// (trainable and not), the totals and the size of the weights, as Keras' <c>model.summary()</c>. For an experiment
/// the data is loaded to know the input shape; nothing is trained.
/// </summary>
public sealed class SummaryCommand : Command
{
    private readonly Option<string?> _model = new("--model", "-m") { Description = "A saved model's folder, e.g. models/spiral.", HelpName = "DIR" };
    private readonly Option<string?> _experiment = CommandSupport.ExperimentOption();
    private readonly Option<string> _format = CommandSupport.FormatOption();

    public SummaryCommand() : base("summary", "Print a model's layers, output shapes and parameter counts, for a saved model (--model) or an experiment (--experiment, or the default one).")
    {
        Options.Add(_model);
        Options.Add(_experiment);
        Options.Add(_format);
        CommandSupport.AcceptOverrides(this);
        Validators.Add(r =>
        {
            if (r.GetResult(_model) is not null && r.GetResult(_experiment) is not null)
                r.AddError("summary takes --model or --experiment, not both.");
        });
        SetAction((result, cancellationToken) => Task.FromResult(CommandSupport.Guard(() =>
        {
            using IHost host = CommandSupport.BuildServices(CommandSupport.Request(result, _experiment));
            SequentialModel model;
            string title;
            InputRecord? input = null;
            if (result.GetValue(_model) is { } modelArg)
            {
                string dir = CommandSupport.ModelDirectory(modelArg, CommandSupport.ContentRootOf(host));
                SavedModel saved = new ModelStore(CommandSupport.Registry(host)).Load(dir, maxBatchSize: 1);
                model = saved.Model;
                input = saved.Metadata.Input;
                title = dir;
            }
            else
            {
                IConfigurationSection experiment = host.Services.GetRequiredService<IConfiguration>().GetSection("Experiment");
                var check = new ExperimentCheck(CommandSupport.Registry(host), experiment, CommandSupport.ContentRootOf(host));
                model = check.Run(loadData: true, cancellationToken)
                    ?? throw new ConfigurationException("Experiment", string.Join(Environment.NewLine + "  ", check.Problems.Prepend("")));
                title = experiment["Name"] ?? "experiment";
            }
            Console.Out.Write(result.GetValue(_format) == "json" ? Json(model, input).ToJsonString() + Environment.NewLine : Table(model, title, input));
            return ExitCodes.Success;
        })));
    }

    private static (long Trainable, long Other)[] Counts(SequentialModel model)
    {
        var counts = new (long, long)[model.Layers.Count];
        foreach (StateEntry entry in model.State)
        {
            int layer = int.Parse(entry.Name.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
            if (entry.Trainable) counts[layer].Item1 += entry.Value.Length;
            else counts[layer].Item2 += entry.Value.Length;
        }
        return counts;
    }

    private static string Table(SequentialModel model, string title, InputRecord? input)
    {
        var counts = Counts(model);
        var text = new System.Text.StringBuilder();
        text.AppendLine($"  {title}: input {model.InputShape}" + (input is null ? "" : $", read from files by '{input.Reader}' {input.Options?.ToJsonString() ?? "{}"}"));
        text.AppendLine($"  {"#",3}  {"layer",-20}  {"output shape",-16}  {"trainable",10}  {"other",8}");
        text.AppendLine($"  {new string('-', 3)}  {new string('-', 20)}  {new string('-', 16)}  {new string('-', 10)}  {new string('-', 8)}");
        for (int i = 0; i < model.Layers.Count; i++)
            text.AppendLine($"  {i,3}  {LayerName(model, i),-20}  {model.OutputShapes[i].ToString(),-16}  {counts[i].Trainable,10}  {counts[i].Other,8}");
        long trainable = counts.Sum(c => c.Trainable), other = counts.Sum(c => c.Other);
        text.AppendLine();
        text.AppendLine($"  trainable parameters:     {trainable}");
        text.AppendLine($"  non-trainable parameters: {other}");
        text.AppendLine($"  total:                    {trainable + other} ({Size((trainable + other) * sizeof(float))})");
        return text.ToString();
    }

    // An activation the layer before applies (SequentialModel.Fused) is listed where the configuration puts it, marked.
    private static string LayerName(SequentialModel model, int i) => model.Fused[i] ? $"{model.Specs[i].Name} (fused)" : model.Specs[i].Name;

    private static JsonObject Json(SequentialModel model, InputRecord? input)
    {
        var counts = Counts(model);
        return new JsonObject
        {
            ["input_shape"] = model.InputShape.ToString(),
            ["input_reader"] = input is null ? null : new JsonObject { ["reader"] = input.Reader, ["options"] = input.Options?.DeepClone() },
            ["layers"] = new JsonArray(model.Layers.Select((_, i) => (JsonNode)new JsonObject
            {
                ["type"] = model.Specs[i].Name,
                ["fused"] = model.Fused[i],
                ["output_shape"] = model.OutputShapes[i].ToString(),
                ["trainable"] = counts[i].Trainable,
                ["non_trainable"] = counts[i].Other,
            }).ToArray()),
            ["trainable"] = counts.Sum(c => c.Trainable),
            ["non_trainable"] = counts.Sum(c => c.Other),
            ["bytes"] = counts.Sum(c => c.Trainable + c.Other) * sizeof(float),
        };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1 << 10 => $"{bytes} B",
        < 1 << 20 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes / (1024.0 * 1024):F1} MiB",
    };
}
