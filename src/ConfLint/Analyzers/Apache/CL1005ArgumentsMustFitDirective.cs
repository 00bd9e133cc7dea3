using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>httpd's invoke_cmd(): the words must fit the directive's cmd_how (TAKE1…ITERATE2, FLAG), plus handler forms ConfLint mirrors.</summary>
public sealed class CL1005ArgumentsMustFitDirective : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1005",
        "Wrong number or form of arguments",
        "{0}",
        "Apache",
        Severity.Error,
        "httpd counts a directive's words before calling its handler (TAKE1, TAKE12, ITERATE2, FLAG…) and stops with `X takes one argument`, `X takes two or three arguments`, `X must be On or Off`. Some handlers check forms too: Action's third word may only be `virtual`.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override string? SharedWork => ApacheDirectiveChecks.SharedWorkName;

    public override void Analyze(ApacheConfiguration input, AnalysisContext context) =>
        ApacheDirectiveChecks.Report(input, DirectiveCheck.Arguments, Rule, context);
}
