using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;

namespace ConfLint.Analyzers.PhpIni;

/// <summary>
/// Production hardening advice, one finding per directive line that needs it: expose_php,
/// display_errors or allow_url_include switched on, disable_functions without the process-spawning
/// functions. A main php.ini that never sets disable_functions gets one finding at its first line.
/// </summary>
public sealed class CL4009PhpIniShouldBeHardened : Analyzer<PhpIniFile>
{
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        "CL4009",
        "Production hardening of php.ini",
        "{0}",
        "PhpIni",
        Severity.Info,
        "On a shared host a leaked version banner, error messages shown to visitors, remote includes, or a PHP that can start shell commands make one vulnerable site a foothold for the whole server.",
        securitySeverity: 3.0);

    public static readonly string[] ShellFunctions = { "exec", "system", "passthru", "shell_exec", "proc_open", "popen" };

    public override DiagnosticDescriptor Descriptor => Rule;

    public override void Analyze(PhpIniFile input, AnalysisContext context)
    {
        var doc = input.Document;
        void At(IniEntry entry, string message) =>
            context.Report(Diagnostic.Create(Rule, doc.GetLocation(entry.Value!.Span.Length > 0 ? entry.Value.Span : entry.KeySpan), message));

        if (input.EffectiveEntry("expose_php") is { } expose && IsOn(expose.Value!.Text))
            At(expose, "expose_php is On: every response carries an X-Powered-By header with the PHP version; set expose_php = Off");
        if (input.EffectiveEntry("display_errors") is { } display && DisplaysErrors(display.Value!.Text))
            At(display, "display_errors is On: warnings with paths and queries reach visitors; set display_errors = Off and log_errors = On");
        if (input.EffectiveEntry("allow_url_include") is { } include && IsOn(include.Value!.Text))
            At(include, "allow_url_include is On: include/require can load code from URLs; set allow_url_include = Off");

        var disable = input.EffectiveEntry("disable_functions");
        if (disable is not null)
        {
            var missing = ShellFunctions.Where(f => !Lists(disable.Value!.Text, f)).ToList();
            if (missing.Count > 0)
                At(disable, $"disable_functions does not disable {string.Join(", ", missing)}: PHP code can still run shell commands");
        }
        else if (input.Role == PhpIniRole.Main && doc.Text.LineCount > 0)
        {
            context.Report(Diagnostic.Create(Rule, doc.Text.GetLineLocation(1),
                $"this php.ini never sets disable_functions: {string.Join(", ", ShellFunctions)} stay callable (add disable_functions = {string.Join(",", ShellFunctions)})"));
        }
    }

    // Whether the comma-separated list names the function (entries trimmed, any case), read in place: a host's php.ini
    // files mostly list every one, and each file would otherwise split its list into a set.
    private static bool Lists(string list, string function)
    {
        foreach (var range in list.AsSpan().Split(','))
            if (list.AsSpan()[range].Trim().Equals(function, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // zend_ini_parse_bool
    private static bool IsOn(string value)
    {
        var v = value.Trim();
        return v.Equals("on", StringComparison.OrdinalIgnoreCase) || v.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || v.Equals("true", StringComparison.OrdinalIgnoreCase) || IniParser.Atoi(v) != 0;
    }

    // php_get_display_errors_mode: on/yes/true/stdout → shown to the client; stderr → server log.
    private static bool DisplaysErrors(string value)
    {
        var v = value.Trim();
        if (v.Equals("stderr", StringComparison.OrdinalIgnoreCase)) return false;
        if (v.Equals("stdout", StringComparison.OrdinalIgnoreCase)) return true;
        return IsOn(v);
    }
}
