using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>httpd's invoke_cmd() req_override test and the handlers' ap_check_cmd_context(): a directive refused where it stands.</summary>
public sealed class CL1004DirectiveMustBeAllowedInContext : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1004",
        "Directive not allowed in this context",
        "{0}",
        "Apache",
        Severity.Error,
        "Each directive is allowed only in some contexts (server config, <VirtualHost>, <Directory>/<Location>/<Files>, <If>, <Limit>, .htaccess with an AllowOverride class). httpd refuses it elsewhere with `X not allowed here` or `X cannot occur within <Directory> section`: FastCgiWrapper in <VirtualHost>, SuexecUserGroup in <Directory>, ServerName in <If>.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override string? SharedWork => ApacheDirectiveChecks.SharedWorkName;

    public override void Analyze(ApacheConfiguration input, AnalysisContext context) =>
        ApacheDirectiveChecks.Report(input, DirectiveCheck.Context, Rule, context);
}
