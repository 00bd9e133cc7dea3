using System.Text;
using System.Text.RegularExpressions;

namespace ConfLint.Reporting;

/// <summary>
/// Renders a rule doc's markdown as plain text for a terminal and for SARIF `help.text`:
/// headings underlined, fenced blocks indented under a caption naming their file, link syntax
/// reduced to "text (url)". Everything else is already readable as text and is kept.
/// </summary>
public static partial class MarkdownText
{
    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    public static string Render(string markdown)
    {
        var sb = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        string? fence = null;
        foreach (var line in lines)
        {
            if (fence is not null)
            {
                if (line.TrimEnd() == fence) { fence = null; continue; }
                sb.Append("    ").Append(line).Append('\n');
                continue;
            }
            var open = RuleDocParser.FenceOpen().Match(line);
            if (open.Success)
            {
                fence = open.Groups["fence"].Value;
                var info = open.Groups["info"].Value.Trim();
                var caption = Caption(info);
                if (caption.Length > 0) sb.Append("  ").Append(caption).Append(":\n");
                continue;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal)) { Heading(sb, line[2..].Trim(), '='); continue; }
            if (line.StartsWith("## ", StringComparison.Ordinal)) { Heading(sb, line[3..].Trim(), '-'); continue; }
            sb.Append(Link().Replace(line, m => $"{m.Groups["text"].Value} ({m.Groups["url"].Value})")).Append('\n');
        }
        return sb.ToString();
    }

    private static void Heading(StringBuilder sb, string text, char underline) =>
        sb.Append(text).Append('\n').Append(underline, text.Length).Append('\n');

    // "apache path=etc/apache2/apache2.conf mode=0755" -> "etc/apache2/apache2.conf (apache, mode 0755)".
    private static string Caption(string info)
    {
        var words = info.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        var path = words.FirstOrDefault(w => w.StartsWith("path=", StringComparison.Ordinal))?[5..];
        var extras = words.Skip(1).Where(w => !w.StartsWith("path=", StringComparison.Ordinal)).Select(w => w.Replace('=', ' '));
        var details = string.Join(", ", new[] { words[0] }.Concat(extras));
        return path is null ? details : $"{path} ({details})";
    }
}
