using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Shell;

namespace ConfLint.Analyzers.Wrapper;

/// <summary>The wrapper starts the PHP CLI binary (php, php8.2) where a CGI/FastCGI build is needed.</summary>
public sealed partial class CL6005WrapperMustRunCgiBuildOfPhp : Analyzer<WrapperModel>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL6005",
        "Wrapper runs the PHP CLI instead of a CGI/FastCGI build",
        "'{0}' is the PHP command-line binary: it speaks neither CGI nor FastCGI, so the web server gets the script's raw output or nothing; run php-cgi (e.g. '{1}')",
        "Wrapper",
        Severity.Warning,
        "Only the CGI SAPI (php-cgi, Debian's php-cgi8.2, the seed's php-fcgi / php5-fcgi) answers FastCGI requests. The CLI binary (php, php8.2, php5) ignores the FastCGI socket it is given, prints headers-less output and exits: mod_fastcgi/mod_fcgid log 'incomplete headers' or a premature end of script and the client gets a 500.");

    public override DiagnosticDescriptor Descriptor => Rule;

    // The CLI's names: php, php5, php7.4, php8.2 (Debian's update-alternatives names).
    [GeneratedRegex(@"^php\d*(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CliName();

    public override void Analyze(WrapperModel input, AnalysisContext context)
    {
        if (input.Php is not { ProgramName: { } name } php) return;
        if (!CliName().IsMatch(name)) return;
        var program = php.Program!;
        var suggestion = program[..(program.Length - name.Length)] + "php-cgi" + name[3..];
        context.Report(Diagnostic.Create(Rule, input.GetLocation(php.ProgramWord.Span), program, suggestion));
    }
}
