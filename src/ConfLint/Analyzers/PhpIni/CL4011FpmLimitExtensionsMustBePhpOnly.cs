using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>A pool's security.limit_extensions is empty or lets files other than .php/.phar/.phpN run.</summary>
public sealed partial class CL4011FpmLimitExtensionsMustBePhpOnly : Analyzer<FpmConfig>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4011",
        "FPM pool runs files that are not PHP scripts",
        "{0}",
        "PhpIni",
        Severity.Warning,
        "security.limit_extensions is the pool's guard against running an uploaded file as PHP when the web server passes a path like /upload/x.jpg/y.php (fpm_main.c refuses scripts whose extension is not listed: 'Access to the script … has been denied (see security.limit_extensions)'). Set empty, every file runs; listing .html, .jpg and the like lets an uploaded image run as PHP. Unset means `.php .phar`, which is fine.",
        securitySeverity: 7.5);

    public override DiagnosticDescriptor Descriptor => Rule;

    [GeneratedRegex(@"^\.(php\d*|phar)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhpExtension();

    public override void Analyze(FpmConfig input, AnalysisContext context)
    {
        foreach (var pool in input.Pools)
        {
            var setting = pool.Get("security.limit_extensions");
            if (setting is null) continue;
            var extensions = pool.LimitExtensions;
            if (extensions.Count == 0)
            {
                context.Report(Diagnostic.Create(Rule, setting.Location,
                    $"pool [{pool.Name}] sets security.limit_extensions empty: php-fpm then runs any file as PHP (an uploaded x.jpg too); list '.php' only"));
                continue;
            }
            var others = extensions.Where(e => !PhpExtension().IsMatch(e)).ToList();
            if (others.Count == 0) continue;
            context.Report(Diagnostic.Create(Rule, setting.ValueLocation,
                $"pool [{pool.Name}] lets security.limit_extensions run {string.Join(", ", others.Select(e => $"'{e}'"))} as PHP: a file uploaded with that extension is executed; keep '.php' (and '.phar', '.phpN') only"));
        }
    }
}
