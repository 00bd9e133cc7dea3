using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Text;

namespace ConfLint.Syntax.Ini;

/// <summary>Facts about the host php-fpm would run on, which the configuration files do not give.</summary>
public sealed record FpmLoadOptions
{
    /// <summary>PHP_PREFIX: the prefix of relative paths and includes without `-p` (Debian: /usr).</summary>
    public string Prefix { get; init; } = "/usr";

    /// <summary>The global prefix given with `php-fpm -p DIR`; it takes the place of both defaults below.</summary>
    public string? GlobalPrefix { get; init; }

    /// <summary>PHP_LOCALSTATEDIR: the prefix of a relative pid / error_log (Debian: /var).</summary>
    public string LocalStateDir { get; init; } = "/var";

    /// <summary>Check the disk (chroot, chdir, prefix, log directories). False with --no-disk.</summary>
    public bool CheckDisk { get; init; } = true;

    /// <summary>php-fpm runs as root (the usual case): a pool then needs `user`, and users are resolved.</summary>
    public bool RunsAsRoot { get; init; } = true;

    /// <summary>Whether a user name exists (getpwnam); null = unknown, the check is skipped.</summary>
    public Func<string, bool?> UserExists { get; init; } = _ => null;

    /// <summary>Whether a group name exists (getgrnam); null = unknown.</summary>
    public Func<string, bool?> GroupExists { get; init; } = _ => null;

    /// <summary>The environment `${NAME}` in a value reads (php-fpm's own environment).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Parse every line on its own even where parsing the whole file at once gives the same statements (tests compare the two).</summary>
    internal bool AlwaysParseByLine { get; init; }
}

/// <summary>
/// Reads a php-fpm configuration the way php-fpm 8.2 does (sapi/fpm/fpm/fpm_conf.c):
/// fpm_conf_load_ini_file hands every line on its own to the Zend INI parser
/// (zend_parse_ini_string, NORMAL mode: a quoted value cannot span lines), the callbacks
/// fpm_conf_ini_parser_entry / _section / _array apply each statement, and an `include`
/// is globbed after its line, relative to the prefix. fpm_conf_post_process then checks the
/// pools. Every problem is recorded with FPM's message and order; reading goes on after one so
/// that all of them can be shown, but php-fpm itself stops at the first.
/// </summary>
public sealed class FpmLoader
{
    private const int MaxIncludeDepth = 5;

    private readonly HostFileSystem _fs;
    private readonly FpmLoadOptions _options;
    private readonly IniParseOptions _iniOptions;
    private readonly List<FpmFile> _files = new();
    private readonly List<FpmSetting> _global = new();
    private readonly List<FpmPool> _pools = new();

    // Pools by name (php-fpm compares section names case-insensitively), so a host with thousands of pools reads in linear time.
    private readonly Dictionary<string, FpmPool> _poolsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FpmInclude> _includes = new();
    private readonly List<FpmProblem> _problems = new();
    private FpmPool? _current;
    private int _engineLine;
    private long _order;

    private FpmLoader(HostFileSystem fs, FpmLoadOptions options)
    {
        _fs = fs;
        _options = options;
        _iniOptions = IniParseOptions.Default with { Environment = options.Environment };
    }

    /// <summary>Reads the configuration at <paramref name="hostPath"/>; null (after CL0001/CL0002 in <paramref name="diagnostics"/>) when the main file cannot be read.</summary>
    public static FpmConfig? Load(HostFileSystem fs, string hostPath, DiagnosticBag diagnostics, FpmLoadOptions? options = null)
    {
        var text = fs.ReadText(hostPath, diagnostics);
        return text is null ? null : Load(fs, text, options);
    }

    public static FpmConfig Load(HostFileSystem fs, SourceText main, FpmLoadOptions? options = null)
    {
        var loader = new FpmLoader(fs, options ?? new FpmLoadOptions());
        var mainFile = new FpmFile(main, ImmutableArray<Location>.Empty);
        loader.ReadFile(mainFile, 1);
        loader.PostProcess();
        return new FpmConfig(mainFile, loader._files.ToImmutableArray(), loader._global.ToImmutableArray(), loader._pools.ToImmutableArray(),
            loader._includes.ToImmutableArray(), loader._problems.ToImmutableArray());
    }

    private void Problem(FpmProblemPhase phase, Location location, string message, string engineMessage, int? engineLine, ImmutableArray<Location> chain, bool onDisk = false) =>
        _problems.Add(new FpmProblem(phase, location, message, engineMessage, engineLine, _order++, chain, onDisk));

    // fpm_conf_load_ini_file: one zend_parse_ini_string call per line; the line counter is shared with includes.
    private void ReadFile(FpmFile file, int depth)
    {
        _files.Add(file);
        var source = file.Source;
        _engineLine = 0;
        for (int first = 1; first <= source.LineCount; first += LinesPerParse)
        {
            int last = Math.Min(source.LineCount, first + LinesPerParse - 1);
            var chunk = _options.AlwaysParseByLine ? null : ParseLines(source, first, last);
            for (int line = first; line <= last; line++)
            {
                _engineLine++;
                if (chunk is null) ReadLine(file, line, depth);
                else if (ApplyLine(file, line, chunk.Value.Start, chunk.Value.Of(line - first)) is var (include, at) && include is not null)
                    Include(file, line, at, include, depth);
            }
        }
    }

    // php-fpm parses one line at a time: a line on its own, with a line break after it.
    private void ReadLine(FpmFile file, int line, int depth)
    {
        var source = file.Source;
        var text = source.Text;
        int start = source.LineStarts[line - 1];
        int end = line < source.LineCount ? source.LineStarts[line] - 1 : text.Length;
        if (end <= start) return;
        var document = IniDocument.Parse(SourceText.From(text[start..end] + "\n", source.Path, source.HostPath), _iniOptions);
        var (include, includeSpan) = ApplyLine(file, line, start, document.Statements.AsSpan());
        if (document.Error is { } error)
        {
            var at = source.GetLocation(Shift(error.Span, start, end));
            Problem(FpmProblemPhase.Syntax, at, $"syntax error in the php-fpm configuration: {error.Message}",
                $"PHP:  {error.Message} in Unknown on line {error.PhpLine}", null, file.IncludeChain);
        }
        if (include is not null) Include(file, line, includeSpan, include, depth);
    }

    // The callbacks for one line's statements, whose spans count from `parsedFrom` (where the parsed text began); the include
    // pattern the line sets, which the caller globs once the line is done.
    private (string? Include, TextSpan At) ApplyLine(FpmFile file, int line, int parsedFrom, ReadOnlySpan<IniStatement> statements)
    {
        if (statements.IsEmpty) return (null, default);
        var source = file.Source;
        int end = line < source.LineCount ? source.LineStarts[line] - 1 : source.Text.Length;
        string? include = null;
        TextSpan includeSpan = default;
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case IniSection section:
                    OnSection(file, line, section.Name, Shift(section.Span, parsedFrom, end));
                    break;
                case IniEntry entry:
                    var r = OnEntry(file, line, parsedFrom, end, entry);
                    if (r is not null) { include = r; includeSpan = Shift(entry.Span, parsedFrom, end); }
                    break;
            }
        }
        return (include, includeSpan);
    }

    // A file of thousands of pool lines would take thousands of parsers; lines are parsed a few hundred at a time instead.
    // That gives the same statements, line by line, as parsing each line on its own when the parse finds no error, no
    // statement spans two lines (a quoted value that does is an error to php-fpm), there is no carriage return and the
    // last line ends with a line break (php-fpm gives the parser each line with one): the INI grammar starts every line
    // afresh. Otherwise those lines are parsed one by one. (A whole large file at once held all its statements at once.)
    private const int LinesPerParse = 256;

    // The statements of lines first..last (1-based) in order, with where each line's begin: line first+k has those from
    // FirstOfLine[k] up to FirstOfLine[k + 1].
    private readonly record struct ParsedLines(int Start, ImmutableArray<IniStatement> Statements, int[] FirstOfLine)
    {
        public ReadOnlySpan<IniStatement> Of(int k) => Statements.AsSpan()[FirstOfLine[k]..FirstOfLine[k + 1]];
    }

    // The statements of lines first..last (1-based), by line, with spans counting from Start; null to parse them one by one.
    private ParsedLines? ParseLines(SourceText source, int first, int last)
    {
        int start = source.LineStarts[first - 1];
        int end = last < source.LineCount ? source.LineStarts[last] : source.Text.Length;
        var text = source.Text.AsSpan(start, end - start);
        if (text.Length == 0 || text[^1] != '\n' || text.Contains('\r')) return null;
        var document = IniDocument.Parse(SourceText.From(text.ToString(), source.Path, source.HostPath), _iniOptions);
        if (document.Error is not null) return null;
        var statements = document.Statements;
        var firstOfLine = new int[last - first + 2];
        int line = first;
        for (int index = 0; index < statements.Length; index++)
        {
            var span = statements[index].Span;
            while (line < last && start + span.Start >= source.LineStarts[line]) firstOfLine[++line - first] = index;
            int nextLineStart = line < source.LineCount ? source.LineStarts[line] : source.Text.Length;
            if (start + span.Start < source.LineStarts[line - 1] || start + span.End > nextLineStart) return null;
        }
        while (line <= last) firstOfLine[++line - first] = statements.Length;
        return new ParsedLines(start, statements, firstOfLine);
    }

    private static TextSpan Shift(TextSpan span, int lineStart, int lineEnd) =>
        TextSpan.FromBounds(Math.Min(lineStart + span.Start, lineEnd), Math.Min(lineStart + span.End, lineEnd));

    // fpm_conf_ini_parser_section: [global] switches back to the global section; a known name reopens its pool.
    private void OnSection(FpmFile file, int line, string name, TextSpan span)
    {
        if (name.Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            _current = null;
            return;
        }
        if (!_poolsByName.TryGetValue(name, out _current))
        {
            _current = new FpmPool(name, file, line, span);
            _pools.Add(_current);
            _poolsByName[name] = _current;
        }
    }

    private string Here(FpmFile file) => $"[{file.HostPath}:{_engineLine}]";

    /// <summary>fpm_conf_ini_parser_entry / fpm_conf_ini_parser_array; returns an include pattern.</summary>
    private string? OnEntry(FpmFile file, int line, int lineStart, int lineEnd, IniEntry entry)
    {
        var keySpan = Shift(entry.KeySpan, lineStart, lineEnd);
        var span = Shift(entry.Span, lineStart, lineEnd);
        var valueSpan = entry.Value is null ? TextSpan.FromBounds(span.End, span.End) : Shift(entry.Value.Span, lineStart, lineEnd);
        var source = file.Source;
        // Locations are made only for a problem: nearly every line is fine.
        Location KeyLocation() => source.GetLocation(keySpan);
        Location ValueLocation() => source.GetLocation(valueSpan.Length > 0 ? valueSpan : span);

        // The INI parser hands FPM no value for a bare `key` and for `key = ''`.
        var written = entry.Value?.SourceText ?? "";
        string? value = entry.Value is null || written.Trim() == "''" ? null : entry.Value.Text;

        if (entry.IsArrayEntry && value is not null)
        {
            OnArray(file, line, entry, entry.Offset!, value, written, keySpan, valueSpan, span);
            return null;
        }
        if (value is null)
        {
            Problem(FpmProblemPhase.Load, source.GetLocation(span), $"'{entry.Key}' has no value: php-fpm refuses a key without '= value'",
                $"{Here(file)} value is NULL for a ZEND_INI_PARSER_ENTRY", _engineLine, file.IncludeChain);
            return null;
        }
        if (entry.Key == "include") return value;

        var table = _current is null ? FpmDirectives.Global : FpmDirectives.Pool;
        if (!table.TryGetValue(entry.Key, out var kind))
        {
            var other = _current is null ? FpmDirectives.Pool : FpmDirectives.Global;
            var where = _current is null ? "the [global] section" : $"pool [{_current.Name}]";
            var hint = other.ContainsKey(entry.Key) ? $" ('{entry.Key}' belongs in {(_current is null ? "a pool section" : "[global]")})" : Suggest(entry.Key, table.Keys);
            Problem(FpmProblemPhase.Load, KeyLocation(), $"unknown php-fpm key '{entry.Key}' in {where}{hint}",
                $"{Here(file)} unknown entry '{entry.Key}'", _engineLine, file.IncludeChain);
            return null;
        }
        var canonical = FpmDirectives.CanonicalKey(table, entry.Key);
        long? number = null;
        if (kind == FpmValueKind.String)
        {
            if (value.Contains("$pool", StringComparison.Ordinal))
            {
                if (_current is null)
                {
                    Problem(FpmProblemPhase.Load, ValueLocation(), $"'{canonical}' uses '$pool' outside a pool section",
                        $"{Here(file)} unable to parse value for entry '{canonical}': Can't use '$pool' when the pool is not defined", _engineLine, file.IncludeChain);
                    return null;
                }
                value = value.Replace("$pool", _current.Name, StringComparison.Ordinal);
            }
        }
        else
        {
            var error = FpmDirectives.Check(kind, value, out number);
            if (error is not null)
            {
                Problem(FpmProblemPhase.Load, ValueLocation(), $"invalid value '{value}' for '{canonical}': {error}{ExpectedFor(kind)}",
                    $"{Here(file)} unable to parse value for entry '{canonical}': {error}", _engineLine, file.IncludeChain);
                return null;
            }
        }
        var setting = new FpmSetting(canonical, null, value, written, file, line, keySpan, valueSpan, span, number);
        if (_current is null) _global.Add(setting);
        else _current.Add(setting);
        return null;
    }

    private static string ExpectedFor(FpmValueKind kind) => kind switch
    {
        FpmValueKind.Boolean => " (use yes/no, on/off, true/false or 1/0)",
        FpmValueKind.Time => " (a number of seconds, or with the suffix s, m, h or d)",
        FpmValueKind.Integer => " (a whole number)",
        _ => "",
    };

    private void OnArray(FpmFile file, int line, IniEntry entry, string key, string value, string written, TextSpan keySpan, TextSpan valueSpan, TextSpan span)
    {
        var source = file.Source;
        var name = entry.Key;
        var at = source.GetLocation(span);
        if (name == "access.suppress_path")
        {
            bool bad = false;
            if (key.Length > 0)
            {
                Problem(FpmProblemPhase.Load, at, "access.suppress_path[] takes no key", $"{Here(file)} Keys provided to field 'access.suppress_path' are ignored", _engineLine, file.IncludeChain);
                bad = true;
            }
            if (value.Length == 0 || value[0] != '/')
            {
                Problem(FpmProblemPhase.Load, source.GetLocation(valueSpan.Length > 0 ? valueSpan : span), "access.suppress_path[] values must begin with '/'",
                    $"{Here(file)} Values provided to field 'access.suppress_path' must begin with '/'", _engineLine, file.IncludeChain);
                bad = true;
            }
            if (bad) return;
        }
        else if (key.Length == 0)
        {
            Problem(FpmProblemPhase.Load, at, $"'{name}[]' needs a key ({name}[name] = value)", $"{Here(file)} You must provide a key for field '{name}'", _engineLine, file.IncludeChain);
            return;
        }
        if (_current is null)
        {
            Problem(FpmProblemPhase.Load, at, $"'{name}[{key}]' is not allowed in the [global] section (only in a pool)", $"{Here(file)} Array are not allowed in the global section", _engineLine, file.IncludeChain);
            return;
        }
        string stored = value;
        switch (name)
        {
            case "env":
                if (value.Length == 0)
                {
                    Problem(FpmProblemPhase.Load, at, $"env[{key}] is empty: php-fpm refuses an empty environment value", $"{Here(file)} empty value", _engineLine, file.IncludeChain);
                    return;
                }
                stored = value.Replace("$pool", _current.Name, StringComparison.Ordinal);
                break;
            case "php_value":
            case "php_admin_value":
            case "access.suppress_path":
                stored = value.Replace("$pool", _current.Name, StringComparison.Ordinal);
                break;
            case "php_flag":
            case "php_admin_flag":
                var b = FpmDirectives.ParseBoolean(value);
                if (b is null)
                {
                    Problem(FpmProblemPhase.Load, source.GetLocation(valueSpan.Length > 0 ? valueSpan : span),
                        $"invalid boolean '{value}' for {name}[{key}] (use on/off, yes/no, true/false or 1/0)",
                        $"{Here(file)} error while parsing '{name}[{key}]' : invalid boolean value", _engineLine, file.IncludeChain);
                    return;
                }
                stored = b.Value ? "1" : "0";
                break;
            default:
                Problem(FpmProblemPhase.Load, source.GetLocation(keySpan), $"unknown php-fpm array directive '{name}[…]' (known: {string.Join(", ", FpmDirectives.Arrays)})",
                    $"{Here(file)} unknown directive '{name}'", _engineLine, file.IncludeChain);
                return;
        }
        _current.Add(new FpmSetting(name, key, stored, written, file, line, keySpan, valueSpan, span, null));
    }

    private static string Suggest(string key, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            int d = Levenshtein(key.ToLowerInvariant(), k);
            if (d < bestDistance) { bestDistance = d; best = k; }
        }
        return best is not null && bestDistance <= Math.Max(2, key.Length / 4) ? $"; did you mean '{best}'?" : "";
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    // fpm_conf_ini_parser_include: the pattern is made absolute against the prefix (not the including
    // file's directory), globbed with GLOB_MARK, directories skipped, each match read in order.
    private void Include(FpmFile file, int line, TextSpan span, string pattern, int depth)
    {
        var resolved = EvaluatePath(pattern, poolPrefix: null, defaultPrefix: null, expandPrefix: false)!;
        var matches = Glob(resolved);
        _includes.Add(new FpmInclude(file, line, span, pattern, resolved, matches.ToImmutableArray()));
        var at = file.Source.GetLocation(span);
        var chain = file.IncludeChain.Insert(0, at);
        int lineHere = _engineLine;
        foreach (var match in matches)
        {
            if (depth >= MaxIncludeDepth)
            {
                Problem(FpmProblemPhase.Load, at, $"includes nest deeper than {MaxIncludeDepth} files: php-fpm stops here",
                    "failed to include more than 5 files recursively", null, file.IncludeChain);
                return;
            }
            var bag = new DiagnosticBag();
            var text = _fs.ReadText(match, bag, at);
            if (text is null)
            {
                Problem(FpmProblemPhase.Load, at, $"cannot read included file '{match}'",
                    $"Unable to include {match} from {file.HostPath} at line {lineHere}", null, file.IncludeChain);
                return;
            }
            ReadFile(new FpmFile(text, chain), depth + 1);
        }
    }

    /// <summary>glob(3) over host paths: `*`, `?` and `[…]` per component, no leading-dot matches, byte order.</summary>
    internal List<string> Glob(string pattern)
    {
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "/" };
        for (int i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            bool last = i == parts.Length - 1;
            var next = new List<string>();
            if (part.IndexOfAny(new[] { '*', '?', '[' }) < 0)
            {
                foreach (var dir in current)
                {
                    var path = dir == "/" ? "/" + part : dir + "/" + part;
                    if (last ? _fs.FileExists(path) : _fs.DirectoryExists(path)) next.Add(path);
                }
            }
            else
            {
                var regex = new Regex("^" + GlobToRegex(part) + "$", RegexOptions.CultureInvariant);
                foreach (var dir in current)
                {
                    foreach (var name in _fs.ListDirectory(dir) ?? Array.Empty<string>())
                    {
                        if (name.StartsWith('.') && !part.StartsWith('.')) continue;
                        if (!regex.IsMatch(name)) continue;
                        var path = dir == "/" ? "/" + name : dir + "/" + name;
                        if (last ? _fs.FileExists(path) : _fs.DirectoryExists(path)) next.Add(path);
                    }
                }
            }
            current = next;
            if (current.Count == 0) break;
        }
        return current.Where(p => p != "/").OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static string GlobToRegex(string part)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < part.Length; i++)
        {
            char c = part[i];
            switch (c)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    int close = part.IndexOf(']', i + 2);
                    if (close < 0) { sb.Append("\\["); break; }
                    var body = part[(i + 1)..close];
                    if (body.StartsWith('!')) body = "^" + body[1..];
                    sb.Append('[').Append(body.Replace("\\", "\\\\")).Append(']');
                    i = close;
                    break;
                case '\\':
                    if (i + 1 < part.Length) { sb.Append(Regex.Escape(part[i + 1].ToString())); i++; }
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// fpm_evaluate_full_path: an absolute path stays; otherwise it is joined to the pool prefix, else
    /// the global prefix (PHP_PREFIX here), with `$prefix` at the start replaced when
    /// <paramref name="expandPrefix"/>. Null when `$prefix` is not at the start (FPM: an error).
    /// </summary>
    internal string? EvaluatePath(string path, string? poolPrefix, string? defaultPrefix, bool expandPrefix)
    {
        if (path.StartsWith('/')) return path;
        var prefix = poolPrefix ?? _options.GlobalPrefix ?? defaultPrefix ?? _options.Prefix;
        string? rest = path;
        if (expandPrefix)
        {
            int at = path.IndexOf("$prefix", StringComparison.Ordinal);
            if (at > 0) return null;
            if (at == 0) rest = path.Length > "$prefix".Length ? path["$prefix".Length..] : null;
        }
        var full = rest is null ? prefix : prefix + "/" + rest;
        if (!full.StartsWith('/') && poolPrefix is not null) return EvaluatePath(full, null, defaultPrefix, expandPrefix);
        return full;
    }

    // fpm_conf_post_process and fpm_conf_process_all_pools, in their order.
    private void PostProcess()
    {
        var main = _files[0];
        FpmSetting? G(string key) => _global.LastOrDefault(s => s.Key == key);

        var logLimit = G("log_limit");
        if (logLimit?.Number is long limit && limit < 512)
            Problem(FpmProblemPhase.PostProcess, logLimit.ValueLocation, $"log_limit is {limit}: php-fpm needs at least 512", "log_limit must be greater than 512", null, logLimit.File.IncludeChain);
        var processMax = G("process.max");
        if (processMax?.Number is long max && max < 0)
            Problem(FpmProblemPhase.PostProcess, processMax.ValueLocation, "process.max cannot be negative", "process_max can't be negative", null, processMax.File.IncludeChain);
        var priority = G("process.priority");
        if (priority?.Number is long pr && pr != 64 && (pr < -19 || pr > 20))
            Problem(FpmProblemPhase.PostProcess, priority.ValueLocation, $"process.priority {pr} is outside [-19, 20]", "process.priority must be included into [-19,20]", null, priority.File.IncludeChain);

        var errorLog = G("error_log");
        var errorLogPath = errorLog?.Value ?? "log/php-fpm.log";
        if (!errorLogPath.Equals("syslog", StringComparison.OrdinalIgnoreCase))
        {
            var full = EvaluatePath(errorLogPath, null, _options.LocalStateDir, false) ?? errorLogPath;
            // Only a written error_log is checked: a lone pool file does not show the main file's global section.
            if (_options.CheckDisk && errorLog is not null && !ParentDirectoryExists(full))
                Problem(FpmProblemPhase.PostProcess, errorLog?.ValueLocation ?? main.Source.GetLineLocation(1),
                    $"error_log '{full}' cannot be opened: its directory does not exist", $"failed to open error_log ({full}): No such file or directory (2)", null,
                    errorLog?.File.IncludeChain ?? ImmutableArray<Location>.Empty);
        }
        var events = G("events.mechanism");
        if (events is not null && !FpmDirectives.EventMechanisms.Contains(events.Value))
            Problem(FpmProblemPhase.PostProcess, events.ValueLocation, $"event mechanism '{events.Value}' is not available on Linux (use {string.Join(", ", FpmDirectives.EventMechanisms)})",
                $"event mechanism '{events.Value}' is not available on this system", null, events.File.IncludeChain);

        if (_pools.Count == 0)
        {
            Problem(FpmProblemPhase.PostProcess, main.Source.GetLineLocation(1), "no pool section: php-fpm needs at least one [pool]",
                "No pool defined. at least one pool section must be specified in config file", null, ImmutableArray<Location>.Empty);
            return;
        }
        foreach (var pool in _pools) CheckPool(pool);

        // Two pools on one listen address. php-fpm compares every pool with every other and stops at the
        // first pair: the earliest pool that shares its address, and the first other pool on it.
        var firstTwoOnAddress = new Dictionary<string, (int Order, FpmPool First, FpmPool? Second)>(StringComparer.Ordinal);
        for (int i = 0; i < _pools.Count; i++)
        {
            var pool = _pools[i];
            if (!pool.Evaluated.TryGetValue("listen", out var address) || address.Length == 0) continue;
            if (!firstTwoOnAddress.TryGetValue(address, out var pair)) firstTwoOnAddress[address] = (i, pool, null);
            else if (pair.Second is null) firstTwoOnAddress[address] = (pair.Order, pair.First, pool);
        }
        var shared = firstTwoOnAddress
            .Where(kv => kv.Value.Second is not null)
            .OrderBy(kv => kv.Value.Order)
            .Select(kv => (Address: kv.Key, kv.Value.First, Second: kv.Value.Second!))
            .FirstOrDefault();
        if (shared.Second is not null)
        {
            var at = shared.Second.Get("listen")!;
            Problem(FpmProblemPhase.PostProcess, at.ValueLocation, $"pool [{shared.Second.Name}] listens on '{shared.Address}', already used by pool [{shared.First.Name}]",
                $"[pool {shared.Second.Name}] unable to set listen address as it's already used in another pool '{shared.First.Name}'", null, at.File.IncludeChain);
        }

        if (_options.CheckDisk)
        {
            foreach (var pool in _pools)
            {
                var log = pool.Get("access.log");
                if (log is null || log.Value.Length == 0 || !pool.Evaluated.TryGetValue("access.log", out var path)) continue;
                if (!ParentDirectoryExists(path))
                    Problem(FpmProblemPhase.PostProcess, log.ValueLocation, $"access.log '{path}' cannot be opened: its directory does not exist",
                        $"failed to open access log ({path}): No such file or directory (2)", null, log.File.IncludeChain);
            }
        }

        if (_options.RunsAsRoot)
        {
            foreach (var pool in _pools) CheckUsers(pool);
        }
    }

    private bool ParentDirectoryExists(string path)
    {
        int slash = path.LastIndexOf('/');
        var dir = slash <= 0 ? "/" : path[..slash];
        return _fs.DirectoryExists(dir);
    }

    private void CheckPool(FpmPool pool)
    {
        var header = pool.HeaderLocation;
        var chain = pool.File.IncludeChain;
        string p = $"[pool {pool.Name}]";
        void Fail(FpmSetting? at, string message, string engine, bool onDisk = false) =>
            Problem(FpmProblemPhase.PostProcess, at?.ValueLocation ?? header, message, $"{p} {engine}", null, at?.File.IncludeChain ?? chain, onDisk);

        var prefixSetting = pool.Get("prefix");
        string? prefix = prefixSetting?.Value;
        if (prefix is { Length: > 0 })
        {
            prefix = EvaluatePath(prefix, null, null, false) ?? prefix;
            pool._evaluated["prefix"] = prefix;
            if (_options.CheckDisk && !_fs.DirectoryExists(prefix))
                Fail(prefixSetting, $"pool prefix '{prefix}' does not exist or is not a directory", $"the prefix '{prefix}' does not exist or is not a directory", onDisk: true);
        }
        else prefix = null;

        if (pool.Get("user") is null && _options.RunsAsRoot)
            Fail(null, $"pool [{pool.Name}] has no 'user': php-fpm (run as root) refuses to start it", "user has not been defined");

        var listen = pool.Get("listen");
        if (listen is null || listen.Value.Length == 0)
            Fail(listen, $"pool [{pool.Name}] has no listen address", "no listen address have been defined!");
        else
        {
            var address = listen.Value;
            bool inet = address.Contains(':') || address.All(char.IsAsciiDigit);
            pool._evaluated["listen"] = !inet && !address.StartsWith('/') ? EvaluatePath(address, prefix, null, false) ?? address : address;
        }

        var priority = pool.Get("process.priority");
        if (priority?.Number is long pr && pr != 64 && (pr < -19 || pr > 20))
            Fail(priority, $"process.priority {pr} is outside [-19, 20]", "process.priority must be included into [-19,20]");

        var pm = pool.Get("pm");
        var style = pm?.Value.ToLowerInvariant();
        if (pm is null)
            Fail(null, $"pool [{pool.Name}] has no 'pm' (static, dynamic or ondemand)", "the process manager is missing (static, dynamic or ondemand)");

        long N(string key, long fallback = 0) => pool.Get(key)?.Number ?? fallback;
        var maxChildren = N("pm.max_children");
        if (maxChildren < 1)
            Fail(pool.Get("pm.max_children"), $"pm.max_children is {maxChildren}: it must be at least 1", "pm.max_children must be a positive value");

        if (style == "dynamic")
        {
            long min = N("pm.min_spare_servers"), max = N("pm.max_spare_servers"), start = N("pm.start_servers");
            if (min <= 0)
                Fail(pool.Get("pm.min_spare_servers"), $"pm.min_spare_servers is {min}: pm = dynamic needs it positive", $"pm.min_spare_servers({min}) must be a positive value");
            else if (max <= 0)
                Fail(pool.Get("pm.max_spare_servers"), $"pm.max_spare_servers is {max}: pm = dynamic needs it positive", $"pm.max_spare_servers({max}) must be a positive value");
            else if (min > maxChildren || max > maxChildren)
                Fail(pool.Get(min > maxChildren ? "pm.min_spare_servers" : "pm.max_spare_servers"),
                    $"pm.min_spare_servers ({min}) and pm.max_spare_servers ({max}) cannot exceed pm.max_children ({maxChildren})",
                    $"pm.min_spare_servers({min}) and pm.max_spare_servers({max}) cannot be greater than pm.max_children({maxChildren})");
            else if (max < min)
                Fail(pool.Get("pm.max_spare_servers"), $"pm.max_spare_servers ({max}) is less than pm.min_spare_servers ({min})",
                    $"pm.max_spare_servers({max}) must not be less than pm.min_spare_servers({min})");
            else if (start > 0 && (start < min || start > max))
                Fail(pool.Get("pm.start_servers"), $"pm.start_servers ({start}) must lie between pm.min_spare_servers ({min}) and pm.max_spare_servers ({max})",
                    $"pm.start_servers({start}) must not be less than pm.min_spare_servers({min}) and not greater than pm.max_spare_servers({max})");
            else if (N("pm.max_spawn_rate", 32) < 1)
                Fail(pool.Get("pm.max_spawn_rate"), "pm.max_spawn_rate must be at least 1", "pm.max_spawn_rate must be a positive value");
        }
        else if (style == "ondemand")
        {
            var idle = N("pm.process_idle_timeout", 10);
            if (idle < 1)
                Fail(pool.Get("pm.process_idle_timeout"), $"pm.process_idle_timeout is {idle}s: pm = ondemand needs more than 0s", $"pm.process_idle_timeout({idle}s) must be greater than 0s");
        }

        CheckWebPath(pool, "pm.status_path", "status", allowShort: pool.Get("pm.status_listen") is not null, Fail);
        var ping = pool.Get("ping.path");
        if (ping is { Value.Length: > 0 })
        {
            CheckWebPath(pool, "ping.path", "ping", allowShort: false, Fail);
            var response = pool.Get("ping.response");
            if (response is not null && response.Value.Length < 1)
                Fail(response, "ping.response is empty", $"the ping response page '{response.Value}' is not long enough");
        }

        var accessLog = pool.Get("access.log");
        if (accessLog is { Value.Length: > 0 })
            pool._evaluated["access.log"] = EvaluatePath(accessLog.Value, prefix, null, false) ?? accessLog.Value;

        var slowlog = pool.Get("slowlog");
        bool hasSlowlog = slowlog is { Value.Length: > 0 };
        if (hasSlowlog) pool._evaluated["slowlog"] = EvaluatePath(slowlog!.Value, prefix, null, false) ?? slowlog.Value;
        var slowTimeout = N("request_slowlog_timeout");
        if (slowTimeout != 0)
        {
            if (!hasSlowlog)
                Fail(pool.Get("request_slowlog_timeout"), "request_slowlog_timeout is set but 'slowlog' is not", "'slowlog' must be specified for use with 'request_slowlog_timeout'");
            else if (_options.CheckDisk && !ParentDirectoryExists(pool._evaluated["slowlog"]))
                Problem(FpmProblemPhase.PostProcess, slowlog!.ValueLocation, $"slowlog '{pool._evaluated["slowlog"]}' cannot be created: its directory does not exist",
                    $"Unable to create or open slowlog({pool._evaluated["slowlog"]}): No such file or directory (2)", null, slowlog.File.IncludeChain);
            var terminate = N("request_terminate_timeout");
            if (terminate != 0 && slowTimeout > terminate)
                Fail(pool.Get("request_slowlog_timeout"), $"request_slowlog_timeout ({slowTimeout}s) is greater than request_terminate_timeout ({terminate}s)",
                    $"'request_slowlog_timeout' ({slowTimeout}) can't be greater than 'request_terminate_timeout' ({terminate})");
        }
        var depth = N("request_slowlog_trace_depth");
        if (depth != 0)
        {
            if (!hasSlowlog)
                Fail(pool.Get("request_slowlog_trace_depth"), "request_slowlog_trace_depth is set but 'slowlog' is not", "'slowlog' must be specified for use with 'request_slowlog_trace_depth'");
            else if (depth <= 0)
                Fail(pool.Get("request_slowlog_trace_depth"), $"request_slowlog_trace_depth ({depth}) must be positive", $"'request_slowlog_trace_depth' ({depth}) must be a positive value");
        }

        var chrootSetting = pool.Get("chroot");
        string? chroot = null;
        if (chrootSetting is { Value.Length: > 0 })
        {
            chroot = EvaluatePath(chrootSetting.Value, prefix, null, expandPrefix: true);
            if (chroot is null)
            {
                Problem(FpmProblemPhase.PostProcess, chrootSetting.ValueLocation, "'$prefix' must be at the beginning of the chroot value",
                    "'$prefix' must be use at the beginning of the value", null, chrootSetting.File.IncludeChain);
                chroot = chrootSetting.Value;
            }
            pool._evaluated["chroot"] = chroot;
            if (!chroot.StartsWith('/'))
                Fail(chrootSetting, $"chroot '{chroot}' is not an absolute path", $"the chroot path '{chroot}' must start with a '/'", onDisk: true);
            else if (_options.CheckDisk && !_fs.DirectoryExists(chroot))
                Fail(chrootSetting, $"chroot '{chroot}' does not exist or is not a directory", $"the chroot path '{chroot}' does not exist or is not a directory", onDisk: true);
        }

        var chdirSetting = pool.Get("chdir");
        if (chdirSetting is { Value.Length: > 0 })
        {
            var chdir = EvaluatePath(chdirSetting.Value, prefix, null, false) ?? chdirSetting.Value;
            pool._evaluated["chdir"] = chdir;
            if (!chdir.StartsWith('/'))
                Fail(chdirSetting, $"chdir '{chdir}' is not an absolute path", $"the chdir path '{chdir}' must start with a '/'", onDisk: true);
            else if (_options.CheckDisk && chrootSetting is not null)
            {
                var inside = $"{chroot}/{chdir}";
                if (!_fs.DirectoryExists(inside))
                    Fail(chdirSetting, $"chdir '{chdir}' does not exist inside the chroot '{chroot}' ('{inside}')",
                        $"the chdir path '{chdir}' within the chroot path '{chroot}' ('{inside}') does not exist or is not a directory", onDisk: true);
            }
            else if (_options.CheckDisk && !_fs.DirectoryExists(chdir))
                Fail(chdirSetting, $"chdir '{chdir}' does not exist or is not a directory", $"the chdir path '{chdir}' does not exist or is not a directory", onDisk: true);
        }
    }

    private static void CheckWebPath(FpmPool pool, string key, string what, bool allowShort, Action<FpmSetting?, string, string, bool> fail)
    {
        var setting = pool.Get(key);
        if (setting is not { Value.Length: > 0 }) return;
        var path = setting.Value;
        if (path[0] != '/')
            fail(setting, $"{key} '{path}' must start with '/'", $"the {what} path '{path}' must start with a '/'", false);
        else if (!allowShort && path.Length < 2)
            fail(setting, $"{key} '{path}' is too short", $"the {what} path '{path}' is not long enough", false);
        else if (path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~')))
            fail(setting, $"{key} '{path}' may only hold letters, digits and / _ - . ~", $"the {what} path '{path}' must contain only the following characters '[alphanum]/_-.~'", false);
    }

    // fpm_unix_resolve_socket_permissions and fpm_unix_conf_wp: names are looked up with getpwnam/getgrnam; numeric IDs are taken as is.
    private void CheckUsers(FpmPool pool)
    {
        void Check(string key, bool isUser, string suffix)
        {
            var setting = pool.Get(key);
            if (setting is null || setting.Value.Length == 0 || setting.Value.All(char.IsAsciiDigit)) return;
            var exists = isUser ? _options.UserExists(setting.Value) : _options.GroupExists(setting.Value);
            if (exists != false) return;
            Problem(FpmProblemPhase.Users, setting.ValueLocation, $"{(isUser ? "user" : "group")} '{setting.Value}' ({key}) does not exist on this host",
                $"[pool {pool.Name}] cannot get {(isUser ? "uid" : "gid")} for {(isUser ? "user" : "group")} '{setting.Value}'{suffix}", null, setting.File.IncludeChain);
        }
        Check("listen.owner", true, ": Success (0)");
        Check("listen.group", false, ": Success (0)");
        Check("user", true, "");
        Check("group", false, "");
    }
}
