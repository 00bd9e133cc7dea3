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
/// One fenced block: ```` ```lang path=… [mode=0755] [link=target] ````. Language `dir` makes a
/// directory; `link=` makes a symbolic link (content ignored); `mode=` is applied with chmod.
/// </summary>
public sealed record RuleDocBlock(string Language, string Path, string Content, int Line, string? Mode, string? LinkTarget)
{
    public bool IsDirectory => Language == "dir";
}

/// <summary>A place where a doc departs from the format (1-based line of the doc).</summary>
public sealed record RuleDocProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
