using ConfLint.Diagnostics;
using ConfLint.Syntax.Shell;

namespace ConfLint.Analyzers.Wrapper;

/// <summary>The wrapper runs PHP as a child of the shell instead of replacing the shell with `exec`.</summary>
public sealed class CL6001WrapperMustExecPhp : Analyzer<WrapperModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL6001",
        "Wrapper runs PHP without exec",
        "'{0}' runs PHP without exec: the shell stays between the process manager and PHP, so signals and the exit status do not reach PHP; write 'exec {0}'",
        "Wrapper",
        Severity.Warning,
        "mod_fastcgi, mod_fcgid and suexec manage the process they started. Without `exec`, that process is the shell: a SIGTERM stops the shell and leaves php-cgi (and its PHP_FCGI_CHILDREN) running, and the FastCGI socket handed to the wrapper is read by a child the manager does not know.");

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(WrapperModel input, AnalysisContext context)
    {
        foreach (var command in input.PhpRunsWithoutExec)
        {
            var name = command.Name!;
            context.Report(Diagnostic.Create(Rule, input.GetLocation(name.Span), name.Raw));
        }
    }
}
