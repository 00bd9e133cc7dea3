using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>httpd's ap_walk_config_sub(): a name no module defines is "Invalid command"; the nearest known name is suggested.</summary>
public sealed class CL1003DirectiveMustBeKnown : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1003",
        "Unknown directive",
        "{0}",
        "Apache",
        Severity.Error,
        "httpd stops with `Invalid command 'X', perhaps misspelled or defined by a module not included in the server configuration` when no module defines a directive name (httpd 2.4 with Debian's modules, mod_fcgid, mod_fastcgi and mod_php's php_value family). In .htaccess the request fails with 500 Internal Server Error unless AllowOverride Nonfatal=Unknown. ConfLint names the nearest known directive.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override string? SharedWork => ApacheDirectiveChecks.SharedWorkName;

    public override void Analyze(ApacheConfiguration input, AnalysisContext context) =>
        ApacheDirectiveChecks.Report(input, DirectiveCheck.Unknown, Rule, context);
}
