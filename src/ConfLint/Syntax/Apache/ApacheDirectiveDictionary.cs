using System.Collections.Immutable;
using System.Reflection;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// The kinds of place a directive can stand in, as httpd tells them apart: the cmd_parms override
/// bits (RSRC_CONF, ACCESS_CONF, OR_*) and the handlers' ap_check_cmd_context() checks
/// (NOT_IN_VIRTUALHOST, NOT_IN_LOCATION, NOT_IN_FILES, NOT_IN_DIRECTORY, NOT_IN_LIMIT, GLOBAL_ONLY…).
/// </summary>
[Flags]
public enum DirectiveContexts
{
    None = 0,

    /// <summary>Top level of the main configuration ("server config").</summary>
    Server = 1 << 0,

    /// <summary>Inside &lt;VirtualHost&gt; (outside any directory-like section).</summary>
    VirtualHost = 1 << 1,

    /// <summary>Inside &lt;Directory&gt; / &lt;DirectoryMatch&gt;.</summary>
    Directory = 1 << 2,

    /// <summary>Inside &lt;Location&gt; / &lt;LocationMatch&gt;.</summary>
    Location = 1 << 3,

    /// <summary>Inside &lt;Files&gt; / &lt;FilesMatch&gt;.</summary>
    Files = 1 << 4,

    /// <summary>Inside &lt;If&gt; / &lt;ElseIf&gt; / &lt;Else&gt;.</summary>
    If = 1 << 5,

    /// <summary>Inside &lt;Proxy&gt; / &lt;ProxyMatch&gt;.</summary>
    Proxy = 1 << 6,

    /// <summary>Inside &lt;Limit&gt; / &lt;LimitExcept&gt;.</summary>
    Limit = 1 << 7,

    /// <summary>A .htaccess file (allowed there when AllowOverride grants the directive's class).</summary>
    Htaccess = 1 << 8,
}

/// <summary>AllowOverride classes (OR_AUTHCFG, OR_FILEINFO, OR_INDEXES, OR_LIMIT, OR_OPTIONS).</summary>
[Flags]
public enum OverrideClass
{
    None = 0,
    AuthConfig = 1 << 0,
    FileInfo = 1 << 1,
    Indexes = 1 << 2,
    Limit = 1 << 3,
    Options = 1 << 4,
    All = AuthConfig | FileInfo | Indexes | Limit | Options,
}

/// <summary>How httpd's invoke_cmd() splits and counts a directive's arguments (cmd_how).</summary>
public enum ArgumentKind
{
    /// <summary>The handler gets the raw rest of the line (RAW_ARGS / TAKE_ARGV): httpd does not count.</summary>
    RawArgs,
    NoArgs,
    Take1,
    Take2,
    Take12,
    Take3,
    Take23,
    Take123,
    Take13,
    Iterate,
    Iterate2,

    /// <summary>One word, On or Off (case-insensitive); httpd ignores any words after it.</summary>
    Flag,
}

/// <summary>When httpd runs a directive's handler: while reading (EXEC_ON_READ) or when walking the tree.</summary>
public enum DirectivePhase
{
    Walk,
    Read,
}

/// <summary>One directive of the dictionary: one command_rec of one module.</summary>
public sealed record ApacheDirectiveInfo(
    string Name,
    string Module,
    string SourceFile,
    DirectiveContexts Contexts,
    OverrideClass Override,
    ArgumentKind Arguments,
    int MinArguments,
    int? MaxArguments,
    DirectivePhase Phase,
    string ManualContexts,
    bool FromDocumentation,
    string Description,
    ImmutableDictionary<DirectiveContexts, string> Refusals)
{
    /// <summary>
    /// httpd's own message when the directive stands in <paramref name="context"/> where it is refused
    /// ("not allowed here", "cannot occur within &lt;Directory&gt; section", "not allowed in &lt;If&gt; context").
    /// </summary>
    public string RefusalMessage(DirectiveContexts context)
    {
        if (context == DirectiveContexts.Htaccess) return Name + " not allowed here";
        return Refusals.TryGetValue(context, out var text)
            ? (text.StartsWith(Name, StringComparison.Ordinal) || text.StartsWith('<') ? text : Name + " " + text)
            : Name + " not allowed here";
    }

    /// <summary>Whether the directive is a section opener (&lt;Directory …&gt;); Name then starts with '&lt;'.</summary>
    public bool IsSection => Name.StartsWith('<');

    public bool AllowedIn(DirectiveContexts context) => (Contexts & context) != 0;

    /// <summary>The contexts in the words of the httpd manual ("server config, virtual host, directory, .htaccess").</summary>
    public string DescribeContexts()
    {
        var parts = new List<string>();
        if (AllowedIn(DirectiveContexts.Server)) parts.Add("server config");
        if (AllowedIn(DirectiveContexts.VirtualHost)) parts.Add("<VirtualHost>");
        var dir = new List<string>();
        if (AllowedIn(DirectiveContexts.Directory)) dir.Add("<Directory>");
        if (AllowedIn(DirectiveContexts.Location)) dir.Add("<Location>");
        if (AllowedIn(DirectiveContexts.Files)) dir.Add("<Files>");
        if (AllowedIn(DirectiveContexts.If)) dir.Add("<If>");
        if (AllowedIn(DirectiveContexts.Proxy)) dir.Add("<Proxy>");
        if (AllowedIn(DirectiveContexts.Limit)) dir.Add("<Limit>");
        parts.AddRange(dir);
        if (AllowedIn(DirectiveContexts.Htaccess))
            parts.Add(Override == OverrideClass.All ? ".htaccess (AllowOverride not None)" : $".htaccess (AllowOverride {Override.ToString().Replace(", ", " or ")})");
        return parts.Count == 0 ? "nowhere" : string.Join(", ", parts);
    }
}

/// <summary>A loadable module: its identifier, the .so file Debian installs, and the modules it needs first.</summary>
public sealed record ApacheModuleInfo(string Identifier, string SharedObject, ImmutableArray<string> Companions)
{
    /// <summary>The line that loads it, as Debian's mods-available/*.load has it.</summary>
    public string LoadModuleLine => $"LoadModule {Identifier} {SharedObject}";
}

/// <summary>
/// Every directive httpd 2.4 knows with Debian's modules, mod_fcgid, mod_fastcgi and mod_php:
/// name, module, allowed contexts, AllowOverride class, argument kind and phase. Generated by
/// scripts/probe-apache-directives.py from the engine itself (apache-directives.tsv, embedded).
/// </summary>
public sealed class ApacheDirectiveDictionary
{
    /// <summary>Modules compiled into Debian's apache2 (apache2 -l): always loaded.</summary>
    public static readonly ImmutableArray<string> BuiltInModules = ImmutableArray.Create(
        "core_module", "so_module", "watchdog_module", "http_module", "log_config_module", "logio_module",
        "version_module", "unixd_module");

    private static readonly Lazy<ApacheDirectiveDictionary> _httpd24 = new(LoadEmbedded);

    // The directives of one name (any case), one per module that defines it, in the table's order. A dictionary read from
    // the TSV keeps where each row's line is and parses it when the name is first looked up: a lint looks up a few dozen
    // of the table's thousand names, and parsing every row cost a lint more time than all its Apache directives' checks.
    private sealed class NameEntry
    {
        private readonly string? _tsv;
        private readonly List<(int Start, int Length)>? _lines;
        private ApacheDirectiveInfo[]? _infos;

        public NameEntry(string tsv) { _tsv = tsv; _lines = new List<(int, int)>(1); }
        public NameEntry() => _infos = Array.Empty<ApacheDirectiveInfo>();

        public int Count => _lines?.Count ?? _infos!.Length;

        public void AddLine(int start, int length) => _lines!.Add((start, length));

        public void AddInfo(ApacheDirectiveInfo info) => _infos = [.. _infos!, info];

        // Parsed once; threads racing on a first lookup agree on the first array stored.
        public ApacheDirectiveInfo[] Infos
        {
            get
            {
                if (Volatile.Read(ref _infos) is { } infos) return infos;
                var parsed = new ApacheDirectiveInfo[_lines!.Count];
                for (int i = 0; i < parsed.Length; i++) parsed[i] = ParseRow(_tsv.AsSpan(_lines[i].Start, _lines[i].Length));
                return Interlocked.CompareExchange(ref _infos, parsed, null) ?? parsed;
            }
        }
    }

    private readonly Dictionary<string, NameEntry> _byName = new(StringComparer.OrdinalIgnoreCase);
    // Every row in the table's order: the name it belongs to and its place among that name's rows.
    private readonly List<(NameEntry Entry, int Index)> _rows = new();
    private readonly Lazy<ImmutableArray<ApacheDirectiveInfo>> _directives;
    private readonly Dictionary<string, ApacheModuleInfo> _modules;
    // Source file (mod_rewrite.c) → module identifier, from the first row that names the file.
    private readonly Dictionary<string, string> _sourceToModule = new(StringComparer.OrdinalIgnoreCase);
    // Module identifier → source file, from the first row of the module.
    private readonly Dictionary<string, string> _moduleToSource = new(StringComparer.Ordinal);

    public ApacheDirectiveDictionary(IEnumerable<ApacheDirectiveInfo> directives, IEnumerable<ApacheModuleInfo> modules, string header)
    {
        foreach (var directive in directives)
        {
            if (!_byName.TryGetValue(directive.Name, out var entry)) _byName[directive.Name] = entry = new NameEntry();
            _rows.Add((entry, entry.Count));
            entry.AddInfo(directive);
            _sourceToModule.TryAdd(directive.SourceFile, directive.Module);
            _moduleToSource.TryAdd(directive.Module, directive.SourceFile);
        }
        _modules = modules.ToDictionary(m => m.Identifier, StringComparer.Ordinal);
        _directives = new(AllRows);
        Header = header;
    }

    private ApacheDirectiveDictionary(string tsv)
    {
        var modules = new List<ApacheModuleInfo>();
        var header = new List<string>();
        var byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        var sourceSpan = _sourceToModule.GetAlternateLookup<ReadOnlySpan<char>>();
        var moduleSpan = _moduleToSource.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int start = 0; start < tsv.Length;)
        {
            int end = tsv.IndexOf('\n', start);
            if (end < 0) end = tsv.Length;
            var line = tsv.AsSpan(start, end - start).TrimEnd('\r');
            int lineStart = start;
            start = end + 1;
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (!line.StartsWith("#name") && !line.StartsWith("#module")) header.Add(line.TrimStart("# ").ToString());
                continue;
            }
            var name = Field(line, 0);
            if (name.SequenceEqual("@module"))
            {
                var f = line.ToString().Split('\t');
                modules.Add(new ApacheModuleInfo(f[1], f[2], f.Length > 3 && f[3].Length > 0
                    ? f[3].Split(',').ToImmutableArray() : ImmutableArray<string>.Empty));
                continue;
            }
            if (!byNameSpan.TryGetValue(name, out var entry)) byNameSpan[name] = entry = new NameEntry(tsv);
            _rows.Add((entry, entry.Count));
            entry.AddLine(lineStart, line.Length);
            ReadOnlySpan<char> source = Field(line, 2), module = Field(line, 1);
            if (!sourceSpan.ContainsKey(source)) sourceSpan[source] = module.ToString();
            if (!moduleSpan.ContainsKey(module)) moduleSpan[module] = source.ToString();
        }
        _modules = modules.ToDictionary(m => m.Identifier, StringComparer.Ordinal);
        _directives = new(AllRows);
        Header = string.Join("\n", header);
    }

    private ImmutableArray<ApacheDirectiveInfo> AllRows() => _rows.Select(r => r.Entry.Infos[r.Index]).ToImmutableArray();

    // The tab-separated field `index` of a row ("" past the last).
    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> line, int index)
    {
        for (; index > 0; index--)
        {
            int tab = line.IndexOf('\t');
            if (tab < 0) return default;
            line = line[(tab + 1)..];
        }
        int end = line.IndexOf('\t');
        return end < 0 ? line : line[..end];
    }

    /// <summary>The dictionary probed from httpd 2.4 (see the TSV's header for the exact version).</summary>
    public static ApacheDirectiveDictionary Httpd24 => _httpd24.Value;

    /// <summary>
    /// Starts building <see cref="Httpd24"/> (reading the table and indexing its rows by name) on another thread. A lint
    /// mostly needs it when the rules run, after reading the whole host; built meanwhile, it costs the reading nothing.
    /// </summary>
    public static void LoadInBackground()
    {
        if (_httpd24.IsValueCreated) return;
        new Thread(() =>
        {
            // A failure is kept by the Lazy and raised again where the dictionary is asked for.
            try { _ = _httpd24.Value; }
            catch (Exception) { }
        }) { IsBackground = true, Name = "directive dictionary" }.Start();
    }

    /// <summary>Every directive of the table, in its order.</summary>
    public ImmutableArray<ApacheDirectiveInfo> Directives => _directives.Value;

    /// <summary>The generator's header lines (engine version probed).</summary>
    public string Header { get; }

    /// <summary>The directives named <paramref name="name"/> (case-insensitive), one per module that defines it.</summary>
    public ImmutableArray<ApacheDirectiveInfo> Lookup(string name) =>
        _byName.TryGetValue(name, out var found)
            ? System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(found.Infos)
            : ImmutableArray<ApacheDirectiveInfo>.Empty;

    /// <summary>The directive a loaded module defines under <paramref name="name"/>, else the first known one (null when unknown).</summary>
    public ApacheDirectiveInfo? Resolve(string name, ApacheModuleSet modules, out bool loaded)
    {
        var candidates = Lookup(name);
        loaded = false;
        foreach (var c in candidates)
        {
            if (IsLoaded(modules, c.Module))
            {
                loaded = true;
                return c;
            }
        }
        return candidates.IsEmpty ? null : candidates[0];
    }

    /// <summary>
    /// Older builds of a module that register the same directives under another identifier:
    /// mod_php 7 (php7_module, mod_php7.c) and 5 (php5_module, mod_php5.c) define php_value and
    /// its family exactly as PHP 8's php_module does.
    /// </summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> ModuleAliases =
        ImmutableDictionary.CreateRange(new[]
        {
            KeyValuePair.Create("php_module", ImmutableArray.Create("php7_module", "php5_module")),
        });

    /// <summary>Whether a module (or an older build of it, see <see cref="ModuleAliases"/>) is loaded.</summary>
    public static bool IsLoaded(ApacheModuleSet modules, string module)
    {
        if (modules.Contains(module)) return true;
        if (!ModuleAliases.TryGetValue(module, out var aliases)) return false;
        foreach (var alias in aliases)
            if (modules.Contains(alias)) return true;
        return false;
    }

    /// <summary>&lt;IfDirective&gt;'s test (ap_exists_directive): does a loaded module define the name?</summary>
    public static bool IsKnownDirective(string name, ApacheModuleSet modules) =>
        Httpd24.Lookup(name).Any(d => !d.IsSection && IsLoaded(modules, d.Module));

    /// <summary>&lt;IfSection&gt;'s test: does a loaded module define the section (name without '&lt;')?</summary>
    public static bool IsKnownSection(string name, ApacheModuleSet modules) =>
        Httpd24.Lookup("<" + name.TrimStart('<')).Any(d => IsLoaded(modules, d.Module));

    public ApacheModuleInfo? FindModule(string identifier) => _modules.GetValueOrDefault(identifier);

    /// <summary>
    /// The module identifier for a name as &lt;IfModule&gt; and --module accept it: the identifier
    /// itself (rewrite_module) or the source file (mod_rewrite.c); null when unknown.
    /// </summary>
    public string? ModuleIdentifier(string identifierOrSource)
    {
        if (_modules.ContainsKey(identifierOrSource) || _moduleToSource.ContainsKey(identifierOrSource))
            return identifierOrSource;
        if (_sourceToModule.TryGetValue(identifierOrSource, out var ident)) return ident;
        return null;
    }

    /// <summary>The source file (mod_rewrite.c) of a module identifier, when known.</summary>
    public string? SourceFileOf(string identifier) => _moduleToSource.GetValueOrDefault(identifier);

    /// <summary>
    /// The known directive name nearest to <paramref name="name"/> by case-insensitive edit distance
    /// (at most a third of the name's length, at least 2), or null.
    /// </summary>
    public string? NearestName(string name)
    {
        var limit = Math.Max(2, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in _byName.Keys.Order(StringComparer.OrdinalIgnoreCase))
        {
            if (Math.Abs(candidate.Length - name.Length) > limit) continue;
            var d = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant(), limit);
            if (d < bestDistance)
            {
                best = _byName[candidate].Infos[0].Name;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transposition), cut at limit + 1.</summary>
    public static int EditDistance(string a, string b, int limit = int.MaxValue)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, previous2[j - 2] + 1);
                current[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    private static ApacheDirectiveDictionary LoadEmbedded()
    {
        var assembly = typeof(ApacheDirectiveDictionary).Assembly;
        using var stream = assembly.GetManifestResourceStream("ConfLint.Syntax.Apache.apache-directives.tsv")
            ?? throw new InvalidOperationException("apache-directives.tsv is not embedded in " + assembly.GetName().Name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static ImmutableDictionary<DirectiveContexts, string> ParseRefusals(string field)
    {
        if (field.Length == 0) return ImmutableDictionary<DirectiveContexts, string>.Empty;
        var result = ImmutableDictionary.CreateBuilder<DirectiveContexts, string>();
        foreach (var pair in field.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && ContextNames.TryGetValue(pair[..eq], out var context))
                result[context] = pair[(eq + 1)..];
        }
        return result.ToImmutable();
    }

    // The TSV's names of contexts, override classes and argument kinds (any case), looked up rather than parsed:
    // Enum.Parse is slow without a JIT, and the dictionary has thousands of them.
    private static Dictionary<string, TEnum> NamesOf<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().ToDictionary(n => n, n => Enum.Parse<TEnum>(n), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, DirectiveContexts> ContextNames = NamesOf<DirectiveContexts>();
    private static readonly Dictionary<string, OverrideClass> OverrideNames = NamesOf<OverrideClass>();
    private static readonly Dictionary<string, ArgumentKind> ArgumentKindNames = NamesOf<ArgumentKind>();

    /// <summary>Reads the generator's TSV: '#' header lines, '@module' rows, then one row per directive (each parsed when first asked for).</summary>
    public static ApacheDirectiveDictionary Parse(string tsv) => new(tsv);

    // One directive row: name, module, source file, contexts, overrides, argument kind, min, max, phase, manual contexts,
    // origin, description, refusals.
    private static ApacheDirectiveInfo ParseRow(ReadOnlySpan<char> row)
    {
        var f = row.ToString().Split('\t');
        var contexts = DirectiveContexts.None;
        foreach (var c in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries))
            contexts |= ContextNames[c];
        var overrides = OverrideClass.None;
        foreach (var o in f[4].Split(',', StringSplitOptions.RemoveEmptyEntries))
            overrides |= OverrideNames[o];
        if (overrides != OverrideClass.None) contexts |= DirectiveContexts.Htaccess;
        var max = int.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture);
        return new ApacheDirectiveInfo(
            Name: f[0],
            Module: f[1],
            SourceFile: f[2],
            Contexts: contexts,
            Override: overrides,
            Arguments: ArgumentKindNames[f[5].Replace("_", "")],
            MinArguments: int.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture),
            MaxArguments: max < 0 ? null : max,
            Phase: f[8] == "read" ? DirectivePhase.Read : DirectivePhase.Walk,
            ManualContexts: f[9],
            FromDocumentation: f[10] == "docs",
            Description: f.Length > 11 ? f[11] : "",
            Refusals: ParseRefusals(f.Length > 12 ? f[12] : ""));
    }
}
