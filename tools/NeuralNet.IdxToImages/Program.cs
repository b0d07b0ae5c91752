using System.Diagnostics;
using System.Globalization;
using NeuralNet.IdxToImages;

const string Usage = "usage: NeuralNet.IdxToImages --images FILE --labels FILE --out DIR [--limit N] [--classes name,name,...]";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i += 2)
{
    if (args[i] is not ("--images" or "--labels" or "--out" or "--limit" or "--classes") || i + 1 >= args.Length)
    {
        Console.Error.WriteLine(args[i] is "-h" or "--help" ? Usage : $"unexpected argument '{args[i]}'\n{Usage}");
        return 2;
    }
    options[args[i][2..]] = args[i + 1];
}
if (!options.ContainsKey("images") || !options.ContainsKey("labels") || !options.ContainsKey("out"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}
int? limit = null;
if (options.TryGetValue("limit", out string? text))
{
    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed < 1)
    {
        Console.Error.WriteLine($"--limit must be a positive whole number, got '{text}'");
        return 2;
    }
    limit = parsed;
}
string[]? classes = options.TryGetValue("classes", out string? list) ? list.Split(',', StringSplitOptions.TrimEntries) : null;

try
{
    var clock = Stopwatch.StartNew();
    int written = IdxImageExport.Export(options["images"], options["labels"], options["out"], limit, classes);
    Console.WriteLine($"wrote {written} images into {Path.GetFullPath(options["out"])} in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine(e.Message);
    return e is ArgumentException ? 2 : 3;
}
