namespace ConfLint.Tests.Oracles;

/// <summary>One line edit of a configuration file, by 1-based line number of the file as it is before the edit.</summary>
public abstract record LineEdit(string File)
{
    /// <summary>Applies the edit to the file's lines (edits of one file are applied bottom-up, so line numbers stay valid).</summary>
    public abstract void Apply(List<string> lines);

    public abstract int Line { get; }
}

/// <summary>Inserts lines before <see cref="Before"/> (line count + 1 = append).</summary>
public sealed record InsertLines(string File, int Before, IReadOnlyList<string> Text) : LineEdit(File)
{
    public override int Line => Before;

    public override void Apply(List<string> lines)
    {
        // A file ending in "\n" splits into a last empty element: appending goes before it.
        int at = Math.Min(Before - 1, lines.Count > 0 && lines[^1].Length == 0 ? lines.Count - 1 : lines.Count);
        lines.InsertRange(at, Text);
    }
}

public sealed record ReplaceLine(string File, int At, string Text) : LineEdit(File)
{
    public override int Line => At;

    public override void Apply(List<string> lines) => lines[At - 1] = Text;
}

public sealed record DeleteLine(string File, int At) : LineEdit(File)
{
    public override int Line => At;

    public override void Apply(List<string> lines) => lines.RemoveAt(At - 1);
}

/// <summary>Writes a whole new file (the file must not exist in the base tree).</summary>
public sealed record NewFile(string File, string Text) : LineEdit(File)
{
    public override int Line => 0;

    public override void Apply(List<string> lines)
    {
        lines.Clear();
        lines.AddRange(Text.Split('\n'));
    }
}

/// <summary>
/// A structural change of a base tree: an id (`tree/kind/n`), the kind (what known-differences
/// and reports group by) and line edits of files named as verdicts name them (relative to the tree).
/// </summary>
public sealed record ApacheMutation(string Id, string Tree, string Kind, string Description, IReadOnlyList<LineEdit> Edits)
{
    /// <summary>Stands for the tree's folder in edits of a real-path tree (<see cref="HostTree.CreateInPlace"/>).</summary>
    public const string TreeRootToken = "\u0001TREE\u0001";

    /// <summary>Names added to the command line (`apache2 -D NAME`, `conflint --define NAME`).</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>The setup to check: the base setup with <see cref="Defines"/> added (apply the edits with <see cref="ApplyTo"/>).</summary>
    public ApacheSetup Configure(ApacheSetup setup) =>
        Defines.Count == 0 ? setup : setup with { Defines = setup.Defines.Concat(Defines).ToList() };

    /// <summary>Applies the edits to a freshly built copy of the base tree.</summary>
    public void ApplyTo(ApacheSetup setup)
    {
        foreach (var group in Edits.GroupBy(e => e.File))
        {
            var hostPath = setup.HostPathOf(group.Key);
            var isNew = group.Any(e => e is NewFile);
            var lines = isNew ? new List<string>() : setup.Tree.ReadText(hostPath).Split('\n').ToList();
            foreach (var edit in group.OrderByDescending(e => e.Line)) edit.Apply(lines);
            // A line ending in U+0000 marks "no line break after this line": the file ends there.
            var text = string.Join('\n', lines).Replace(TreeRootToken, setup.Tree.HostPrefix, StringComparison.Ordinal);
            int cut = text.IndexOf('\u0000');
            if (cut >= 0) text = text[..cut];
            setup.Tree.Write(hostPath, text);
        }
    }

    public override string ToString() => $"{Id}: {Description}";
}
