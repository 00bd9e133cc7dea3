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
        // Most php.ini files set a handful of directives: the earlier ones are searched in place, and a map is made only
        // for a long file.
        var entries = input.Document.Entries;
        Dictionary<(string, IniSection?), IniEntry>? first = entries.Length > 32 ? new() : null;
        for (int i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (!Counts(entry)) continue;
            var key = (entry.Key, entry.PerDirectoryScope);
            IniEntry? earlier = null;
            if (first is not null)
            {
                if (!first.TryGetValue(key, out earlier)) first[key] = entry;
            }
            else
            {
                for (int j = 0; j < i && earlier is null; j++)
                    if (Counts(entries[j]) && entries[j].Key == entry.Key && entries[j].PerDirectoryScope == entry.PerDirectoryScope) earlier = entries[j];
            }
            if (earlier is null) continue;
            var earlierLocation = input.Document.GetLocation(earlier.KeySpan);
            var diagnostic = Diagnostic.Create(Rule, input.Document.GetLocation(entry.KeySpan), entry.Key, earlierLocation.Line)
                .WithRelated(earlierLocation, $"first set here to '{earlier.Value?.SourceText}'");
            context.Report(diagnostic);
        }
    }

    // A setting of a whole directive (an array element, `key[] =`, may be given many times).
    private static bool Counts(IniEntry entry) => entry.IsSetting && entry.Offset is null;
}
