using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>
/// A php.ini key PHP 8.2 does not know is stored and never read: the intended setting keeps its
/// default. Directives of extensions that are not loaded count as known; directives that older PHP
/// versions read are reported with the version that removed them.
/// </summary>
public sealed class CL4003PhpIniDirectiveMustBeKnown : Analyzer<PhpIniFile>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4003",
        "Unknown php.ini directive",
        "{0}",
        "PhpIni",
        Severity.Warning,
        "PHP keeps unknown php.ini keys in its configuration hash but no extension reads them, so a misspelt directive silently leaves the real one at its default. Directive names are case-sensitive.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(PhpIniFile input, AnalysisContext context)
    {
        foreach (var entry in input.Document.Entries)
        {
            if (!entry.IsSetting) continue;
            var key = entry.Key;
            var directive = PhpDirectives.Find(key);
            if (directive is null)
            {
                var location = input.Document.GetLocation(entry.KeySpan);
                var suggestion = PhpDirectives.Suggest(key);
                var message = suggestion is null
                    ? $"unknown php.ini directive '{key}': PHP 8.2 ignores it"
                    : $"unknown php.ini directive '{key}': did you mean '{suggestion}'?";
                context.Report(Diagnostic.Create(Rule, location, message));
            }
            else if (directive.RemovedIn is { } removed)
            {
                // The location is made only for a finding: nearly every directive is known and current.
                var location = input.Document.GetLocation(entry.KeySpan);
                var when = removed == "n/a" ? $"the {directive.Extension} extension does not exist for PHP 8.2" : $"it was removed in PHP {removed}";
                context.Report(Diagnostic.Create(Rule, location, $"php.ini directive '{key}' is not read by PHP 8.2: {when} ({directive.Source})"));
            }
        }
    }
}
