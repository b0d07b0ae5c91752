namespace NeuralNet.Engine.Configuration;

/// <summary>Quotes user input in messages: at most <see cref="MaxLength"/> characters, control characters escaped, so a huge or binary argument cannot flood the terminal.</summary>
public static class Quote
{
    public const int MaxLength = 200;

    public static string Short(string text)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, MaxLength) + 8);
        foreach (char c in text.Length > MaxLength ? text.AsSpan(0, MaxLength) : text.AsSpan())
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        if (text.Length > MaxLength) builder.Append($"… ({text.Length} characters)");
        return builder.ToString();
    }
}
