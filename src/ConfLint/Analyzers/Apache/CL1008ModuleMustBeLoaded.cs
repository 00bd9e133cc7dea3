using ConfLint.Diagnostics;
using ConfLint.Syntax.Apache;

namespace ConfLint.Analyzers.Apache;

/// <summary>A known directive whose module no LoadModule loads: httpd reports it as an invalid command.</summary>
public sealed class CL1008ModuleMustBeLoaded : Analyzer<ApacheConfiguration>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL1008",
        "Directive of a module that is not loaded",
        "{0}",
        "Apache",
        Severity.Error,
        "A directive is only known to httpd when its module is loaded: `RewriteEngine On` without `LoadModule rewrite_module …` fails with `Invalid command 'RewriteEngine', perhaps misspelled or defined by a module not included in the server configuration`. ConfLint names the module and the LoadModule line that loads it; wrapping the block in <IfModule> makes it optional.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override string? SharedWork => ApacheDirectiveChecks.SharedWorkName;

    public override void Analyze(ApacheConfiguration input, AnalysisContext context)
    {
        ApacheDirectiveChecks.Report(input, DirectiveCheck.ModuleNotLoaded, Rule, context);
        // A standalone .htaccess does not say which modules the server loads: not guessed, said once.
        var unknown = ApacheDirectiveChecks.For(input).FirstOrDefault(f => f.Check == DirectiveCheck.ModuleUnknown);
        if (unknown is not null)
            context.ReportOnce("CL1008:htaccess-modules:" + input.MainHostPath,
                Diagnostic.Create(Input.CL0004CheckNeedsMissingFact.Rule, unknown.Location, unknown.Message).WithIncludeChain(unknown.Node.IncludeChain));
    }
}
