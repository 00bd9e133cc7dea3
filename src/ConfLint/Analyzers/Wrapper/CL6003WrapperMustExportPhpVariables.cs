using ConfLint.Diagnostics;
using ConfLint.Syntax.Shell;

namespace ConfLint.Analyzers.Wrapper;

/// <summary>PHP_FCGI_CHILDREN, PHP_FCGI_MAX_REQUESTS or PHPRC is assigned but never exported, so PHP does not see it.</summary>
public sealed class CL6003WrapperMustExportPhpVariables : Analyzer<WrapperModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL6003",
        "PHP variable assigned but not exported",
        "{0} is assigned but not exported: PHP never sees it ({1}); add 'export {0}'",
        "Wrapper",
        Severity.Error,
        "A shell assignment `VAR=value` sets a shell variable only; the programs the shell starts see it only after `export VAR` (or `VAR=value exec php-cgi`). php-cgi reads PHP_FCGI_CHILDREN, PHP_FCGI_MAX_REQUESTS and PHPRC from its environment (cgi_main.c), so an unexported one silently has its default.");

    public override DiagnosticDescriptor Descriptor => Rule;

    internal static readonly IReadOnlyDictionary<string, string> Effects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PHP_FCGI_CHILDREN"] = "php-cgi runs as one process without FastCGI children",
        ["PHP_FCGI_MAX_REQUESTS"] = "php-cgi exits after its default of 500 requests",
        ["PHPRC"] = "php-cgi searches its default php.ini locations instead",
    };

    public override void Analyze(WrapperModel input, AnalysisContext context)
    {
        foreach (var variable in input.Variables)
        {
            if (!Effects.TryGetValue(variable.Name, out var effect)) continue;
            if (variable.Exported || PassedToPhp(input, variable.Name) || variable.LastAssignment is not { } assignment) continue;
            context.Report(Diagnostic.Create(Rule, input.GetLocation(assignment.NameSpan), variable.Name, effect));
        }
    }

    // Whether the command that starts PHP sets the variable itself (`VAR=value exec php-cgi`).
    private static bool PassedToPhp(WrapperModel input, string name)
    {
        if (input.Php is not { } php) return false;
        foreach (var e in php.Environment)
            if (e.Name == name) return true;
        return false;
    }
}
