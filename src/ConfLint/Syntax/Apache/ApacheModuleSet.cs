using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>A loaded module: its identifier (<c>rewrite_module</c>), source file name (<c>mod_rewrite.c</c>) and where it was loaded.</summary>
public sealed record ApacheModule(string Identifier, string SourceName, string? FilePath, Location? LoadedAt, bool IsBuiltIn);

/// <summary>
/// The set of loaded modules. &lt;IfModule&gt; accepts either the source file name
/// (<c>mod_rewrite.c</c>, matched against the module struct's name) or the identifier
/// (<c>rewrite_module</c>, the LoadModule symbol), both case-sensitively as httpd compares them.
/// </summary>
public sealed class ApacheModuleSet
{
    /// <summary>Debian's apache2 binary has these compiled in (`apache2 -l`); source name → identifier.</summary>
    public static readonly ImmutableArray<(string SourceName, string Identifier)> DebianBuiltIns = ImmutableArray.Create(
        ("core.c", "core_module"),
        ("mod_so.c", "so_module"),
        ("mod_watchdog.c", "watchdog_module"),
        ("http_core.c", "http_module"),
        ("mod_log_config.c", "log_config_module"),
        ("mod_logio.c", "logio_module"),
        ("mod_version.c", "version_module"),
        ("mod_unixd.c", "unixd_module"));

    // Modules whose source file name does not follow mod_NAME.c for NAME_module.
    private static readonly Dictionary<string, string> KnownSourceNames = new(StringComparer.Ordinal)
    {
        ["php_module"] = "mod_php.c",
        ["php7_module"] = "mod_php7.c",
        ["php5_module"] = "mod_php5.c",
        ["http_module"] = "http_core.c",
        ["core_module"] = "core.c",
        ["mpm_event_module"] = "event.c",
        ["mpm_worker_module"] = "worker.c",
        ["mpm_prefork_module"] = "prefork.c",
    };

    private readonly List<ApacheModule> _modules = new();

    // Every name a module answers to (identifier, source name, mod_NAME.c) → the first module in
    // load order that answers to it. <IfModule> and every dictionary check ask by name, so the
    // names are worked out once; built on first use and dropped when a module is removed.
    private Dictionary<string, ApacheModule>? _byName;

    public IReadOnlyList<ApacheModule> Modules => _modules;

    public static ApacheModuleSet CreateDebianDefault()
    {
        var set = new ApacheModuleSet();
        foreach (var (source, id) in DebianBuiltIns) set._modules.Add(new ApacheModule(id, source, null, null, true));
        return set;
    }

    public ApacheModuleSet Clone()
    {
        var copy = new ApacheModuleSet();
        copy._modules.AddRange(_modules);
        return copy;
    }

    /// <summary>True when a module is loaded, named by identifier or source file name (exact, case-sensitive).</summary>
    public bool Contains(string name) => Find(name) is not null;

    public ApacheModule? Find(string name) => ByName().GetValueOrDefault(name);

    private Dictionary<string, ApacheModule> ByName()
    {
        if (_byName is null)
        {
            _byName = new Dictionary<string, ApacheModule>(StringComparer.Ordinal);
            foreach (var m in _modules) AddNames(_byName, m);
        }
        return _byName;
    }

    // A module added later never shadows an earlier one that answers to the same name.
    private static void AddNames(Dictionary<string, ApacheModule> byName, ApacheModule m)
    {
        byName.TryAdd(m.Identifier, m);
        byName.TryAdd(m.SourceName, m);
        if (AlternateSourceName(m) is { } alternate) byName.TryAdd(alternate, m);
    }

    public static bool IsDebianBuiltIn(string identifier) => DebianBuiltIns.Any(b => b.Identifier == identifier);

    /// <summary>The source file name of a module loaded as <paramref name="identifier"/> from <paramref name="path"/>.</summary>
    public static string SourceNameFor(string identifier, string? path)
    {
        if (KnownSourceNames.TryGetValue(identifier, out var known)) return known;
        if (path is not null)
        {
            var file = Path.GetFileName(path);
            if (file.StartsWith("mod_", StringComparison.Ordinal) && file.EndsWith(".so", StringComparison.Ordinal))
                return file[..^3] + ".c";
        }
        return identifier.EndsWith("_module", StringComparison.Ordinal) ? "mod_" + identifier[..^7] + ".c" : identifier;
    }

    /// <summary>The other name a module answers to: by convention mod_NAME.c for NAME_module when the file name differs.</summary>
    private static string? AlternateSourceName(ApacheModule m) =>
        m.Identifier.EndsWith("_module", StringComparison.Ordinal) && !KnownSourceNames.ContainsKey(m.Identifier)
            ? "mod_" + m.Identifier[..^7] + ".c"
            : null;

    /// <summary>Normalises a user-given module name (--module rewrite, mod_rewrite.c, rewrite_module) to an identifier.</summary>
    public static string ToIdentifier(string name)
    {
        if (name.EndsWith("_module", StringComparison.Ordinal)) return name;
        var builtIn = DebianBuiltIns.FirstOrDefault(b => b.SourceName == name);
        if (builtIn.Identifier is not null) return builtIn.Identifier;
        var known = KnownSourceNames.FirstOrDefault(k => k.Value == name);
        if (known.Key is not null) return known.Key;
        var n = name;
        if (n.EndsWith(".c", StringComparison.Ordinal)) n = n[..^2];
        if (n.EndsWith(".so", StringComparison.Ordinal)) n = n[..^3];
        if (n.StartsWith("mod_", StringComparison.Ordinal)) n = n[4..];
        return n + "_module";
    }

    internal void Add(ApacheModule module)
    {
        if (Contains(module.Identifier)) return;
        _modules.Add(module);
        if (_byName is not null) AddNames(_byName, module);
    }

    internal void Remove(string identifier)
    {
        if (_modules.RemoveAll(m => m.Identifier == identifier) > 0) _byName = null;
    }
}
