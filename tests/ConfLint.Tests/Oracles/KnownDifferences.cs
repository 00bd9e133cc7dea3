using System.Text.RegularExpressions;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// Deliberate differences from the engine, read from a markdown table whose rows are
/// `| `kind` | trees | httpd | ConfLint | why |`: kind = a mutation kind (or a case id), trees =
/// `*` or comma-separated tree names, and the httpd/ConfLint cells start with "accepted" or
/// "rejected" (the verdict each tool gives in such a case).
/// </summary>
public sealed class KnownDifferences
{
    public sealed record Entry(string Kind, IReadOnlyList<string> Trees, bool HttpdAccepts, bool ConfLintAccepts, string Why, int Line)
    {
        public bool Covers(ApacheDifferentialResult r, string tree) =>
            (Kind == r.Kind || Kind == r.Id) && (Trees.Contains("*") || Trees.Contains(tree)) &&
            r.Httpd.Accepted == HttpdAccepts && r.ConfLint.Accepted == ConfLintAccepts;
    }

    private static readonly Regex Row = new(@"^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|(.*)\|\s*$");

    public KnownDifferences(IReadOnlyList<Entry> entries) => Entries = entries;

    public IReadOnlyList<Entry> Entries { get; }

    public static KnownDifferences Load(string path)
    {
        var entries = new List<Entry>();
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Row.Match(lines[i]);
            if (!m.Success) continue;
            bool Accepts(string cell) => cell.Trim().StartsWith("accepted", StringComparison.OrdinalIgnoreCase)
                ? true
                : cell.Trim().StartsWith("rejected", StringComparison.OrdinalIgnoreCase)
                    ? false
                    : throw new FormatException($"{path}:{i + 1}: a verdict cell must start with 'accepted' or 'rejected': '{cell.Trim()}'");
            entries.Add(new Entry(
                m.Groups[1].Value.Trim(),
                m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Accepts(m.Groups[3].Value),
                Accepts(m.Groups[4].Value),
                m.Groups[5].Value.Trim(),
                i + 1));
        }
        return new KnownDifferences(entries);
    }

    /// <summary>The entry documenting a disagreement, or null.</summary>
    public Entry? Find(ApacheDifferentialResult result, string tree) => Entries.FirstOrDefault(e => e.Covers(result, tree));
}
