using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>
/// An ordinary `[section]` after a `[PATH=…]`/`[HOST=…]` section does not end it: php_ini_parser_cb
/// keeps the per-directory hash active, so the entries below still apply only under that path or
/// host, not globally.
/// </summary>
public sealed class CL4010PerDirectorySectionMustBeLast : Analyzer<PhpIniFile>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4010",
        "Entries after a [PATH=]/[HOST=] section apply only inside it",
        "[{0}] does not end [{1}] (line {2}): the {3} setting{4} below apply only to {5}, not globally",
        "PhpIni",
        Severity.Warning,
        "PHP has no way to close a [PATH=…] or [HOST=…] section: every later entry of the file, also after an ordinary [section] header, joins that section's settings. Put per-directory sections at the end of php.ini.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(PhpIniFile input, AnalysisContext context)
    {
        var doc = input.Document;
        var statements = doc.Statements;
        for (int i = 0; i < statements.Length; i++)
        {
            if (statements[i] is not IniSection { PerDirectory: IniPerDirectoryKind.None } header) continue;
            var scope = statements.Skip(i + 1).OfType<IniEntry>().FirstOrDefault()?.PerDirectoryScope;
            if (scope is null) continue;
            int count = statements.Skip(i + 1).TakeWhile(s => s is not IniSection { PerDirectory: not IniPerDirectoryKind.None })
                .OfType<IniEntry>().Count(e => e.Value is not null && ReferenceEquals(e.PerDirectoryScope, scope));
            if (count == 0) continue;
            var scopeLocation = doc.GetLocation(scope.Span);
            var key = string.IsNullOrEmpty(scope.PerDirectoryKey) ? "/" : scope.PerDirectoryKey;
            var target = scope.PerDirectory == IniPerDirectoryKind.Path ? $"scripts under {key}" : $"the host {key}";
            context.Report(Diagnostic.Create(Rule, doc.GetLocation(header.Span), header.Name, scope.Name, scopeLocation.Line, count,
                    count == 1 ? "" : "s", target)
                .WithRelated(scopeLocation, "the per-directory section that stays open"));
        }
    }
}
