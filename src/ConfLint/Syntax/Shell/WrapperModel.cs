using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Shell;

/// <summary>A variable of the wrapper's shell: where it was assigned and exported, and its value when known.</summary>
public sealed record WrapperVariable(
    string Name,
    string? Value,
    bool Exported,
    bool Readonly,
    ImmutableArray<ShellAssignment> Assignments,
    ImmutableArray<TextSpan> Exports)
{
    /// <summary>The last assignment (the one that gave the current value), if any.</summary>
    public ShellAssignment? LastAssignment => Assignments.IsEmpty ? null : Assignments[^1];
}

/// <summary>What a PHP command-line option does to the php.ini PHP loads.</summary>
public enum PhpOptionKind
{
    /// <summary>`-c FILE|DIR`: replaces the whole php.ini search.</summary>
    IniPath,

    /// <summary>`-d key=value` / `-d key` (value "1"): overrides a php.ini entry.</summary>
    Define,

    /// <summary>`-n`: no php.ini at all.</summary>
    NoIni,

    /// <summary>`-b address`: php-cgi binds a FastCGI socket itself.</summary>
    BindPath,

    /// <summary>Any other option (kept for the dump).</summary>
    Other,
}

/// <summary>
/// One PHP option from the command line (cgi_main.c's php_getopt loop: `-cFILE` or `-c FILE`,
/// long forms `--php-ini`, `--define`, `--no-php-ini`, `--bindpath`). Key/Value hold the
/// expanded text when known.
/// </summary>
public sealed record PhpOption(PhpOptionKind Kind, string Option, string? Key, string? Value, TextSpan Span);

/// <summary>An environment variable PHP receives from the wrapper (exported, or assigned before the command).</summary>
public sealed record PhpEnvironmentEntry(string Name, string? Value, TextSpan Span);

/// <summary>How the wrapper starts PHP: the command, whether through `exec`, the program and its options.</summary>
public sealed record PhpInvocation(
    ShellSimpleCommand Command,
    bool ViaExec,
    ShellWord ProgramWord,
    string? Program,
    ImmutableArray<ShellWord> ArgumentWords,
    IReadOnlyList<string>? Arguments,
    ImmutableArray<PhpOption> Options,
    ImmutableArray<PhpEnvironmentEntry> Environment)
{
    /// <summary>The file name of the program (`php-cgi8.2` of `/usr/bin/php-cgi8.2`), null when unknown.</summary>
    public string? ProgramName => Program is null ? null : Program[(Program.LastIndexOf('/') + 1)..];

    public PhpOption? IniPath => Options.LastOrDefault(o => o.Kind == PhpOptionKind.IniPath);

    public bool NoIni => Options.Any(o => o.Kind == PhpOptionKind.NoIni);

    /// <summary>`-d` overrides in command-line order (a later one wins, as in php_ini_builder).</summary>
    public IEnumerable<PhpOption> Defines => Options.Where(o => o.Kind == PhpOptionKind.Define);
}

/// <summary>
/// The meaning of a php-wrapper script: the variables it sets and exports, how it starts PHP
/// (the `exec` target and PHP's own options, which override php.ini) and its interpreter.
/// Commands are followed in order as sh runs them; opaque commands (if/case/pipes…) are not
/// assumed to change anything, and nothing after an `exec` runs.
/// </summary>
public sealed class WrapperModel : ConfLint.Reporting.Dumps.IDumpable
{
    public void WriteDump(TextWriter writer, ConfLint.Reporting.DumpOptions options) => ConfLint.Reporting.ModelDumps.Write(this, writer, options);

    private static readonly HashSet<string> PhpOptionsWithArgument = new(StringComparer.Ordinal) { "c", "d", "b", "f", "z", "T", "e" };

    private WrapperModel(ShellScript script, ImmutableArray<WrapperVariable> variables, PhpInvocation? php, ImmutableArray<ShellSimpleCommand> phpRunsWithoutExec, int? unixMode, ShellSyntaxError? abort)
    {
        Abort = abort;
        Script = script;
        Variables = variables;
        Php = php;
        PhpRunsWithoutExec = phpRunsWithoutExec;
        UnixMode = unixMode;
    }

    public ShellScript Script { get; }

    /// <summary>Where sh stops the script with an error before PHP starts (assigning or unsetting a readonly variable), if it does.</summary>
    public ShellSyntaxError? Abort { get; }

    public SourceText Source => Script.Source;

    /// <summary>Every variable the script assigns, exports or marks readonly, as it stands when PHP starts (or at the end).</summary>
    public ImmutableArray<WrapperVariable> Variables { get; }

    /// <summary>The command that starts PHP: the `exec`, else the first PHP command run without exec; null when none is seen.</summary>
    public PhpInvocation? Php { get; }

    /// <summary>Commands that run a PHP binary without `exec` (the shell stays between the process manager and PHP).</summary>
    public ImmutableArray<ShellSimpleCommand> PhpRunsWithoutExec { get; }

    /// <summary>The `#!` interpreter (`/bin/sh`), null without a shebang line.</summary>
    public string? Interpreter => Script.Shebang?.Interpreter;

    /// <summary>The file's permission bits as read from disk (st_mode &amp; 07777); null when not read (--no-disk, or not on disk).</summary>
    public int? UnixMode { get; }

    public string HostPath => Source.HostPath;

    public WrapperVariable? Variable(string name)
    {
        foreach (var variable in Variables)
            if (variable.Name == name) return variable;
        return null;
    }

    public Location GetLocation(TextSpan span) => Source.GetLocation(span);

    /// <summary>
    /// This model for another file with the same text (its own source, so that every location names it) and its own mode:
    /// what the model makes of a script depends on the script alone.
    /// </summary>
    public WrapperModel For(SourceText source, int? unixMode) =>
        ReferenceEquals(source, Source) && unixMode == UnixMode
            ? this
            : new WrapperModel(Script with { Source = source }, Variables, Php, PhpRunsWithoutExec, unixMode, Abort);

    /// <summary>
    /// Builds the model. <paramref name="inherited"/> is the environment the script starts with
    /// when it is known (an empty one for `env -i`); null means unknown, so references to
    /// variables the script never set have no known value.
    /// </summary>
    public static WrapperModel Build(ShellScript script, IReadOnlyDictionary<string, string>? inherited = null, int? unixMode = null)
    {
        var state = new Dictionary<string, VariableState>(StringComparer.Ordinal);
        var order = new List<string>();
        bool allExport = false;
        PhpInvocation? php = null;
        var withoutExec = ImmutableArray.CreateBuilder<ShellSimpleCommand>();
        ShellSyntaxError? abort = null;

        VariableState Get(string name)
        {
            if (!state.TryGetValue(name, out var s))
            {
                s = new VariableState();
                if (inherited is not null && inherited.TryGetValue(name, out var v)) { s.Value = v; s.IsSet = true; s.Exported = true; }
                state[name] = s;
                order.Add(name);
            }
            return s;
        }

        ShellSyntaxError? ReadonlyPrefix(ShellSimpleCommand command) =>
            command.Assignments.Where(a => state.TryGetValue(a.Name, out var s) && s.Readonly)
                .Select(a => new ShellSyntaxError(a.Span, $"{a.Name} is read only: sh exits here")).FirstOrDefault();

        string? Lookup(string name)
        {
            if (state.TryGetValue(name, out var s)) return s.IsSet ? s.Value : (s.Unset || inherited is not null ? "" : null);
            if (inherited is null) return null;
            return inherited.TryGetValue(name, out var v) ? v : "";
        }

        // A non-interactive sh exits when a readonly variable is assigned or unset (XCU 2.8.1).
        bool Assign(ShellAssignment a, bool export, bool makeReadonly)
        {
            var s = Get(a.Name);
            if (s.Readonly)
            {
                abort = new ShellSyntaxError(a.Span, $"{a.Name} is read only: sh exits here");
                return false;
            }
            s.Value = a.Value.Expand(Lookup);
            s.IsSet = true;
            s.Unset = false;
            s.Assignments.Add(a);
            if (export || allExport) s.Exported = true;
            if (makeReadonly) s.Readonly = true;
            return true;
        }

        foreach (var node in script.Nodes)
        {
            if (node is not ShellSimpleCommand command) continue;
            var name = command.Name?.Literal;
            if (command.Name is null)
            {
                foreach (var a in command.Assignments) if (!Assign(a, export: false, makeReadonly: false)) goto done;
                continue;
            }
            if (name is null) continue;

            switch (name)
            {
                case "export":
                case "readonly":
                    foreach (var a in command.Assignments) if (!Assign(a, export: false, makeReadonly: false)) goto done;
                    foreach (var arg in command.Arguments)
                    {
                        if (arg.Raw.StartsWith('-')) continue;
                        if (ShellParser.IsAssignment(arg, out int nameLength))
                        {
                            var a = ShellParser.SplitAssignment(arg, nameLength);
                            if (!Assign(a, export: name == "export", makeReadonly: name == "readonly")) goto done;
                            if (name == "export") Get(a.Name).Exports.Add(arg.Span);
                        }
                        else if (arg.Literal is { } varName)
                        {
                            var s = Get(varName);
                            if (name == "export") { s.Exported = true; s.Exports.Add(arg.Span); }
                            else s.Readonly = true;
                        }
                    }
                    continue;
                case "unset":
                    foreach (var arg in command.Arguments)
                    {
                        if (arg.Raw.StartsWith('-') || arg.Literal is not { } varName) continue;
                        var s = Get(varName);
                        if (s.Readonly)
                        {
                            abort = new ShellSyntaxError(arg.Span, $"unset: {varName} is read only: sh exits here");
                            goto done;
                        }
                        s.IsSet = false;
                        s.Unset = true;
                        s.Value = null;
                        s.Exported = false;
                    }
                    continue;
                case "set":
                    foreach (var arg in command.Arguments)
                    {
                        var opt = arg.Literal;
                        if (opt is null || opt.Length < 2 || opt.StartsWith("--", StringComparison.Ordinal)) continue;
                        if (opt[0] == '-' && opt.Contains('a')) allExport = true;
                        else if (opt[0] == '+' && opt.Contains('a')) allExport = false;
                    }
                    continue;
                case "exec":
                    var execArguments = command.Arguments;
                    if (execArguments.IsEmpty)
                    {
                        // `exec 2>&1`: only redirections; prefix assignments stay (special built-in).
                        foreach (var a in command.Assignments) if (!Assign(a, export: false, makeReadonly: false)) goto done;
                        continue;
                    }
                    if (ReadonlyPrefix(command) is { } bad) { abort = bad; goto done; }
                    php = Invocation(command, viaExec: true, execArguments[0], execArguments.RemoveAt(0), state, Lookup);
                    goto done;
            }

            if (ReadonlyPrefix(command) is { } violation) { abort = violation; goto done; }
            if (LooksLikePhp(command.Name!, Lookup))
            {
                withoutExec.Add(command);
                php ??= Invocation(command, viaExec: false, command.Name!, command.Arguments, state, Lookup);
            }
        }
    done:
        if (abort is not null) php = null;
        var variables = order
            .Where(n => state[n].Assignments.Count > 0 || state[n].Exports.Count > 0 || state[n].Readonly)
            .Select(n =>
            {
                var s = state[n];
                return new WrapperVariable(n, s.IsSet ? s.Value : null, s.Exported && s.IsSet, s.Readonly, s.Assignments.ToImmutableArray(), s.Exports.ToImmutableArray());
            })
            .ToImmutableArray();
        return new WrapperModel(script, variables, php, withoutExec.ToImmutable(), unixMode, abort);
    }

    /// <summary>A command whose program's file name starts with "php" (php, php-cgi8.2, php5-fcgi…).</summary>
    private static bool LooksLikePhp(ShellWord program, Func<string, string?> lookup)
    {
        var value = program.Expand(lookup);
        if (value is null) return false;
        var name = value[(value.LastIndexOf('/') + 1)..];
        return name.StartsWith("php", StringComparison.Ordinal) && !name.Contains("wrapper", StringComparison.Ordinal);
    }

    private static PhpInvocation Invocation(ShellSimpleCommand command, bool viaExec, ShellWord program, ImmutableArray<ShellWord> args,
        Dictionary<string, VariableState> state, Func<string, string?> lookup)
    {
        var environment = ImmutableArray.CreateBuilder<PhpEnvironmentEntry>();
        var prefixNames = new HashSet<string>(command.Assignments.Select(a => a.Name), StringComparer.Ordinal);
        foreach (var (name, s) in state)
        {
            if (s.Exported && s.IsSet && !prefixNames.Contains(name))
                environment.Add(new PhpEnvironmentEntry(name, s.Value, s.Assignments.Count > 0 ? s.Assignments[^1].Span : (s.Exports.Count > 0 ? s.Exports[^1] : default)));
        }
        foreach (var a in command.Assignments)
            environment.Add(new PhpEnvironmentEntry(a.Name, a.Value.Expand(lookup), a.Span));

        var expandedArgs = new List<string>();
        bool argsKnown = true;
        foreach (var w in args)
        {
            var fields = w.ExpandFields(lookup);
            if (fields is null) { argsKnown = false; break; }
            expandedArgs.AddRange(fields);
        }

        return new PhpInvocation(command, viaExec, program, program.Expand(lookup), args, argsKnown ? expandedArgs : null,
            ParseOptions(args, lookup), environment.ToImmutable());
    }

    /// <summary>PHP's options up to the first non-option argument (the script), as php_getopt reads them.</summary>
    internal static ImmutableArray<PhpOption> ParseOptions(ImmutableArray<ShellWord> args, Func<string, string?> lookup)
    {
        var options = ImmutableArray.CreateBuilder<PhpOption>();
        for (int k = 0; k < args.Length; k++)
        {
            var word = args[k];
            var text = word.Expand(lookup);
            if (text is null || text.Length < 2 || text[0] != '-') break;
            if (text == "--") break;
            string letter;
            string? attached;
            if (text.StartsWith("--", StringComparison.Ordinal))
            {
                int eq = text.IndexOf('=');
                var longName = eq < 0 ? text[2..] : text[2..eq];
                attached = eq < 0 ? null : text[(eq + 1)..];
                letter = longName switch
                {
                    "php-ini" => "c",
                    "define" => "d",
                    "no-php-ini" => "n",
                    "bindpath" => "b",
                    _ => "",
                };
                if (letter.Length == 0)
                {
                    options.Add(new PhpOption(PhpOptionKind.Other, text, null, null, word.Span));
                    continue;
                }
            }
            else
            {
                letter = text[1].ToString();
                attached = text.Length > 2 ? text[2..] : null;
            }

            var span = word.Span;
            string? argument = attached;
            if (PhpOptionsWithArgument.Contains(letter) && argument is null && k + 1 < args.Length)
            {
                argument = args[k + 1].Expand(lookup);
                span = TextSpan.FromBounds(word.Span.Start, args[k + 1].Span.End);
                k++;
            }
            switch (letter)
            {
                case "c":
                    options.Add(new PhpOption(PhpOptionKind.IniPath, "-c", null, argument, span));
                    break;
                case "d":
                    string? key = argument, value = argument is null ? null : "1";
                    if (argument is not null && argument.IndexOf('=') is int eq and >= 0)
                    {
                        key = argument[..eq];
                        value = argument[(eq + 1)..];
                    }
                    options.Add(new PhpOption(PhpOptionKind.Define, "-d", key, value, span));
                    break;
                case "n":
                    options.Add(new PhpOption(PhpOptionKind.NoIni, "-n", null, null, span));
                    break;
                case "b":
                    options.Add(new PhpOption(PhpOptionKind.BindPath, "-b", null, argument, span));
                    break;
                default:
                    options.Add(new PhpOption(PhpOptionKind.Other, "-" + letter, null, argument, span));
                    break;
            }
        }
        return options.ToImmutable();
    }

    private sealed class VariableState
    {
        public string? Value;
        public bool IsSet;
        public bool Unset;
        public bool Exported;
        public bool Readonly;
        public readonly List<ShellAssignment> Assignments = new();
        public readonly List<TextSpan> Exports = new();
    }
}
