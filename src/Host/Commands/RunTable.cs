namespace NeuralNet.Host.Commands;

/// <summary>A plain text table: a header row and one row per item, columns padded to their widest cell.</summary>
public static class RunTable
{
    public static string Format<T>(IEnumerable<T> items, IReadOnlyList<string> header, Func<T, IReadOnlyList<string>> row)
    {
        var rows = items.Select(row).Prepend(header).ToList();
        int[] widths = Enumerable.Range(0, header.Count).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var r in rows)
            text.AppendLine(string.Join("  ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return text.ToString();
    }
}
