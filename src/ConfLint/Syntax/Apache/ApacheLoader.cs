using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ConfLint.Analyzers.Apache;
using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Text;

namespace ConfLint.Syntax.Apache;

/// <summary>
/// Reads an Apache httpd configuration exactly as httpd's ap_build_config does: line by line in
/// read order, running the EXEC_ON_READ directives as they come (Include, IncludeOptional,
/// Define, UnDefine, ServerRoot, LoadModule, &lt;IfModule&gt;/&lt;IfDefine&gt;/&lt;IfVersion&gt;/&lt;IfFile&gt;/
/// &lt;IfDirective&gt;/&lt;IfSection&gt;, mod_macro's &lt;Macro&gt;/Use/UndefMacro), expanding <c>${VAR}</c> on
/// each raw line first, and nesting sections as config.c does (each file, and each true
/// conditional, is its own nesting scope). It never throws; what httpd would reject is reported.
/// </summary>
public static class ApacheLoader
{
    /// <summary>Include depth limit (AP_MAX_INCLUDE_DEPTH) and directory nesting limit (AP_MAX_FNMATCH_DIR_DEPTH).</summary>
    public const int MaxIncludeDepth = 128;

    /// <summary>Loads the configuration whose main file is <paramref name="hostPath"/> (a host path under <paramref name="fileSystem"/>).</summary>
    public static ApacheConfiguration Load(HostFileSystem fileSystem, string hostPath, ApacheLoadOptions? options = null)
    {
        options ??= ApacheLoadOptions.Default;
        hostPath = HostFileSystem.NormalizeHostPath(hostPath);
        var reader = new Reader(fileSystem, options, hostPath);
        var text = fileSystem.ReadText(hostPath, reader.Bag, null, options.IsHtaccess ? ApacheLineLimits.Htaccess : ApacheLineLimits.MainConfig);
        return reader.Run(text);
    }

    /// <summary>Loads a configuration from text already read (tests, standard input); Includes are read from <paramref name="fileSystem"/>.</summary>
    public static ApacheConfiguration Load(SourceText text, ApacheLoadOptions? options = null, HostFileSystem? fileSystem = null)
    {
        options ??= ApacheLoadOptions.Default;
        var hostPath = text.HostPath.StartsWith('/') ? HostFileSystem.NormalizeHostPath(text.HostPath) : "/" + text.HostPath;
        var reader = new Reader(fileSystem ?? new HostFileSystem("/"), options, hostPath);
        return reader.Run(text);
    }

    // One line handed out by the reader, with where it came from; a value, as one is made per line read.
    private readonly record struct LineItem(ApacheLogicalLine Line, ImmutableArray<Location> Chain, ApacheSyntaxTree? Tree, long Order, string? MacroFile = null, int? MacroLine = null)
    {
        public T Stamp<T>(T node) where T : ApacheConfigNode
        {
            node.MacroFileName = MacroFile;
            node.MacroLineNumber = MacroLine;
            return node;
        }
    }

    /// <summary>The lines httpd's config file reader hands out; mod_macro pushes expanded lines in front of the rest.</summary>
    private sealed class LineStream
    {
        private readonly Stack<(IReadOnlyList<ApacheLogicalLine> Lines, int Index, ImmutableArray<Location> Chain, ApacheSyntaxTree? Tree, string? Macro, string? MacroFile, IReadOnlyList<int>? MacroLines)> _sources = new(1);

        public LineStream(IReadOnlyList<ApacheLogicalLine> lines, ImmutableArray<Location> chain, ApacheSyntaxTree? tree) =>
            _sources.Push((lines, 0, chain, tree, null, null, null));

        public IEnumerable<string> ActiveMacros => _sources.Select(s => s.Macro).OfType<string>();

        /// <summary>mod_macro: the expanded body is read next, under its own name and line numbers.</summary>
        public void Inject(IReadOnlyList<ApacheLogicalLine> lines, ImmutableArray<Location> chain, string macro, string macroFile, IReadOnlyList<int> macroLines) =>
            _sources.Push((lines, 0, chain, null, macro, macroFile, macroLines));

        public ApacheLogicalLine? Peek()
        {
            foreach (var s in _sources) if (s.Index < s.Lines.Count) return s.Lines[s.Index];
            return null;
        }

        public bool Next(Reader reader, out LineItem item)
        {
            while (_sources.Count > 0)
            {
                var top = _sources.Pop();
                if (top.Index < top.Lines.Count)
                {
                    var line = top.Lines[top.Index];
                    _sources.Push(top with { Index = top.Index + 1 });
                    item = new LineItem(line, top.Chain, top.Tree, ++reader.Sequence, top.MacroFile, top.MacroLines?[top.Index]);
                    return true;
                }
                if (_sources.Count == 0)
                {
                    _sources.Push(top);
                    break;
                }
            }
            item = default;
            return false;
        }
    }

    /// <summary>A nesting scope: a file (ap_build_config) or a true conditional (ap_build_cont_config).</summary>
    private sealed class Scope
    {
        public required List<ApacheConfigNode> Root { get; init; }
        public required ApacheConfigSection? OuterParent { get; init; }
        public ApacheConfigSection? Conditional { get; init; }
        public List<ApacheConfigSection> Open { get; } = new();

        public void Append(ApacheConfigNode node)
        {
            if (Open.Count > 0)
            {
                node.Parent = Open[^1];
                Open[^1]._children.Add(node);
            }
            else
            {
                node.Parent = OuterParent;
                Root.Add(node);
            }
        }
    }

    /// <summary>How many files a wildcard Include must match before they are read ahead on another thread (tests change it).</summary>
    internal static int MinFilesToReadAhead { get; set; } = 64;

    private sealed class Reader
    {
        private readonly HostFileSystem _fs;
        private readonly ApacheLoadOptions _options;
        private readonly string _mainHostPath;
        private readonly List<ApacheConfigFile> _files = new();
        private readonly ApacheModuleSet _modules = ApacheModuleSet.CreateDebianDefault();
        private readonly HashSet<string> _excludedModules = new(StringComparer.Ordinal);
        private readonly List<string> _defines = new();
        private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (ImmutableArray<string> Parameters, List<ApacheLogicalLine> Body, int Line, string File)> _macros = new(StringComparer.Ordinal);
        private readonly List<string> _includeStack = new();
        private string _serverRoot;
        // ap_resolve_env's lookup: the Define table, then the environment.
        private readonly Func<string, string?> _lookupVariable;

        public Reader(HostFileSystem fs, ApacheLoadOptions options, string mainHostPath)
        {
            _fs = fs;
            _options = options;
            _mainHostPath = mainHostPath;
            _lookupVariable = name => _variables.TryGetValue(name, out var v) ? v : _environment.GetValueOrDefault(name);
            var dir = Path.GetDirectoryName(mainHostPath) ?? "/";
            _serverRoot = HostFileSystem.NormalizeHostPath(options.ServerRoot ?? dir);
            foreach (var m in options.Modules)
            {
                if (m.StartsWith('!'))
                {
                    var id = ApacheModuleSet.ToIdentifier(m[1..]);
                    _excludedModules.Add(id);
                    _modules.Remove(id);
                }
                else
                {
                    var id = ApacheModuleSet.ToIdentifier(m);
                    _modules.Add(new ApacheModule(id, m.EndsWith(".c", StringComparison.Ordinal) ? m : ApacheModuleSet.SourceNameFor(id, null), null, null, false));
                }
            }
            foreach (var d in options.Defines) if (!_defines.Contains(d)) _defines.Add(d);
            foreach (var (k, v) in options.Environment) _environment[k] = v;
        }

        public DiagnosticBag Bag { get; } = new();

        public long Sequence;

        private bool Htaccess => _options.IsHtaccess;

        public ApacheConfiguration Run(SourceText? text)
        {
            var nodes = new List<ApacheConfigNode>();
            if (text is not null)
            {
                if (!Htaccess && _options.ReadEnvvars) ReadEnvvars();
                var tree = ApacheSyntaxTree.Parse(text);
                _files.Add(new ApacheConfigFile(_mainHostPath, text, tree, 0, null, null, ImmutableArray<Location>.Empty));
                _includeStack.Add(ResolveForCycle(_mainHostPath));
                var scope = new Scope { Root = nodes, OuterParent = null };
                BuildConfig(new LineStream(tree.Lines, ImmutableArray<Location>.Empty, tree), scope, text.HostPath);
            }
            return new ApacheConfiguration(_mainHostPath, Htaccess, nodes, _files, _modules, new Dictionary<string, string>(_variables),
                _defines.ToList(), _serverRoot, Bag.ToImmutableArray());
        }

        private string ResolveForCycle(string hostPath)
        {
            try { return _fs.ResolveHostPath(hostPath); }
            catch (Exception) { return hostPath; }
        }

        // Debian's apache2ctl sources /etc/apache2/envvars: its `export NAME=value` lines are httpd's environment.
        private void ReadEnvvars()
        {
            var dir = Path.GetDirectoryName(_mainHostPath) ?? "/";
            var path = HostFileSystem.NormalizeHostPath(dir + "/envvars");
            if (!_fs.FileExists(path)) return;
            var text = _fs.ReadText(path, new DiagnosticBag());
            if (text is null) return;
            foreach (var (name, value) in ApacheEnvvars.Parse(text.Text))
                _environment.TryAdd(name, value);
        }

        private void Report(DiagnosticDescriptor rule, Location location, ImmutableArray<Location> chain, long? order, string message, Severity? severity = null,
            (Location Location, string Message)? related = null)
        {
            var d = Diagnostic.Create(rule, location, message).WithIncludeChain(chain) with { EngineOrder = order };
            if (severity is { } s) d = d with { Severity = s };
            if (related is { } r) d = d.WithRelated(r.Location, r.Message);
            Bag.Add(d);
        }

        // ap_build_config: one file, its own nesting scope.
        private void BuildConfig(LineStream stream, Scope scope, string displayPath)
        {
            while (stream.Next(this, out var item)) BuildConfigSub(stream, item, scope);
            if (scope.Open.Count == 0) return;
            long order = ApacheEngineOrder.ReadPhase(++Sequence);
            for (int i = scope.Open.Count - 1; i >= 0; i--)
            {
                var open = scope.Open[i];
                Report(CL1001SectionMustBeClosed.Rule, open.NameToken.Span.Length > 0 ? open.Source.GetLocation(open.NameToken.Span) : open.Location,
                    open.IncludeChain, order, $"{open.HttpdFileName}:{open.HttpdLineNumber}: <{open.Name}> was not closed.");
            }
            scope.Open.Clear();
        }

        // ap_resolve_env on the raw line. Null when nothing was substituted (most lines have no ${…}):
        // the line then reads as written.
        private ApacheExpandedText? Expand(LineItem item)
        {
            if (!ApacheEnv.HasReference(item.Line.Text)) return null;
            var expanded = ApacheEnv.Resolve(item.Line.Text, _lookupVariable);
            foreach (var u in expanded.Undefined)
            {
                if (u.Name.Contains(':')) continue;
                Report(CL1007VariableMustBeDefined.Rule, item.Line.Source.GetLocation(item.Line.ToSourceSpan(u.Start, u.End)), item.Chain,
                    ApacheEngineOrder.ReadPhase(item.Order), $"Config variable ${{{u.Name}}} is not defined");
            }
            return expanded.IsUnchanged ? null : expanded;
        }

        // The first word of the line a syntax node was read from.
        private static ApacheWord? FirstWordOf(ApacheSyntaxNode? node) => node switch
        {
            ApacheDirectiveSyntax d => d.NameToken,
            ApacheSectionSyntax s => s.OpenToken,
            ApacheCloseTagSyntax c => c.Token,
            _ => null,
        };

        // An open tag's header as its syntax node read it.
        private static ApacheSyntaxTree.SectionHeader HeaderOf(ApacheSectionSyntax s) =>
            new(s.OpenToken, s.Name, s.Arguments, s.ArgumentText, s.HasClosingBracket);

        /// <summary>
        /// ap_build_config_sub: one line in an active scope. Returns true when a wrong close tag
        /// ended the enclosing conditional scope (recovery after CL1002).
        /// </summary>
        private bool BuildConfigSub(LineStream stream, LineItem item, Scope scope)
        {
            var line = item.Line;
            if (line.IsBlank || line.IsComment) return false;
            var expanded = Expand(item);
            var text = expanded?.Text ?? line.Text;
            var lineSyntax = item.Tree?.NodeOfLine(line);
            // A line that expansion leaves as written reads exactly as its syntax node did: the
            // node's words are shared rather than read again.
            var written = expanded is null ? lineSyntax : null;
            int pos = 0;
            ApacheRawWord? first = null;
            ApacheWord token;
            if (FirstWordOf(written) is { } writtenToken)
            {
                token = writtenToken;
                ApacheWords.SkipWordConf(text, ref pos);
            }
            else
            {
                first = ApacheWords.GetWordConf(text, ref pos);
                if (first is not { } w) return false;
                token = ApacheWords.ToWord(line, text, w, expanded);
            }
            var cmdName = token.Value;
            if (cmdName.Length == 0) return false;
            bool isClose = cmdName.Length > 1 && cmdName[1] == '/';
            var lookup = !isClose && cmdName.EndsWith('>') ? cmdName[..^1] : cmdName;

            if (!isClose && cmdName[0] == '<')
            {
                var header = written is ApacheSectionSyntax writtenSection
                    ? HeaderOf(writtenSection)
                    : ApacheSyntaxTree.ParseSectionHeader(line, text, first ?? ReadFirstWord(text), pos, token, expanded);
                var kind = ApacheSectionKinds.FromName(header.Name);
                var syntax = lineSyntax as ApacheSectionSyntax;
                var section = item.Stamp(new ApacheConfigSection(line, item.Chain, true, item.Order, Htaccess, token, header.Name, header.Args, header.ArgText, header.Bracket, syntax)
                {
                    HttpdArguments = pos < text.Length ? text[pos..] : ">",
                });
                scope.Append(section);
                if (IsReadTimeConditional(kind) && (kind != ApacheSectionKind.IfVersion || _modules.Contains("version_module")))
                {
                    EvaluateConditional(section, item);
                    if (section.Condition == true)
                    {
                        section.IsBodyActive = true;
                        BuildContConfig(stream, section, item);
                    }
                    else
                    {
                        SoakEndContainer(stream, section, "<" + header.Name, item, section);
                    }
                    return false;
                }
                if (kind == ApacheSectionKind.Macro && !Htaccess && _modules.Contains("macro_module"))
                {
                    DefineMacro(stream, section, item);
                    return false;
                }
                section.IsBodyActive = true;
                scope.Open.Add(section);
                return false;
            }

            if (isClose && cmdName[0] == '<')
                return CloseSection(scope, item, token, cmdName);

            var directive = item.Stamp(written is ApacheDirectiveSyntax writtenDirective
                ? new ApacheConfigDirective(line, item.Chain, true, item.Order, Htaccess, token, writtenDirective.Arguments, writtenDirective.ArgumentText, writtenDirective)
                : new ApacheConfigDirective(line, item.Chain, true, item.Order, Htaccess, token, ApacheWords.ReadWords(line, text, pos, text.Length, expanded),
                    text[pos..], lineSyntax as ApacheDirectiveSyntax));
            scope.Append(directive);
            if (!Htaccess) ExecuteOnRead(stream, directive, item, lookup);
            return false;
        }

        private static ApacheRawWord ReadFirstWord(string text)
        {
            int pos = 0;
            return ApacheWords.GetWordConf(text, ref pos) ?? default;
        }

        private static bool IsReadTimeConditional(ApacheSectionKind kind) => kind.IsReadTimeConditional();

        // The close-tag branch of ap_build_config_sub.
        private bool CloseSection(Scope scope, LineItem item, ApacheWord token, string word)
        {
            var at = item.Line.Source.GetLocation(token.Span);
            long order = ApacheEngineOrder.ReadPhase(item.Order);
            if (scope.Open.Count == 0)
            {
                Report(CL1002CloseTagMustMatchOpenTag.Rule, at, item.Chain, order, $"{word} without matching <{word[2..]} section");
                // A wrong close tag of the conditional being read ends it (CL1002 over CL1001/CL1012).
                return scope.Conditional is { } c && word.Length > 2 && word[2..].TrimEnd('>').Equals(c.Name, StringComparison.OrdinalIgnoreCase);
            }
            var top = scope.Open[^1];
            if (!word.EndsWith('>'))
            {
                Report(CL1002CloseTagMustMatchOpenTag.Rule, at, item.Chain, order, $"{word}> directive missing closing '>'");
                if (word[2..].Equals(top.Name, StringComparison.OrdinalIgnoreCase))
                {
                    top.CloseLine = item.Line;
                    scope.Open.RemoveAt(scope.Open.Count - 1);
                    return false;
                }
            }
            var closeName = ApacheSyntaxTree.CloseName(word);
            if (closeName.Equals(top.Name, StringComparison.OrdinalIgnoreCase))
            {
                top.CloseLine = item.Line;
                scope.Open.RemoveAt(scope.Open.Count - 1);
                return false;
            }
            if (word.EndsWith('>'))
                Report(CL1002CloseTagMustMatchOpenTag.Rule, at, item.Chain, order, $"Expected </{top.Name}> but saw </{closeName}>");
            int match = scope.Open.FindLastIndex(o => o.Name.Equals(closeName, StringComparison.OrdinalIgnoreCase));
            if (match < 0 && scope.Conditional is { } cond && cond.Name.Equals(closeName, StringComparison.OrdinalIgnoreCase))
            {
                scope.Open.Clear();
                return true;
            }
            if (match < 0) match = scope.Open.Count - 1;
            scope.Open[match].CloseLine = item.Line;
            scope.Open.RemoveRange(match, scope.Open.Count - match);
            return false;
        }

        // ap_build_cont_config: the body of a true conditional, a fresh nesting scope ending at an exact `</Name>` line.
        private void BuildContConfig(LineStream stream, ApacheConfigSection section, LineItem openItem)
        {
            var scope = new Scope { Root = section._children, OuterParent = section, Conditional = section };
            var bracket = section.Name + ">";
            while (stream.Next(this, out var item))
            {
                var t = item.Line.Text;
                if (scope.Open.Count == 0 && t.Length > 2 && t[0] == '<' && t[1] == '/' && t[2..].Equals(bracket, StringComparison.OrdinalIgnoreCase))
                {
                    section.CloseLine = item.Line;
                    return;
                }
                if (BuildConfigSub(stream, item, scope))
                {
                    section.CloseLine = item.Line;
                    return;
                }
            }
            // httpd accepts the end of the file here, open sections included.
            var inner = scope.Open.Count > 0 ? $" (and <{scope.Open[^1].Name}> inside it)" : "";
            Report(CL1012ConditionalMustBeClosed.Rule, section.Source.GetLocation(section.NameToken.Span), section.IncludeChain, null,
                $"<{section.Name}> is never closed{inner}: httpd accepts this only while the condition holds; when it does not, httpd fails with \"Expected </{section.Name}> before end of configuration\"");
        }

        // ap_soak_end_container: skip a false block, tracking only `<` and `</` words. Its errors
        // are returned by the conditional httpd executed (`executed`, the outermost false block),
        // so httpd names that line (execute_now sets err_directive); the message names the
        // innermost block, and the line that is wrong is attached as a related location.
        // httpd stops at the first error; reading goes on here (a wrong close tag ends its block) but
        // only that first error is reported, once for the whole false block.
        private void SoakEndContainer(LineStream stream, ApacheConfigSection section, string directive, LineItem openItem, ApacheConfigSection executed)
        {
            var failed = new StrongBox<bool>(false);
            SoakEndContainer(stream, section, directive, executed, failed);
        }

        private void SoakEndContainer(LineStream stream, ApacheConfigSection section, string directive, ApacheConfigSection executed, StrongBox<bool> failed)
        {
            var scope = new Scope { Root = section._children, OuterParent = section };
            var reportAt = executed.Source.GetLocation(executed.NameToken.Span);
            while (stream.Next(this, out var item))
            {
                var line = item.Line;
                if (line.IsBlank) continue;
                // Nothing is expanded while skipping: a line of a file reads as its syntax node did.
                var written = item.Tree?.NodeOfLine(line);
                int pos = 0;
                ApacheRawWord? first = null;
                ApacheWord token;
                if (FirstWordOf(written) is { } writtenToken)
                {
                    token = writtenToken;
                    ApacheWords.SkipWordConf(line.Text, ref pos);
                }
                else if (written is ApacheCommentSyntax)
                {
                    continue;
                }
                else
                {
                    first = ApacheWords.GetWordConf(line.Text, ref pos);
                    if (first is not { } w) continue;
                    token = ApacheWords.ToWord(line, line.Text, w);
                }
                var word = token.Value;
                if (word.Length > 0 && word[0] == '<')
                {
                    if (word.Length > 1 && word[1] == '/')
                    {
                        var closeName = ApacheSyntaxTree.CloseName(word);
                        section.CloseLine = line;
                        if (!closeName.Equals(directive[1..], StringComparison.OrdinalIgnoreCase) && !failed.Value)
                        {
                            failed.Value = true;
                            Report(CL1002CloseTagMustMatchOpenTag.Rule, reportAt, executed.IncludeChain, ApacheEngineOrder.ReadPhase(item.Order),
                                $"Expected </{directive[1..]}> but saw </{closeName}>",
                                related: (line.Source.GetLocation(token.Span), $"the close tag httpd read while skipping the inactive <{executed.Name}>"));
                        }
                        return;
                    }
                    var name = word;
                    bool argsEmpty = pos >= line.Text.Length;
                    if (argsEmpty && name.EndsWith('>')) name = name[..^1];
                    var header = written is ApacheSectionSyntax writtenSection
                        ? HeaderOf(writtenSection)
                        : ApacheSyntaxTree.ParseSectionHeader(line, line.Text, first ?? ReadFirstWord(line.Text), pos, token, null);
                    var inner = item.Stamp(new ApacheConfigSection(line, item.Chain, false, item.Order, Htaccess, token, name[1..], header.Args, header.ArgText, header.Bracket,
                        written as ApacheSectionSyntax));
                    scope.Append(inner);
                    SoakEndContainer(stream, inner, name, executed, failed);
                    continue;
                }
                if (line.IsComment) continue;
                scope.Append(item.Stamp(written is ApacheDirectiveSyntax writtenDirective
                    ? new ApacheConfigDirective(line, item.Chain, false, item.Order, Htaccess, token, writtenDirective.Arguments, writtenDirective.ArgumentText, writtenDirective)
                    : new ApacheConfigDirective(line, item.Chain, false, item.Order, Htaccess, token, ApacheWords.ReadWords(line, line.Text, pos, line.Text.Length),
                        line.Text[pos..], null)));
            }
            if (failed.Value) return;
            failed.Value = true;
            Report(CL1001SectionMustBeClosed.Rule, reportAt, executed.IncludeChain,
                ApacheEngineOrder.ReadPhase(++Sequence), $"Expected </{directive[1..]}> before end of configuration",
                related: section == executed ? null : (section.Source.GetLocation(section.NameToken.Span), $"the <{section.Name}> left open inside the inactive <{executed.Name}>"));
        }

        private void EvaluateConditional(ApacheConfigSection section, LineItem item)
        {
            // The handlers take the text up to the last '>' (TAKE1/TAKE12 words, the last one ends with '>').
            var words = section.Arguments.Select(a => a.Value).ToList();
            var kind = section.Kind;
            if (words.Count == 0 || words[0].Length == 0)
            {
                section.Condition = false;
                section.ConditionReason = $"<{section.Name}> has no argument";
                return;
            }
            var arg = words[0];
            bool not = arg.StartsWith('!');
            if (not) arg = arg[1..];
            switch (kind)
            {
                case ApacheSectionKind.IfModule:
                {
                    bool found = _modules.Contains(arg);
                    section.Condition = found != not;
                    section.ConditionReason = SharedStrings.Get(found ? $"module {arg} is loaded" : $"module {arg} is not loaded");
                    break;
                }
                case ApacheSectionKind.IfDefine:
                {
                    bool found = _defines.Contains(arg);
                    section.Condition = found != not;
                    section.ConditionReason = found ? $"{arg} is defined" : $"{arg} is not defined (Define or -D)";
                    break;
                }
                case ApacheSectionKind.IfVersion:
                    if (!_modules.Contains("version_module"))
                    {
                        section.Condition = null;
                        section.ConditionReason = "mod_version is not loaded";
                        break;
                    }
                    section.Condition = ApacheVersion.Evaluate(words, _options.HttpdVersion);
                    section.ConditionReason = $"httpd {_options.HttpdVersion} {(section.Condition == true ? "matches" : "does not match")} {string.Join(' ', words)}";
                    break;
                case ApacheSectionKind.IfFile:
                {
                    if (_options.NoDisk)
                    {
                        section.Condition = null;
                        section.ConditionReason = "--no-disk: file existence not checked";
                        SayOnce("IfFile-nodisk", section, "<IfFile> blocks were not evaluated (--no-disk): they are treated as skipped");
                        break;
                    }
                    var path = ServerRootRelative(arg);
                    bool exists = _fs.Exists(path);
                    section.Condition = exists != not;
                    section.ConditionReason = exists ? $"{path} exists" : $"{path} does not exist";
                    break;
                }
                case ApacheSectionKind.IfDirective:
                case ApacheSectionKind.IfSection:
                {
                    var predicate = kind == ApacheSectionKind.IfDirective ? _options.IsKnownDirective : _options.IsKnownSection;
                    if (predicate is null)
                    {
                        section.Condition = null;
                        section.ConditionReason = "the directive dictionary is not available";
                        SayOnce("If" + kind, section, $"<{section.Name}> blocks were not evaluated: no directive dictionary is available, so they are treated as skipped");
                        break;
                    }
                    bool known = predicate(arg, _modules);
                    section.Condition = known != not;
                    section.ConditionReason = known ? $"{arg} is known" : $"{arg} is not known";
                    break;
                }
            }
            if (section.Condition == false && kind is ApacheSectionKind.IfModule or ApacheSectionKind.IfDefine)
            {
                Report(CL1009ConditionalBlockInactive.Rule, section.Source.GetLocation(section.NameToken.Span), item.Chain, null,
                    $"<{section.Name} {section.ArgumentText}> is inactive: {section.ConditionReason}; httpd skips its contents");
            }
        }

        private void SayOnce(string key, ApacheConfigNode at, string message)
        {
            Bag.ReportOnce("CL0004:" + key, Diagnostic.Create(CL0004CheckNeedsMissingFact.Rule, at.Location, message).WithIncludeChain(at.IncludeChain));
        }

        private string ServerRootRelative(string path) =>
            HostFileSystem.NormalizeHostPath(path.StartsWith('/') ? path : _serverRoot + "/" + path);

        // The directives httpd runs while it reads (EXEC_ON_READ), by name in any case; every other directive passes by.
        private static readonly Dictionary<string, string> ExecutedOnRead = new[]
        {
            "include", "includeoptional", "define", "undefine", "serverroot", "loadmodule", "loadfile", "defaultruntimedir", "use", "undefmacro",
        }.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);

        // execute_now: the EXEC_ON_READ directives of core, mod_so and mod_macro.
        private void ExecuteOnRead(LineStream stream, ApacheConfigDirective directive, LineItem item, string name)
        {
            if (!ExecutedOnRead.TryGetValue(name, out var lowerCaseName)) return;
            var args = directive.Arguments;
            switch (lowerCaseName)
            {
                case "include":
                case "includeoptional":
                    directive.IsExecutedOnRead = true;
                    if (args.Length >= 1) Include(directive, item, args[0], name.Equals("IncludeOptional", StringComparison.OrdinalIgnoreCase));
                    break;
                case "define":
                    directive.IsExecutedOnRead = true;
                    if (args.Length is >= 1 and <= 2 && !args[0].Value.Contains(':'))
                    {
                        if (!_defines.Contains(args[0].Value)) _defines.Add(args[0].Value);
                        if (args.Length == 2) _variables[args[0].Value] = args[1].Value;
                    }
                    break;
                case "undefine":
                    directive.IsExecutedOnRead = true;
                    if (args.Length == 1)
                    {
                        _defines.Remove(args[0].Value);
                        _variables.Remove(args[0].Value);
                    }
                    break;
                case "serverroot":
                    directive.IsExecutedOnRead = true;
                    if (args.Length == 1) _serverRoot = HostFileSystem.NormalizeHostPath(args[0].Value.StartsWith('/') ? args[0].Value : _serverRoot + "/" + args[0].Value);
                    break;
                case "loadmodule":
                    directive.IsExecutedOnRead = true;
                    if (args.Length == 2) LoadModule(directive, item, args[0], args[1]);
                    break;
                case "loadfile":
                case "defaultruntimedir":
                    directive.IsExecutedOnRead = true;
                    break;
                case "use" when _modules.Contains("macro_module"):
                    directive.IsExecutedOnRead = true;
                    UseMacro(stream, directive, item);
                    break;
                case "undefmacro" when _modules.Contains("macro_module"):
                    directive.IsExecutedOnRead = true;
                    if (args.Length >= 1) _macros.Remove(args[0].Value.ToLowerInvariant());
                    break;
            }
        }

        // mod_so.c load_module.
        private void LoadModule(ApacheConfigDirective directive, LineItem item, ApacheWord id, ApacheWord file)
        {
            long order = ApacheEngineOrder.ReadPhase(item.Order);
            var identifier = id.Value;
            if (_excludedModules.Contains(identifier)) return;
            var existing = _modules.Modules.FirstOrDefault(m => m.Identifier == identifier);
            if (existing is not null && !existing.IsBuiltIn)
            {
                if (existing.LoadedAt is not null)
                {
                    var d = Diagnostic.Create(CL1013LoadModuleMustLoad.Rule, directive.Source.GetLocation(id.Span),
                            $"module {identifier} is already loaded, skipping (AH01574; loaded at {existing.LoadedAt.HostPath}:{existing.LoadedAt.Line})")
                        .WithIncludeChain(item.Chain)
                        .WithRelated(existing.LoadedAt, $"{identifier} first loaded here") with { Severity = Severity.Warning, EngineOrder = order };
                    Bag.Add(d);
                }
                return;
            }
            if (existing is not null && existing.IsBuiltIn)
            {
                Report(CL1013LoadModuleMustLoad.Rule, directive.Source.GetLocation(id.Span), item.Chain, order,
                    $"module {identifier} is built-in and can't be loaded");
                return;
            }
            var path = ServerRootRelative(file.Value);
            if (!_options.NoDisk && !_fs.FileExists(path))
            {
                var lookedAt = _fs.IsSysroot ? $" (looked for {_fs.ToRealPath(path)})" : "";
                Report(CL1013LoadModuleMustLoad.Rule, directive.Source.GetLocation(file.Span), item.Chain, order,
                    $"Cannot load {path} into server: {path}: cannot open shared object file: No such file or directory{lookedAt}");
            }
            _modules.Add(new ApacheModule(identifier, ApacheModuleSet.SourceNameFor(identifier, file.Value), path, directive.Source.GetLocation(id.Span), false));
        }

        // core.c include_config → ap_process_fnmatch_configs.
        private void Include(ApacheConfigDirective directive, LineItem item, ApacheWord arg, bool optional)
        {
            var at = directive.Source.GetLocation(arg.Span);
            // One Include line may read many files (sites-enabled/*.conf): they share its locations and include chain.
            var directiveLocation = directive.Location;
            var site = new IncludeSite(directive, item, at, directiveLocation, item.Chain.Insert(0, directiveLocation));
            long order = ApacheEngineOrder.ReadPhase(item.Order);
            if (_includeStack.Count > MaxIncludeDepth)
            {
                Report(CL1006IncludeMustResolve.Rule, at, item.Chain, order,
                    $"Exceeded maximum include depth of {MaxIncludeDepth}, There appears to be a recursion.");
                return;
            }
            var path = ServerRootRelative(arg.Value);
            string? error = ApacheFnmatch.IsPattern(path)
                ? IncludeFnmatch(site, "/", path.TrimStart('/'), optional)
                : IncludeNoFnmatch(site, path, 0, optional);
            if (error is not null) Report(CL1006IncludeMustResolve.Rule, at, item.Chain, order, error);
        }

        // The Include line being run: where its argument and line are, and the include chain of what it reads.
        private sealed record IncludeSite(ApacheConfigDirective Directive, LineItem Item, Location ArgumentLocation, Location DirectiveLocation,
            ImmutableArray<Location> Chain);

        // A file read and parsed, with what reading it reported (at the Include that named it).
        private sealed record ReadFile(SourceText? Text, ApacheSyntaxTree? Tree, DiagnosticBag ReadErrors);

        private ReadFile Read(string path, Location at)
        {
            var readErrors = new DiagnosticBag();
            var text = _fs.ReadText(path, readErrors, at, ApacheLineLimits.MainConfig);
            return new ReadFile(text, text is null ? null : ApacheSyntaxTree.Parse(text), readErrors);
        }

        // The files a wildcard Include matched (a host's sites-enabled/*.conf: thousands of them), read and parsed on
        // another thread ahead of the reader, which builds the configuration from them in order. Reading and parsing a
        // file depend on nothing the configuration defines; each file is read once, by whichever thread asks first.
        // Each wildcard has its own reader, as its files report read errors at its own Include.
        private readonly Dictionary<string, WorkAhead<ReadFile>> _readAhead = new(StringComparer.Ordinal);

        private void StartReadingAhead(IncludeSite site, List<string> paths)
        {
            var ahead = new WorkAhead<ReadFile>(path => Read(path, site.ArgumentLocation));
            ahead.Start();
            foreach (var path in paths)
            {
                if (!_readAhead.TryAdd(path, ahead)) continue;
                ahead.Queue(path);
            }
            ahead.Complete();
        }

        private ReadFile TakeFile(string path, Location at) =>
            _readAhead.Remove(path, out var ahead) ? ahead.Take(path) : Read(path, at);

        private string? IncludeNoFnmatch(IncludeSite site, string path, int depth, bool optional)
        {
            if (_fs.DirectoryExists(path))
            {
                if (++depth > MaxIncludeDepth)
                    return $"Directory {path} exceeds the maximum include directory nesting level of {MaxIncludeDepth}. You have probably a recursion somewhere.";
                var entries = _fs.ListDirectory(path);
                if (entries is null) return $"Could not open config directory {path}: Permission denied";
                foreach (var entry in entries)
                {
                    var error = IncludeNoFnmatch(site, HostFileSystem.NormalizeHostPath(path + "/" + entry), depth, optional);
                    if (error is not null) return error;
                }
                return null;
            }
            if (!_fs.FileExists(path))
                return optional ? null : $"Could not open configuration file {path}: No such file or directory";
            return ProcessFile(site, path);
        }

        private string? IncludeFnmatch(IncludeSite site, string dir, string pattern, bool optional)
        {
            int slash = pattern.IndexOf('/');
            var component = slash >= 0 ? pattern[..slash] : pattern;
            var rest = slash >= 0 ? pattern[(slash + 1)..] : null;
            if (!ApacheFnmatch.IsPattern(component))
            {
                var next = HostFileSystem.NormalizeHostPath(dir + "/" + component);
                return rest is null ? IncludeNoFnmatch(site, next, 0, optional) : IncludeFnmatch(site, next, rest, optional);
            }
            var entries = _fs.DirectoryExists(dir) ? _fs.ListDirectoryForReading(dir) : null;
            if (entries is null)
                return optional ? null : $"Include/IncludeOptional: Could not open directory {dir}: No such file or directory";
            var candidates = new List<string>();
            foreach (var entry in entries)
            {
                if (entry is "." or ".." || !ApacheFnmatch.Match(component, entry)) continue;
                var full = HostFileSystem.NormalizeHostPath(dir + "/" + entry);
                // A match inside the path must be a directory; apr_dir_read reports a symlink as a link, not a directory.
                if (rest is not null && !IsRealDirectory(full)) continue;
                candidates.Add(full);
            }
            if (candidates.Count == 0)
                return optional ? null : $"Include/IncludeOptional: No matches for the wildcard '{component}' in '{dir}', failing";
            if (rest is null && candidates.Count >= MinFilesToReadAhead)
                StartReadingAhead(site, candidates); // a directory among them is read by IncludeNoFnmatch instead
            foreach (var c in candidates)
            {
                var error = rest is null ? IncludeNoFnmatch(site, c, 0, optional) : IncludeFnmatch(site, c, rest, optional);
                if (error is not null) return error;
            }
            return null;
        }

        private bool IsRealDirectory(string hostPath)
        {
            try
            {
                var parent = _fs.ToRealPath(Path.GetDirectoryName(hostPath) ?? "/");
                var real = Path.Combine(parent, Path.GetFileName(hostPath));
                var info = new DirectoryInfo(real);
                return info.Exists && info.LinkTarget is null;
            }
            catch (Exception)
            {
                return false;
            }
        }

        // ap_process_resource_config: read one included file in its own scope.
        private string? ProcessFile(IncludeSite site, string path)
        {
            var (directive, item) = (site.Directive, site.Item);
            var resolved = ResolveForCycle(path);
            var at = site.ArgumentLocation;
            if (_includeStack.Contains(resolved))
            {
                var chain = string.Join(" → ", _includeStack.SkipWhile(p => p != resolved).Append(resolved));
                Report(CL1006IncludeMustResolve.Rule, at, item.Chain, ApacheEngineOrder.ReadPhase(item.Order),
                    $"include cycle: {chain}; httpd recurses until \"Exceeded maximum include depth of {MaxIncludeDepth}, There appears to be a recursion.\"");
                return null;
            }
            var (text, tree, readErrors) = TakeFile(path, at);
            foreach (var e in readErrors)
                Bag.Add(e.WithIncludeChain(item.Chain) with { EngineOrder = ApacheEngineOrder.ReadPhase(item.Order) });
            if (text is null || tree is null) return null;
            var chainHere = site.Chain;
            _files.Add(new ApacheConfigFile(path, text, tree, _includeStack.Count, site.DirectiveLocation, directive.HttpdLineNumber, chainHere));
            directive.AddIncludedFile(_files[^1]);
            _includeStack.Add(resolved);
            try
            {
                var scope = new Scope { Root = directive.ExpansionList, OuterParent = directive.Parent };
                BuildConfig(new LineStream(tree.Lines, chainHere, tree), scope, path);
            }
            finally
            {
                _includeStack.RemoveAt(_includeStack.Count - 1);
            }
            return null;
        }

        // mod_macro: <Macro name params…> … </Macro> is stored, not read. Comment lines are dropped from the body.
        private void DefineMacro(LineStream stream, ApacheConfigSection section, LineItem item)
        {
            var body = new List<ApacheLogicalLine>();
            int nesting = 0;
            bool closed = false;
            while (stream.Next(this, out var inner))
            {
                var t = inner.Line.Text;
                int pos = 0;
                var first = ApacheWords.GetWordConf(t, ref pos);
                var w = first?.Value ?? "";
                if (w.StartsWith("<Macro", StringComparison.OrdinalIgnoreCase) && (w.Length == 6 || w[6] == '>')) nesting++;
                if (w.Equals("</Macro>", StringComparison.OrdinalIgnoreCase) || (w.Equals("</Macro", StringComparison.OrdinalIgnoreCase) && pos >= t.Length))
                {
                    if (nesting == 0)
                    {
                        section.CloseLine = inner.Line;
                        closed = true;
                        break;
                    }
                    nesting--;
                }
                if (inner.Line.IsComment) continue;
                body.Add(inner.Line);
                if (first is { } f)
                {
                    var args = ApacheWords.ReadWords(inner.Line, t, pos, t.Length);
                    var node = inner.Stamp(new ApacheConfigDirective(inner.Line, inner.Chain, false, inner.Order, Htaccess,
                        ApacheWords.ToWord(inner.Line, t, f), args, t[pos..], inner.Tree?.NodeOfLine(inner.Line) as ApacheDirectiveSyntax));
                    node.Parent = section;
                    section._children.Add(node);
                }
            }
            if (!closed)
            {
                Report(CL1001SectionMustBeClosed.Rule, section.Source.GetLocation(section.NameToken.Span), section.IncludeChain,
                    ApacheEngineOrder.ReadPhase(++Sequence), $"macro '{(section.Arguments.Length > 0 ? section.Arguments[0].Value.ToLowerInvariant() : "")}' (defined on line {section.HttpdLineNumber} of \"{section.HttpdFileName}\") contents error: expected token not found: </{section.Name}>");
            }
            if (section.Arguments.Length == 0) return;
            var name = section.Arguments[0].Value;
            _macros[name.ToLowerInvariant()] = (section.Arguments.Skip(1).Select(a => a.Value).ToImmutableArray(), body,
                section.HttpdLineNumber, section.HttpdFileName);
        }

        // mod_macro use_macro: the body, with arguments substituted, is read next in place of the Use line.
        private void UseMacro(LineStream stream, ApacheConfigDirective directive, LineItem item)
        {
            if (directive.Arguments.Length == 0) return;
            var key = directive.Arguments[0].Value.ToLowerInvariant();
            if (!_macros.TryGetValue(key, out var macro)) return;
            var values = directive.Arguments.Skip(1).Select(a => a.Value).ToList();
            if (values.Count != macro.Parameters.Length) return;
            if (stream.ActiveMacros.Contains(key)) return;
            var lines = macro.Body.Select(l => l.WithText(SubstituteMacroArguments(l.Text, macro.Parameters, values))).ToList();
            var label = $"macro '{key}' (defined on line {macro.Line} of \"{macro.File}\") used on line {directive.HttpdLineNumber} of \"{directive.HttpdFileName}\"";
            stream.Inject(lines, item.Chain.Insert(0, directive.Location), key, label, Enumerable.Range(1, lines.Count).ToList());
        }

        private static string SubstituteMacroArguments(string text, ImmutableArray<string> parameters, IReadOnlyList<string> values)
        {
            if (parameters.Length == 0) return text;
            var ordered = parameters.Select((p, i) => (p, i)).Where(x => x.p.Length > 0).OrderByDescending(x => x.p.Length).ToList();
            var sb = new System.Text.StringBuilder();
            int pos = 0;
            while (pos < text.Length)
            {
                bool replaced = false;
                foreach (var (p, i) in ordered)
                {
                    if (string.CompareOrdinal(text, pos, p, 0, p.Length) == 0)
                    {
                        // mod_macro quotes the value of a parameter named @…, so it stays one word.
                        sb.Append(p[0] == '@' ? "\"" + values[i].Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : values[i]);
                        pos += p.Length;
                        replaced = true;
                        break;
                    }
                }
                if (!replaced) sb.Append(text[pos++]);
            }
            return sb.ToString();
        }
    }
}

/// <summary>mod_version's &lt;IfVersion&gt; test.</summary>
public static class ApacheVersion
{
    /// <summary>
    /// Evaluates &lt;IfVersion [[!]op] version&gt;: one word means <c>=</c>; <c>~</c> or <c>= /re/</c> match a
    /// regular expression against the version string; missing version parts count as 0.
    /// </summary>
    public static bool Evaluate(IReadOnlyList<string> words, string httpdVersion)
    {
        string op, version;
        if (words.Count >= 2) { op = words[0]; version = words[1]; }
        else { op = "="; version = words.Count == 1 ? words[0] : ""; }
        bool not = op.StartsWith('!');
        if (not) op = op[1..];
        bool result;
        if (op == "~" || ((op == "=" || op == "==") && version.Length >= 2 && version[0] == '/' && version[^1] == '/'))
        {
            var pattern = op == "~" ? version : version[1..^1];
            try { result = Regex.IsMatch(httpdVersion, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (Exception) { result = false; }
        }
        else
        {
            int cmp = Compare(httpdVersion, version);
            result = op switch
            {
                "=" or "==" => cmp == 0,
                ">" => cmp > 0,
                ">=" => cmp >= 0,
                "<" => cmp < 0,
                "<=" => cmp <= 0,
                _ => false,
            };
        }
        return result != not;
    }

    private static int Compare(string a, string b)
    {
        var pa = Parts(a);
        var pb = Parts(b);
        for (int i = 0; i < 3; i++)
        {
            int c = pa[i].CompareTo(pb[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int[] Parts(string v)
    {
        var result = new int[3];
        var parts = v.Split('.');
        for (int i = 0; i < 3 && i < parts.Length; i++)
        {
            var digits = new string(parts[i].TakeWhile(char.IsAsciiDigit).ToArray());
            result[i] = int.TryParse(digits, out var n) ? n : 0;
        }
        return result;
    }
}

/// <summary>Debian's /etc/apache2/envvars: a shell script of <c>export NAME=value</c> lines.</summary>
public static class ApacheEnvvars
{
    /// <summary>The exported variables, with <c>$NAME</c>/<c>${NAME}</c> of earlier lines substituted; SUFFIX is empty.</summary>
    public static IReadOnlyList<(string Name, string Value)> Parse(string script)
    {
        var shell = new Dictionary<string, string>(StringComparer.Ordinal) { ["SUFFIX"] = "" };
        var exported = new List<(string, string)>();
        foreach (var raw in script.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("export ", StringComparison.Ordinal)) continue;
            var assignment = line[7..].Trim();
            int eq = assignment.IndexOf('=');
            if (eq <= 0) continue;
            var name = assignment[..eq];
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) continue;
            var value = Unquote(assignment[(eq + 1)..].Trim());
            value = Regex.Replace(value, @"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)",
                m => shell.GetValueOrDefault(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) ?? "");
            shell[name] = value;
            exported.RemoveAll(e => e.Item1 == name);
            exported.Add((name, value));
        }
        return exported;
    }

    private static string Unquote(string v)
    {
        int hash = v.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0) v = v[..hash].TrimEnd();
        if (v.Length >= 2 && (v[0] == '"' || v[0] == '\'') && v[^1] == v[0]) return v[1..^1];
        return v;
    }
}
