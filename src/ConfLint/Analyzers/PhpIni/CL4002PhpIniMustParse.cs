using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;
using ConfLint.Text;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>Reported by the php.ini front end: PHP's INI parser stops at a syntax error and drops the rest of the file.</summary>
public sealed class CL4002PhpIniMustParse : IRule
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4002",
        "php.ini syntax error: PHP ignores the rest of the file",
        "PHP stops reading here: \"{0} in {1} on line {2}\"; {3}",
        "PhpIni",
        Severity.Error,
        "PHP's INI parser (zend_ini_parser.y) stops at the first syntax error. Settings before it are kept, everything after it in the same file is ignored without further notice.");

    public DiagnosticDescriptor Descriptor => Rule;

    /// <summary>The diagnostic for a document's syntax error, at the token where PHP stopped.</summary>
    public static Diagnostic Create(IniDocument document, IniSyntaxError error)
    {
        var text = document.Text;
        var span = error.Span.Length == 0 && error.Span.Start >= text.Text.Length && text.Text.Length > 0
            ? new TextSpan(text.Text.Length - 1, 1)
            : error.Span;
        int errorLine = text.GetLinePosition(span.Start).Line;
        int settings = CountSettingLines(text, errorLine + 1);
        string dropped = settings == 0
            ? $"the rest of line {errorLine} is ignored (no setting follows)"
            : $"the rest of line {errorLine} and the {settings} setting line{(settings == 1 ? "" : "s")} after it {(settings == 1 ? "is" : "are")} ignored";
        return Diagnostic.Create(Rule, text.GetLocation(span), error.Message, text.HostPath, error.PhpLine, dropped);
    }

    private static int CountSettingLines(SourceText text, int fromLine)
    {
        int count = 0;
        for (int line = fromLine; line <= text.LineCount; line++)
        {
            var t = text.GetLineText(line).Trim();
            if (t.Length > 0 && t[0] != ';' && t.Contains('=')) count++;
        }
        return count;
    }
}
