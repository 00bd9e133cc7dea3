using ConfLint.Diagnostics;
using ConfLint.Syntax.Shell;

namespace ConfLint.Analyzers.Wrapper;

/// <summary>PHP_FCGI_CHILDREN or PHP_FCGI_MAX_REQUESTS holds a value php-cgi rejects or reads as 0.</summary>
public sealed class CL6004WrapperPhpVariableMustBeValid : Analyzer<WrapperModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL6004",
        "Invalid PHP_FCGI_CHILDREN or PHP_FCGI_MAX_REQUESTS value",
        "{0}='{1}' {2}",
        "Wrapper",
        Severity.Warning,
        "php-cgi reads PHP_FCGI_CHILDREN and PHP_FCGI_MAX_REQUESTS with atoi() (cgi_main.c): a negative number makes it print 'PHP_FCGI_CHILDREN is not valid' / 'PHP_FCGI_MAX_REQUESTS is not valid' and exit, and text that is not a number is read as its leading digits, or 0, without a word.");

    public override DiagnosticDescriptor Descriptor => Rule;

    private static readonly string[] Names = { "PHP_FCGI_CHILDREN", "PHP_FCGI_MAX_REQUESTS" };

    public override void Analyze(WrapperModel input, AnalysisContext context)
    {
        HashSet<(string, int)>? seen = null;
        foreach (var name in Names)
        {
            // The variable's assignments in the script, then those in front of the PHP command (`PHPRC=… exec php-cgi`).
            if (input.Variable(name)?.Assignments is { IsDefault: false } assignments)
                foreach (var assignment in assignments) Check(name, assignment);
            if (input.Php is { } php)
                foreach (var assignment in php.Command.Assignments)
                    if (assignment.Name == name) Check(name, assignment);
        }

        void Check(string name, ShellAssignment assignment)
        {
            if (!(seen ??= new()).Add((name, assignment.Span.Start))) return;
            var value = assignment.Value.Literal;
            if (value is null) return;
            var problem = Judge(name, value);
            if (problem is null) return;
            context.Report(Diagnostic.Create(Rule, input.GetLocation(assignment.Value.Span.Length > 0 ? assignment.Value.Span : assignment.Span), name, value, problem));
        }
    }

    /// <summary>What php-cgi makes of the value, or null when it is a plain non-negative number.</summary>
    internal static string? Judge(string name, string value)
    {
        if (value.Length > 0 && value.All(char.IsAsciiDigit)) return null;
        var trimmed = value.TrimStart(' ', '\t', '\n', '\v', '\f', '\r');
        int sign = 1, k = 0;
        if (k < trimmed.Length && trimmed[k] is '+' or '-') { sign = trimmed[k] == '-' ? -1 : 1; k++; }
        int digits = 0;
        while (k + digits < trimmed.Length && char.IsAsciiDigit(trimmed[k + digits])) digits++;
        bool negative = sign < 0 && digits > 0 && trimmed.Substring(k, digits).Any(c => c != '0');
        if (negative) return $"is negative: php-cgi prints '{name} is not valid' and exits";
        if (digits == 0) return "is not a number: php-cgi reads it as 0" + (name == "PHP_FCGI_CHILDREN" ? " (no FastCGI children)" : " (no request limit)");
        return $"is not a plain number: php-cgi reads only its leading digits ({trimmed.Substring(k, digits)})";
    }
}
