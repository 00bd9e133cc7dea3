namespace ConfLint.Reporting;

/// <summary>
/// One rule's documentation, parsed from rules/CLnnnn.md (format: docs/rule-docs.md). The raw
/// markdown is kept for SARIF help and `conflint explain`; the examples are run as tests.
/// </summary>
public sealed record RuleDoc(
    string Id,
    string Title,
    string Severity,
    string Category,
    string Why,
    RuleDocExample? Failing,
    RuleDocExample? Fixed,
    IReadOnlyList<string> References,
    string Markdown,
    IReadOnlyList<RuleDocProblem> Problems)
{
    /// <summary>True when the document follows the format exactly.</summary>
    public bool IsWellFormed => Problems.Count == 0;
}

/// <summary>
/// The files of one example host tree, the lint options (`Options:` line) and the inputs to name
/// (`Input:` line; default: the first block's path).
/// </summary>
public sealed record RuleDocExample(
    string Heading,
    int Line,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> ExplicitInputs,
    IReadOnlyList<RuleDocBlock> Blocks)
{
    /// <summary>The tree-relative paths to lint: the `Input:` line, else the first block's path.</summary>
    public IReadOnlyList<string> Inputs =>
        ExplicitInputs.Count > 0 ? ExplicitInputs : Blocks.Take(1).Select(b => b.Path).ToList();
}

/// <summary>
/// One fenced block: ```` ```lang path=… [mode=0755] [link=target] [bytes=escaped] [owner=UID:GID] [device=c:1:3] [copy=/path] ````. Language
/// `dir` makes a directory; `link=` makes a symbolic link (content ignored); `mode=` is applied
/// with chmod; `bytes=escaped` writes the content with `\xHH`, `\0`, `\n`, `\t`, `\r` and `\\`
/// decoded, for inputs that are not text.
/// </summary>
public sealed record RuleDocBlock(string Language, string Path, string Content, int Line, string? Mode, string? LinkTarget, bool Escaped = false)
{
    /// <summary>`owner=UID[:GID]`: chown before chmod (for jail rules that read owners).</summary>
    public string? Owner { get; init; }

    /// <summary>`device=c:MAJOR:MINOR` or `b:…`: the path is a device node (content ignored).</summary>
    public string? Device { get; init; }

    /// <summary>`copy=/path`: the file is a copy of a file of the machine running the example (e.g. a real php-cgi binary).</summary>
    public string? CopyFrom { get; init; }

    public bool IsDirectory => Language == "dir";

    /// <summary>The bytes of the file the block stands for.</summary>
    public byte[] GetBytes()
    {
        if (!Escaped) return System.Text.Encoding.UTF8.GetBytes(Content);
        // The block's own line breaks are layout only: an escaped block spells every byte, \n included.
        var text = Content;
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                char e = text[i + 1];
                if (e == 'x' && i + 3 < text.Length && IsHex(text[i + 2]) && IsHex(text[i + 3]))
                {
                    bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                    i += 3;
                    continue;
                }
                byte? simple = e switch { '0' => 0, 'n' => (byte)'\n', 't' => (byte)'\t', 'r' => (byte)'\r', '\\' => (byte)'\\', _ => null };
                if (simple is { } b) { bytes.Add(b); i++; continue; }
            }
            if (c == '\n') continue;
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
        }
        return bytes.ToArray();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}

/// <summary>A place where a doc departs from the format (1-based line of the doc).</summary>
public sealed record RuleDocProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
