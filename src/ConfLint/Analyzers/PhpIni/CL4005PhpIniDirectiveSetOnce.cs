using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>A directive set twice in one php.ini: the later value wins, the earlier line is dead.</summary>
public sealed class CL4005PhpIniDirectiveSetOnce : Analyzer<PhpIniFile>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4005",
        "Directive set twice in one file",
        "'{0}' is set again here (first on line {1}); this later value wins",
        "PhpIni",
        Severity.Warning,
        "php_ini_parser_cb stores each entry in a hash: a second assignment of the same directive in the same scope replaces the first, so the earlier line has no effect. Typical after appending to a long php.ini.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(PhpIniFile input, AnalysisContext context)
    {
        var first = new Dictionary<(string, IniSection?), IniEntry>();
        foreach (var entry in input.Settings)
        {
            if (entry.Offset is not null) continue;
            var key = (entry.Key, entry.PerDirectoryScope);
            if (!first.TryGetValue(key, out var earlier))
            {
                first[key] = entry;
                continue;
            }
            var earlierLocation = input.Document.GetLocation(earlier.KeySpan);
            var diagnostic = Diagnostic.Create(Rule, input.Document.GetLocation(entry.KeySpan), entry.Key, earlierLocation.Line)
                .WithRelated(earlierLocation, $"first set here to '{earlier.Value?.SourceText}'");
            context.Report(diagnostic);
        }
    }
}
