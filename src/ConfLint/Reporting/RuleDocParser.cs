using System.Text;
using System.Text.RegularExpressions;

namespace ConfLint.Reporting;

/// <summary>
/// Reads rules/CLnnnn.md in the exact format of docs/rule-docs.md. Line based, never throws:
/// every departure from the format becomes a <see cref="RuleDocProblem"/> with its line, so the
/// doc tests can say what is wrong instead of skipping an example.
/// </summary>
public static partial class RuleDocParser
{
    public const string WhyHeading = "## Why";
    public const string FailingHeading = "## Failing example";
    public const string FixedHeading = "## Fixed example";
    public const string ReferencesHeading = "## References";

    /// <summary>The block languages a doc may use: the input kinds, plus text (a plain file) and dir (a directory).</summary>
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal)
    {
        "apache", "htaccess", "ini", "fpm", "sh", "passwd", "group", "text", "dir",
    };

    private static readonly string[] SectionOrder = { WhyHeading, FailingHeading, FixedHeading, ReferencesHeading };

    [GeneratedRegex(@"^# (?<id>CL\d{4}): (?<title>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^Severity: (?<severity>\S+) · Category: (?<category>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SeverityLine();

    /// <summary>An opening code fence: three or more backticks, then the info string.</summary>
    [GeneratedRegex(@"^(?<fence>`{3,})(?<info>.*)$", RegexOptions.CultureInvariant)]
    internal static partial Regex FenceOpen();

    [GeneratedRegex(@"^[0-7]{3,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalMode();

    [GeneratedRegex(@"^\d+(:\d+)?$")]
    private static partial Regex OwnerValue();

    [GeneratedRegex(@"^[cb]:\d+:\d+$")]
    private static partial Regex DeviceValue();

    public static RuleDoc Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var problems = new List<RuleDocProblem>();
        string id = "", title = "", severity = "", category = "";

        var titleMatch = TitleLine().Match(lines.Length > 0 ? lines[0] : "");
        if (titleMatch.Success) { id = titleMatch.Groups["id"].Value; title = titleMatch.Groups["title"].Value.Trim(); }
        else problems.Add(new RuleDocProblem(1, "the first line must be `# CLnnnn: Title`"));

        int severityLine = Array.FindIndex(lines, 1, l => l.Length > 0);
        var severityMatch = severityLine > 0 ? SeverityLine().Match(lines[severityLine]) : Match.Empty;
        if (severityMatch.Success) { severity = severityMatch.Groups["severity"].Value; category = severityMatch.Groups["category"].Value.Trim(); }
        else problems.Add(new RuleDocProblem(severityLine > 0 ? severityLine + 1 : 2, "expected `Severity: <severity> · Category: <category>` after the title"));

        // Split the rest into `## ` sections, checking names and order.
        var sections = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
        int expected = 0, current = -1, start = 0;
        bool inFence = false;
        string fence = "";
        for (int i = severityLine > 0 ? severityLine + 1 : 1; i <= lines.Length; i++)
        {
            bool end = i == lines.Length;
            var line = end ? "" : lines[i];
            if (!end)
            {
                if (inFence)
                {
                    if (line.TrimEnd() == fence) inFence = false;
                    continue;
                }
                var open = FenceOpen().Match(line);
                if (open.Success) { inFence = true; fence = open.Groups["fence"].Value; continue; }
            }
            if (!end && !line.StartsWith("## ", StringComparison.Ordinal) && !line.StartsWith("# ", StringComparison.Ordinal)) continue;
            if (current >= 0) sections[SectionOrder[current]] = (start, i);
            if (end) break;
            int index = Array.IndexOf(SectionOrder, line.TrimEnd());
            if (index < 0) { problems.Add(new RuleDocProblem(i + 1, $"unknown heading `{line.TrimEnd()}`; the sections are {string.Join(", ", SectionOrder.Select(s => "`" + s + "`"))}")); current = -1; continue; }
            if (sections.ContainsKey(SectionOrder[index])) problems.Add(new RuleDocProblem(i + 1, $"`{SectionOrder[index]}` appears twice"));
            else if (index < expected) problems.Add(new RuleDocProblem(i + 1, $"`{SectionOrder[index]}` is out of order"));
            expected = Math.Max(expected, index + 1);
            current = index;
            start = i + 1;
        }
        if (inFence) problems.Add(new RuleDocProblem(lines.Length, "a fenced block is never closed"));
        foreach (var name in SectionOrder.Where(s => !sections.ContainsKey(s)))
            problems.Add(new RuleDocProblem(lines.Length, $"missing section `{name}`"));

        string why = sections.TryGetValue(WhyHeading, out var w) ? string.Join('\n', lines[w.Start..w.End]).Trim() : "";
        if (sections.ContainsKey(WhyHeading) && why.Length == 0) problems.Add(new RuleDocProblem(w.Start, "`## Why` is empty"));

        RuleDocExample? failing = sections.TryGetValue(FailingHeading, out var f) ? ParseExample(FailingHeading, lines, f.Start, f.End, problems) : null;
        RuleDocExample? fixedExample = sections.TryGetValue(FixedHeading, out var x) ? ParseExample(FixedHeading, lines, x.Start, x.End, problems) : null;

        var references = new List<string>();
        if (sections.TryGetValue(ReferencesHeading, out var r))
        {
            for (int i = r.Start; i < r.End; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("- ", StringComparison.Ordinal)) references.Add(line[2..].Trim());
                else if (line.Length > 0 && references.Count > 0) references[^1] += " " + line;
                else if (line.Length > 0) problems.Add(new RuleDocProblem(i + 1, "references are a `- ` list"));
            }
            if (references.Count == 0) problems.Add(new RuleDocProblem(r.Start, "`## References` lists nothing"));
        }

        return new RuleDoc(id, title, severity, category, why, failing, fixedExample, references, markdown, problems);
    }

    private static RuleDocExample ParseExample(string heading, string[] lines, int start, int end, List<RuleDocProblem> problems)
    {
        var options = new List<string>();
        var inputs = new List<string>();
        var blocks = new List<RuleDocBlock>();
        for (int i = start; i < end; i++)
        {
            var line = lines[i];
            if (line.StartsWith("Options:", StringComparison.Ordinal) || line.StartsWith("Input:", StringComparison.Ordinal))
            {
                bool isOptions = line.StartsWith("Options:", StringComparison.Ordinal);
                if (blocks.Count > 0) problems.Add(new RuleDocProblem(i + 1, $"`{(isOptions ? "Options:" : "Input:")}` must come before the example's blocks"));
                var words = line[(line.IndexOf(':') + 1)..].Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0) problems.Add(new RuleDocProblem(i + 1, "empty `Options:`/`Input:` line"));
                if (isOptions) options.AddRange(words);
                else foreach (var word in words) { CheckTreePath(word, i + 1, problems); inputs.Add(word); }
                continue;
            }
            var open = FenceOpen().Match(line);
            if (!open.Success) continue;
            var fence = open.Groups["fence"].Value;
            int close = i + 1;
            while (close < end && lines[close].TrimEnd() != fence) close++;
            var content = new StringBuilder();
            for (int k = i + 1; k < close && k < end; k++) content.Append(lines[k]).Append('\n');
            var block = ParseBlock(open.Groups["info"].Value, content.ToString(), i + 1, problems);
            if (block is not null) blocks.Add(block);
            i = close;
        }
        if (blocks.Count == 0) problems.Add(new RuleDocProblem(start, $"`{heading}` has no fenced block"));
        var paths = blocks.GroupBy(b => b.Path, StringComparer.Ordinal).Where(g => g.Count() > 1);
        foreach (var dup in paths) problems.Add(new RuleDocProblem(dup.Skip(1).First().Line, $"`{heading}` writes `{dup.Key}` twice"));
        return new RuleDocExample(heading, start, options, inputs, blocks);
    }

    private static RuleDocBlock? ParseBlock(string info, string content, int line, List<RuleDocProblem> problems)
    {
        var words = info.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) { problems.Add(new RuleDocProblem(line, "a fenced block needs `<lang> path=<path>`")); return null; }
        var language = words[0];
        string? path = null, mode = null, link = null, owner = null, device = null, copy = null;
        bool escaped = false;
        bool ok = true;
        if (!Languages.Contains(language)) { problems.Add(new RuleDocProblem(line, $"unknown block language `{language}` (known: {string.Join(", ", Languages.Order(StringComparer.Ordinal))})")); ok = false; }
        foreach (var word in words.Skip(1))
        {
            int eq = word.IndexOf('=');
            var key = eq > 0 ? word[..eq] : word;
            var value = eq > 0 ? word[(eq + 1)..] : "";
            switch (key)
            {
                case "path": path = value; break;
                case "mode" when OctalMode().IsMatch(value): mode = value; break;
                case "link" when value.Length > 0: link = value; break;
                case "bytes" when value == "escaped": escaped = true; break;
                case "owner" when OwnerValue().IsMatch(value): owner = value; break;
                case "device" when DeviceValue().IsMatch(value): device = value; break;
                case "copy" when value.StartsWith('/'): copy = value; break;
                default: problems.Add(new RuleDocProblem(line, $"unknown or malformed block attribute `{word}`")); ok = false; break;
            }
        }
        if (string.IsNullOrEmpty(path)) { problems.Add(new RuleDocProblem(line, "a fenced block needs `path=<path inside the host tree>`")); return null; }
        if (!CheckTreePath(path, line, problems)) ok = false;
        return ok ? new RuleDocBlock(language, path, content, line, mode, link, escaped) { Owner = owner, Device = device, CopyFrom = copy } : null;
    }

    // Example paths are relative to the host tree's root and may not leave it.
    private static bool CheckTreePath(string path, int line, List<RuleDocProblem> problems)
    {
        if (path.StartsWith('/') || path.Split('/').Any(p => p == ".." || p.Length == 0))
        {
            problems.Add(new RuleDocProblem(line, $"`{path}` must be a relative path inside the host tree (no leading /, no ..)"));
            return false;
        }
        return true;
    }
}
