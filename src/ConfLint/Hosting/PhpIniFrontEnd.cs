using ConfLint.Analyzers.PhpIni;
using ConfLint.Syntax.Ini;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// Reads php.ini files (php.ini, php-*.ini, php.ini-*, conf.d/*.ini, .user.ini, *.ini under a php
/// directory) as PHP 8.2 reads them at startup, reports where PHP's parser stops (CL4002) and adds
/// the <see cref="PhpIniFile"/> for the CL4xxx analyzers.
/// </summary>
public sealed class PhpIniFrontEnd : IFrontEnd
{
    public InputKind Kind => InputKind.PhpIni;

    /// <summary>
    /// The environment `${VAR}` reads at startup is the web server's, which a lint run does not know:
    /// references resolve from earlier entries only, else to "" (the references stay in the tree).
    /// </summary>
    public static IniParseOptions StartupOptions { get; } = IniParseOptions.PhpStartup with { Environment = _ => null };

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        if (name == ".user.ini" || name == "php.ini" || name.StartsWith("php.ini-", StringComparison.Ordinal)) return 2;
        if (name.EndsWith(".ini", StringComparison.Ordinal))
        {
            if (name.StartsWith("php-", StringComparison.Ordinal) || name.StartsWith("php5-", StringComparison.Ordinal)) return 2;
            var dir = Path.GetDirectoryName(hostPath) ?? "";
            if (dir.EndsWith("/conf.d", StringComparison.Ordinal) || dir.Contains("/conf.d/", StringComparison.Ordinal)) return 2;
            if (dir.Split('/').Any(IsPhpDirectoryName)) return 2;
        }
        return LooksLikePhpIni(text) ? 1 : 0;
    }

    // /etc/php/8.2/…, /etc/php5/…, /usr/local/php-8.2/…, /opt/php82/…
    private static bool IsPhpDirectoryName(string part) =>
        System.Text.RegularExpressions.Regex.IsMatch(part, @"^php(-?[0-9][0-9.]*)?$");

    /// <summary>By content: `key = value` lines whose keys are mostly known php.ini directives, and no markup.</summary>
    internal static bool LooksLikePhpIni(SourceText text)
    {
        if (text.Text.Contains("</", StringComparison.Ordinal)) return false;
        var document = IniDocument.Parse(text, IniParseOptions.Default with { Environment = _ => null });
        var keys = document.Entries.Where(e => e.Value is not null && e.Offset is null).Select(e => e.Key).ToList();
        if (keys.Count == 0) return false;
        int known = keys.Count(k => PhpDirectives.Find(k) is not null);
        return known >= 1 && known * 2 >= keys.Count;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request)
    {
        var text = compilation.FileSystem.ReadText(hostPath, compilation.Diagnostics);
        if (text is null) return;
        compilation.AddSource(text);
        var file = Read(text, PhpIniFile.RoleOf(hostPath), compilation.Diagnostics);
        compilation.AddInput(file);
    }

    // A host's jails often hold copies of one php.ini (a control panel writes them alike, or copies the distribution's): a
    // text is parsed once. The parse depends on the text alone with the startup options, whose environment is empty.
    private static readonly ParsedTexts<IniDocument> Parsed = new(maxEntries: 4096, maxTextLength: 1 << 20);

    /// <summary>Parses a php.ini as PHP does at startup and reports a syntax error as CL4002.</summary>
    public static PhpIniFile Read(SourceText text, PhpIniRole role, Diagnostics.DiagnosticBag diagnostics)
    {
        var document = Parsed.GetOrParse(text.Text, () => IniDocument.Parse(text, StartupOptions)).WithText(text);
        if (document.Error is { } error) diagnostics.Add(CL4002PhpIniMustParse.Create(document, error));
        return new PhpIniFile(document, role);
    }
}
