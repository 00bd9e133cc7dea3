using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>A file php-fpm read: the main configuration or one brought in by `include`.</summary>
public sealed record FpmFile(SourceText Source, ImmutableArray<Location> IncludeChain)
{
    public string HostPath => Source.HostPath;
}

/// <summary>
/// One `key = value` or `name[key] = value` line as FPM applied it. <see cref="Value"/> is the
/// string FPM stores: the INI parser's value with `$pool` replaced for string keys and arrays;
/// <see cref="Number"/> the integer or seconds FPM computed for typed keys.
/// </summary>
public sealed record FpmSetting(
    string Key,
    string? ArrayKey,
    string Value,
    string WrittenValue,
    FpmFile File,
    int Line,
    TextSpan KeySpan,
    TextSpan ValueSpan,
    TextSpan Span,
    long? Number)
{
    public bool IsArray => ArrayKey is not null;

    public Location Location => File.Source.GetLocation(Span);

    public Location KeyLocation => File.Source.GetLocation(KeySpan);

    public Location ValueLocation => File.Source.GetLocation(ValueSpan.Length > 0 ? ValueSpan : Span);

    /// <summary>`path:line` for dumps and messages.</summary>
    public string Where => $"{File.HostPath}:{Line}";
}

/// <summary>When FPM finds a problem: while reading a line, after reading (fpm_conf_post_process), or resolving users.</summary>
public enum FpmProblemPhase
{
    Syntax,
    Load,
    PostProcess,
    Users,
}

/// <summary>
/// A reason php-fpm refuses to start, found the way FPM finds it. <see cref="EngineMessage"/>
/// is FPM's own log line text; <see cref="EngineLine"/> the line number FPM prints (its counter
/// is not reset after an include, so it can differ from <see cref="Location"/>'s line), null
/// when FPM names no line. <see cref="Order"/> is FPM's processing order: php-fpm stops at the
/// first problem and reports only that one. <see cref="OnDisk"/> marks chroot/chdir/prefix
/// directories missing on disk (CL4012); the others are CL4013.
/// </summary>
public sealed record FpmProblem(
    FpmProblemPhase Phase,
    Location Location,
    string Message,
    string EngineMessage,
    int? EngineLine,
    long Order,
    ImmutableArray<Location> IncludeChain,
    bool OnDisk = false);

/// <summary>An `include = pattern` line and the files its glob matched (byte order).</summary>
public sealed record FpmInclude(FpmFile File, int Line, TextSpan Span, string Pattern, string ResolvedPattern, ImmutableArray<string> Matches);

/// <summary>
/// A pool section (`[www]`) with every setting in the order FPM applied them (a later
/// `[www]` reopens the same pool, compared case-insensitively). Effective scalar values are
/// the last one set; <see cref="Evaluated"/> holds the paths FPM rewrites after reading
/// (chroot with `$prefix`, relative chdir/slowlog/access.log/unix listen against the prefix).
/// </summary>
public sealed class FpmPool
{
    private readonly List<FpmSetting> _settings = new();

    internal FpmPool(string name, FpmFile file, int line, TextSpan headerSpan)
    {
        Name = name;
        File = file;
        Line = line;
        HeaderSpan = headerSpan;
    }

    public string Name { get; }

    public FpmFile File { get; }

    public int Line { get; }

    public TextSpan HeaderSpan { get; }

    public Location HeaderLocation => File.Source.GetLocation(HeaderSpan);

    public IReadOnlyList<FpmSetting> Settings => _settings;

    internal void Add(FpmSetting setting) => _settings.Add(setting);

    /// <summary>The setting in effect for a scalar key (the last one; keys compare case-insensitively).</summary>
    public FpmSetting? Get(string key)
    {
        // The last setting wins; asked for often (listen, user, chroot...), so a plain backwards scan.
        for (int i = _settings.Count - 1; i >= 0; i--)
        {
            var s = _settings[i];
            if (!s.IsArray && string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)) return s;
        }
        return null;
    }

    public string? Value(string key) => Get(key)?.Value;

    /// <summary>
    /// The elements of the array settings that php-fpm keeps in one list (`env`; `php_value` with `php_flag`;
    /// `php_admin_value` with `php_admin_flag`) that take effect: the first of each key, in file order. FPM prepends each
    /// element to its list as it reads and applies the list from its head, so of two elements with one key the first in the
    /// file is applied last.
    /// </summary>
    public IReadOnlyList<FpmSetting> ArrayInEffect(string name, string? sameList = null)
    {
        List<FpmSetting>? found = null;
        HashSet<string>? keys = null;
        foreach (var s in _settings)
        {
            if (!s.IsArray || s.ArrayKey is null || (s.Key != name && s.Key != sameList)) continue;
            if ((keys ??= new(StringComparer.Ordinal)).Add(s.ArrayKey)) (found ??= new()).Add(s);
        }
        return found ?? (IReadOnlyList<FpmSetting>)System.Array.Empty<FpmSetting>();
    }

    /// <summary>Effective scalar settings, one per key, in the order first set.</summary>
    public IEnumerable<FpmSetting> EffectiveSettings =>
        _settings.Where(s => !s.IsArray)
            .GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last());

    /// <summary>Paths as FPM evaluates them after reading (key → value), e.g. chroot → `/usr//x` for `$prefix/x`.</summary>
    public IReadOnlyDictionary<string, string> Evaluated => _evaluated;

    internal readonly Dictionary<string, string> _evaluated = new(StringComparer.Ordinal);

    /// <summary>The pool's chroot as FPM evaluates it, or null when unset.</summary>
    public string? Chroot => _evaluated.TryGetValue("chroot", out var c) ? c : null;

    /// <summary>security.limit_extensions as FPM splits it (blanks and tabs); `.php .phar` when unset.</summary>
    public IReadOnlyList<string> LimitExtensions =>
        (Value("security.limit_extensions") ?? ".php .phar").Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A php-fpm configuration as php-fpm 8.2 reads it: the main file and its includes, the
/// `[global]` settings, the pools, and every reason it would refuse to start.
/// </summary>
public sealed class FpmConfig : ConfLint.Reporting.Dumps.IDumpable
{
    public void WriteDump(TextWriter writer, ConfLint.Reporting.DumpOptions options) => ConfLint.Reporting.ModelDumps.Write(this, writer, options);

    internal FpmConfig(FpmFile main, ImmutableArray<FpmFile> files, ImmutableArray<FpmSetting> global, ImmutableArray<FpmPool> pools,
        ImmutableArray<FpmInclude> includes, ImmutableArray<FpmProblem> problems)
    {
        Main = main;
        Files = files;
        Global = global;
        Pools = pools;
        Includes = includes;
        Problems = problems;
    }

    public FpmFile Main { get; }

    public ImmutableArray<FpmFile> Files { get; }

    /// <summary>Settings of the `[global]` section (and of lines before any section), in order.</summary>
    public ImmutableArray<FpmSetting> Global { get; }

    public ImmutableArray<FpmPool> Pools { get; }

    public ImmutableArray<FpmInclude> Includes { get; }

    /// <summary>Every reason php-fpm would refuse to start, in FPM's order (it reports only the first).</summary>
    public ImmutableArray<FpmProblem> Problems { get; }

    public FpmSetting? GlobalSetting(string key) =>
        Global.LastOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    public FpmPool? Pool(string name) => Pools.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when php-fpm would start (`php-fpm -t` succeeds).</summary>
    public bool StartsCleanly => Problems.IsEmpty;
}
