using System.Collections.Immutable;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Handlers;

/// <summary>AddType application/x-httpd-php with nothing that handles it: the PHP source is served.</summary>
public sealed class CL2007PhpTypeMustHaveHandler : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2007",
        "PHP content type with no active handler: source is served",
        "'AddType {0} {1}' has no active handler: no loaded module handles '{0}', no Action names it and no AddHandler/SetHandler maps '{1}', so clients download the PHP source (passwords in config files included)",
        "Handlers",
        Severity.Error,
        "With no handler set, httpd uses the content type as the handler name. `AddType application/x-httpd-php .php` runs PHP only while mod_php is loaded or an Action names that type; when the handler that did (often inside an `<IfModule>` of an unloaded module) is gone, httpd serves the .php file as text: database passwords and all.",
        securitySeverity: 9.0);

    private static readonly string[] PhpModules = { "php_module", "php7_module", "php5_module", "php4_module" };

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(ApacheConfiguration config, AnalysisContext context)
    {
        if (PhpModules.Any(config.Modules.Contains)) return;
        var directives = config.ActiveDirectives();
        var actionTypes = directives.Select(c => c.Directive!).Where(d => d.Is("Action") && d.Arguments.Length > 0)
            .Select(d => d.Arguments[0].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var handledExtensions = directives.Select(c => c.Directive!).Where(d => d.Is("AddHandler") && d.Arguments.Length > 1)
            .SelectMany(d => d.Arguments.Skip(1)).Select(a => Normalize(a.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool phpSetHandler = directives.Any(c => c.Directive!.Is("SetHandler") && c.Sections.Any(s => s.Kind is ApacheSectionKind.FilesMatch or ApacheSectionKind.Files && s.ArgumentText.Contains("php", StringComparison.OrdinalIgnoreCase)));
        foreach (var c in directives)
        {
            var d = c.Directive!;
            if (!d.Is("AddType") || d.Arguments.Length < 2) continue;
            var type = d.Arguments[0].Value;
            if (!type.StartsWith("application/x-httpd-php", StringComparison.OrdinalIgnoreCase) || type.EndsWith("-source", StringComparison.OrdinalIgnoreCase)) continue;
            if (actionTypes.Contains(type) || phpSetHandler) continue;
            foreach (var extension in d.Arguments.Skip(1).Where(a => !handledExtensions.Contains(Normalize(a.Value))))
            {
                context.Report(new Diagnostic(Rule, Rule.DefaultSeverity, d.Line.Source.GetLocation(d.Arguments[0].Span),
                    Rule.FormatMessage(type, extension.Value), d.IncludeChain, ImmutableArray<RelatedLocation>.Empty));
            }
        }
    }

    private static string Normalize(string extension) => extension.TrimStart('.').ToLowerInvariant();
}
