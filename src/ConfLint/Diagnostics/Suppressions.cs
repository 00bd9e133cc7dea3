using System.Text.RegularExpressions;
using ConfLint.Analyzers;
using ConfLint.Analyzers.Input;
using ConfLint.Text;

namespace ConfLint.Diagnostics;

/// <summary>
/// Inline suppressions. A comment line `# conflint-ignore CL2006 reason…` (or `; …` in INI
/// files) suppresses the named rules (comma- or space-separated) on the next line that is not a
/// comment or blank. The reason is required; an unknown ID or a missing reason is CL0003.
/// </summary>
public static partial class Suppressions
{
    [GeneratedRegex(@"^\s*[#;]\s*conflint-ignore\b(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IgnoreComment();

    [GeneratedRegex(@"^\s*(?<ids>(?:[A-Za-z]+\d+\s*,?\s*)+)(?<reason>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IdsAndReason();

    public sealed record Suppression(Location Comment, int TargetLine, IReadOnlyList<string> RuleIds);

    /// <summary>Finds the suppressions of one file and reports malformed ones as CL0003.</summary>
    public static IReadOnlyList<Suppression> Scan(SourceText text, DiagnosticBag diagnostics)
    {
        if (!text.Text.Contains("conflint-ignore", StringComparison.Ordinal)) return Array.Empty<Suppression>();
        var result = new List<Suppression>();
        for (int line = 1; line <= text.LineCount; line++)
        {
            var m = IgnoreComment().Match(text.GetLineText(line));
            if (!m.Success) continue;
            var location = text.GetLineLocation(line);
            var parsed = IdsAndReason().Match(m.Groups["rest"].Value);
            var ids = parsed.Success
                ? parsed.Groups["ids"].Value.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).ToList()
                : new List<string>();
            var reason = parsed.Success ? parsed.Groups["reason"].Value.Trim().TrimStart('-', ':').Trim() : "";
            if (ids.Count == 0)
            {
                diagnostics.Report(CL0003SuppressionMustBeValid.Rule, location, "conflint-ignore names no rule ID (write `conflint-ignore CLnnnn reason`)");
                continue;
            }
            var unknown = ids.Where(id => RuleCatalog.Find(id) is null).ToList();
            foreach (var id in unknown)
                diagnostics.Report(CL0003SuppressionMustBeValid.Rule, location, $"conflint-ignore names unknown rule '{id}'");
            if (reason.Length == 0)
                diagnostics.Report(CL0003SuppressionMustBeValid.Rule, location, "conflint-ignore gives no reason: say why the finding does not apply");
            int target = NextContentLine(text, line);
            var known = ids.Except(unknown).ToList();
            if (target > 0 && known.Count > 0 && reason.Length > 0) result.Add(new Suppression(location, target, known));
        }
        return result;
    }

    private static int NextContentLine(SourceText text, int afterLine)
    {
        for (int line = afterLine + 1; line <= text.LineCount; line++)
        {
            var t = text.GetLineText(line).Trim();
            if (t.Length == 0 || t[0] == '#' || t[0] == ';') continue;
            return line;
        }
        return 0;
    }

    /// <summary>Removes the diagnostics that a valid suppression covers.</summary>
    public static IEnumerable<Diagnostic> Apply(IEnumerable<Diagnostic> diagnostics, IEnumerable<Suppression> suppressions)
    {
        var byFileLine = suppressions
            .SelectMany(s => s.RuleIds.Select(id => (s.Comment.Path, s.TargetLine, id)))
            .ToHashSet();
        if (byFileLine.Count == 0) return diagnostics;
        return diagnostics.Where(d => d.Id == CL0003SuppressionMustBeValid.Rule.Id
            || !byFileLine.Contains((d.Location.Path, d.Location.Line, d.Id)));
    }
}
