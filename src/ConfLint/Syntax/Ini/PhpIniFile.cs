using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>Which php.ini a file is to PHP.</summary>
public enum PhpIniRole
{
    /// <summary>The main php.ini (php.ini, php-SAPI.ini, php.ini-production…).</summary>
    Main,

    /// <summary>A file of the scan directory (conf.d/*.ini), read after the main file.</summary>
    ScanDirectory,

    /// <summary>A per-directory .user.ini (CGI/FastCGI and FPM; PERDIR and USER directives only).</summary>
    UserIni,
}

/// <summary>A php.ini as PHP reads it at startup: the analyzers of the CL4xxx rules inspect this input.</summary>
public sealed class PhpIniFile
{
    public PhpIniFile(IniDocument document, PhpIniRole role)
    {
        Document = document;
        Role = role;
    }

    public IniDocument Document { get; }

    public PhpIniRole Role { get; }

    public SourceText Text => Document.Text;

    public string HostPath => Document.Text.HostPath;

    /// <summary>
    /// The role a file plays, from its name: .user.ini; php.ini, php.ini-*, php-SAPI.ini (the names
    /// PHP searches for) are main files; any other *.ini is a scan-directory snippet (conf.d/,
    /// Debian's mods-available/).
    /// </summary>
    public static PhpIniRole RoleOf(string hostPath)
    {
        var name = Path.GetFileName(hostPath);
        if (name == ".user.ini") return PhpIniRole.UserIni;
        if (name.StartsWith("php.ini", StringComparison.Ordinal) || name.StartsWith("php-", StringComparison.Ordinal)
            || name.StartsWith("php5", StringComparison.Ordinal) || name == "php.ini") return PhpIniRole.Main;
        return hostPath.Contains("/conf.d/", StringComparison.Ordinal) || name.EndsWith(".ini", StringComparison.Ordinal)
            ? PhpIniRole.ScanDirectory
            : PhpIniRole.Main;
    }

    /// <summary>Entries that set a setting at startup (not extension loads; in PATH/HOST scope or not).</summary>
    public IEnumerable<IniEntry> Settings => Document.Entries.Where(e => e.IsSetting);

    /// <summary>The entry whose value PHP keeps for a global directive (the last one outside PATH/HOST scope), or null.</summary>
    public IniEntry? EffectiveEntry(string name) => Document.LastGlobalSettings.GetValueOrDefault(name);
}
