using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Handlers;

/// <summary>AddHandler maps .php by extension: mod_mime matches every extension, so x.php.jpg runs as PHP.</summary>
public sealed class CL2006PhpMustNotBeMappedByExtension : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL2006",
        "AddHandler maps .php by extension",
        "'AddHandler {0} {1}' also runs files like 'upload.php.jpg' as PHP: mod_mime applies the handler of every extension of the name; use <FilesMatch \"\\.php$\"> with SetHandler {0}",
        "Handlers",
        Severity.Warning,
        "mod_mime looks at every dot-separated part of a file name after the first, so `AddHandler php-script .php` makes `avatar.php.jpg` (an upload that passed an image check) run as PHP. The httpd manual recommends `<FilesMatch \"[^.]+\\.php$\"> SetHandler … </FilesMatch>`, which only matches names that end in .php.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(ApacheConfiguration config, AnalysisContext context)
    {
        foreach (var node in config.ActiveDirectives())
        {
            if (node.Directive is not { } d || !d.Is("AddHandler") || d.Arguments.Length < 2) continue;
            var handler = d.Arguments[0].Value;
            // Handlers that do not execute anything are harmless (e.g. `default-handler`, `type-map`).
            if (handler is "default-handler" or "type-map" or "send-as-is" or "imap-file") continue;
            foreach (var extension in d.Arguments.Skip(1))
            {
                var e = extension.Value.TrimStart('.').ToLowerInvariant();
                if (!(e.StartsWith("php", StringComparison.Ordinal) || e is "phtml" or "phar")) continue;
                context.Report(new Diagnostic(Rule, Rule.DefaultSeverity, d.Line.Source.GetLocation(extension.Span),
                    Rule.FormatMessage(handler, extension.Value), d.IncludeChain, System.Collections.Immutable.ImmutableArray<RelatedLocation>.Empty));
            }
        }
    }
}
