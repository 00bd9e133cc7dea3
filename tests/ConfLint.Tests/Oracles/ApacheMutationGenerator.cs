using System.Text.RegularExpressions;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// Generates structural mutations of an Apache base tree, deterministically from a seed: close
/// tags dropped, misspelled, stray or written `</IfModule >`; sections left open on active and
/// inactive branches; Include/IncludeOptional of missing files, empty globs and cycles;
/// undefined `${VAR}`; LoadModule of a built-in, of a missing file, twice. Sites are chosen
/// among the files httpd actually reads (its DUMP_INCLUDES list). The generator only produces
/// cases; httpd is the judge of what each one means.
/// </summary>
public sealed class ApacheMutationGenerator
{
    /// <summary>A module every base tree loads, and one no tree has.</summary>
    public const string LoadedModule = "mod_mime.c";
    public const string AbsentModule = "mod_conflint_absent.c";
    public const string UndefinedName = "CONFLINT_UNDEFINED";

    private static readonly string[] BuiltIns = { "version_module mod_version.so", "unixd_module mod_unixd.so", "log_config_module mod_log_config.so", "logio_module mod_logio.so", "so_module mod_so.so" };

    private readonly int _seed;

    public ApacheMutationGenerator(int seed) => _seed = seed;

    /// <summary>A section of a file: open and close line numbers (1-based), the name as written.</summary>
    public sealed record Section(string File, string Name, string Arguments, int Open, int Close, int Depth);

    /// <summary>A base tree's files as read: lines of each included file, its sections, its depth-0 lines.</summary>
    public sealed class TreeText
    {
        public required string Tree { get; init; }

        /// <summary>False for a real-path tree, whose absolute paths httpd and ConfLint both read in place.</summary>
        public bool IsSysroot { get; init; } = true;
        public required string MainFile { get; init; }
        public required string ServerRoot { get; init; }
        public required IReadOnlyList<string> Files { get; init; }
        public required IReadOnlyDictionary<string, string[]> Lines { get; init; }
        public required IReadOnlyList<Section> Sections { get; init; }

        /// <summary>Line numbers of a file where an inserted line is outside any section (and not in a continuation).</summary>
        public required IReadOnlyDictionary<string, int[]> TopLevelLines { get; init; }

        /// <summary>A path as an Include line relative to ServerRoot names it.</summary>
        public string RelativeToServerRoot(string file) =>
            file.StartsWith(ServerRoot + "/", StringComparison.Ordinal) ? file[(ServerRoot.Length + 1)..] : file;
    }

    private static readonly Regex OpenTag = new(@"^<([A-Za-z][A-Za-z0-9_]*)(\s[^>]*)?>\s*$");
    private static readonly Regex CloseTag = new(@"^</([A-Za-z][A-Za-z0-9_]*)>\s*$");

    /// <summary>Reads the included files of a built base tree (display paths from <see cref="ApacheOracle.IncludedFiles"/>).</summary>
    public static TreeText Read(ApacheSetup setup, IReadOnlyList<string> includedFiles)
    {
        var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sections = new List<Section>();
        var topLevel = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var file in includedFiles)
        {
            var content = setup.Tree.ReadText(setup.HostPathOf(file));
            // A real-path tree names its own folder in its files: lines carried into edits use a token instead.
            if (!setup.Tree.IsSysroot) content = content.Replace(setup.Tree.Root, ApacheMutation.TreeRootToken, StringComparison.Ordinal);
            var text = content.Split('\n');
            lines[file] = text;
            var stack = new Stack<(string Name, string Args, int Line)>();
            var top = new List<int>();
            bool continued = false;
            // A file ending in a line break splits into a last empty element that is no line.
            int lineCount = text.Length > 0 && text[^1].Length == 0 ? text.Length - 1 : text.Length;
            for (int i = 0; i < lineCount; i++)
            {
                var raw = text[i];
                var trimmed = raw.Trim();
                if (!continued && stack.Count == 0) top.Add(i + 1);
                bool thisContinues = raw.TrimEnd('\r').EndsWith('\\');
                if (!continued)
                {
                    var close = CloseTag.Match(trimmed);
                    var open = OpenTag.Match(trimmed);
                    if (close.Success && stack.Count > 0 && string.Equals(stack.Peek().Name, close.Groups[1].Value, StringComparison.OrdinalIgnoreCase))
                    {
                        var o = stack.Pop();
                        sections.Add(new Section(file, o.Name, o.Args.Trim().Replace(ApacheMutation.TreeRootToken, "", StringComparison.Ordinal), o.Line, i + 1, stack.Count));
                    }
                    else if (open.Success && !thisContinues)
                    {
                        stack.Push((open.Groups[1].Value, open.Groups[2].Value, i + 1));
                    }
                }
                continued = thisContinues;
            }
            if (stack.Count == 0 && !continued) top.Add(lineCount + 1);
            topLevel[file] = top.ToArray();
        }
        return new TreeText
        {
            Tree = setup.Name,
            IsSysroot = setup.Tree.IsSysroot,
            MainFile = setup.Tree.DisplayPath(setup.MainConfig),
            ServerRoot = setup.Tree.DisplayPath(setup.ServerRoot),
            Files = includedFiles,
            Lines = lines,
            Sections = sections.OrderBy(s => includedFiles.ToList().IndexOf(s.File)).ThenBy(s => s.Open).ToList(),
            TopLevelLines = topLevel,
        };
    }

    private static bool IsConditional(string name) =>
        name.StartsWith("If", StringComparison.OrdinalIgnoreCase) && !name.Equals("If", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every mutation of one base tree, in a stable order.</summary>
    public IReadOnlyList<ApacheMutation> Generate(TreeText t)
    {
        var random = new Random(_seed ^ StableHash(t.Tree));
        var result = new List<ApacheMutation>();
        var counters = new Dictionary<string, int>();

        void Add(string kind, string description, params LineEdit[] edits) => AddWithDefines(kind, description, Array.Empty<string>(), edits);

        void AddWithDefines(string kind, string description, string[] defines, params LineEdit[] edits)
        {
            counters[kind] = counters.GetValueOrDefault(kind) + 1;
            result.Add(new ApacheMutation($"{t.Tree}/{kind}/{counters[kind]}", t.Tree, kind, description, edits) { Defines = defines });
        }

        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        IEnumerable<T> PickSome<T>(IReadOnlyList<T> items, int count) =>
            items.Select(i => (Key: random.Next(), Item: i)).OrderBy(p => p.Key).Take(count).Select(p => p.Item).ToList();

        var normal = t.Sections.Where(s => !IsConditional(s.Name)).ToList();
        var conditional = t.Sections.Where(s => IsConditional(s.Name)).ToList();
        var ifModules = t.Sections.Where(s => s.Name.Equals("IfModule", StringComparison.OrdinalIgnoreCase)).ToList();
        var mixed = PickSome(normal, 3).Concat(PickSome(conditional, 3)).ToList();
        var filesWithTop = t.Files.Where(f => t.TopLevelLines[f].Length > 0).ToList();

        string Where(string file, int line) => $"{file}:{line}";
        string CloseOf(Section s) => t.Lines[s.File][s.Close - 1];
        string Indent(Section s) => CloseOf(s)[..(CloseOf(s).Length - CloseOf(s).TrimStart().Length)];

        // Close tags dropped.
        foreach (var s in mixed)
            Add("close-dropped", $"{Where(s.File, s.Close)} </{s.Name}> of <{s.Name} {s.Arguments}> (line {s.Open}) deleted", new DeleteLine(s.File, s.Close));

        // Close tags misspelled (one letter dropped), and in other letter case (accepted).
        foreach (var s in PickSome(normal, 2).Concat(PickSome(conditional, 2)))
        {
            int cut = 1 + random.Next(s.Name.Length - 1);
            var wrong = s.Name.Remove(cut, 1);
            Add("close-misspelled", $"{Where(s.File, s.Close)} </{s.Name}> written </{wrong}>", new ReplaceLine(s.File, s.Close, $"{Indent(s)}</{wrong}>"));
        }
        foreach (var s in PickSome(t.Sections, 2))
            Add("close-other-case", $"{Where(s.File, s.Close)} </{s.Name}> written </{s.Name.ToUpperInvariant()}>", new ReplaceLine(s.File, s.Close, $"{Indent(s)}</{s.Name.ToUpperInvariant()}>"));

        // Close tags of another kind: the section ends with a wrong but existing close tag.
        foreach (var s in PickSome(normal, 2))
        {
            var other = s.Name.Equals("Location", StringComparison.OrdinalIgnoreCase) ? "Directory" : "Location";
            Add("close-wrong-name", $"{Where(s.File, s.Close)} </{s.Name}> written </{other}>", new ReplaceLine(s.File, s.Close, $"{Indent(s)}</{other}>"));
        }

        // Stray close tags: at top level, and inside a section.
        foreach (var tag in new[] { "Location", "IfModule" })
        {
            var file = Pick(filesWithTop);
            var line = Pick(t.TopLevelLines[file]);
            Add("close-stray", $"{Where(file, line)} stray </{tag}> inserted at top level", new InsertLines(file, line, new[] { $"</{tag}>" }));
        }
        foreach (var s in PickSome(t.Sections.Where(s => s.Close - s.Open > 1).ToList(), 2))
        {
            var tag = s.Name.Equals("Directory", StringComparison.OrdinalIgnoreCase) ? "Files" : "Directory";
            Add("close-stray", $"{Where(s.File, s.Open + 1)} stray </{tag}> inserted inside <{s.Name} {s.Arguments}>", new InsertLines(s.File, s.Open + 1, new[] { $"</{tag}>" }));
        }

        // `</IfModule >` (a space before '>'): on whatever branch the picked IfModule is.
        foreach (var s in PickSome(ifModules, 4))
            Add("close-space", $"{Where(s.File, s.Close)} </{s.Name}> written </{s.Name} > (<{s.Name} {s.Arguments}>)", new ReplaceLine(s.File, s.Close, $"{Indent(s)}</{s.Name} >"));

        // Sections never closed: normal, active conditional, inactive conditional; at end of file and mid-file.
        var unclosed = new (string Kind, string Open)[]
        {
            ("unclosed-section", "<Location /conflint-unclosed>"),
            ("unclosed-section", "<Directory /var/www/conflint-unclosed>"),
            ("unclosed-active-branch", $"<IfModule {LoadedModule}>"),
            ("unclosed-active-branch", $"<IfModule !{AbsentModule}>"),
            ("unclosed-active-branch", $"<IfDefine !{UndefinedName}>"),
            ("unclosed-inactive-branch", $"<IfModule {AbsentModule}>"),
            ("unclosed-inactive-branch", $"<IfModule !{LoadedModule}>"),
            ("unclosed-inactive-branch", $"<IfDefine {UndefinedName}>"),
        };
        foreach (var (kind, open) in unclosed)
        {
            var file = Pick(filesWithTop);
            var end = t.TopLevelLines[file][^1];
            Add(kind, $"{Where(file, end)} {open} appended, never closed", new InsertLines(file, end, new[] { open, "    ServerSignature Off" }));
            var mid = t.TopLevelLines[t.MainFile];
            var line = Pick(mid);
            Add(kind, $"{Where(t.MainFile, line)} {open} inserted mid-file, never closed", new InsertLines(t.MainFile, line, new[] { open }));
        }

        // Include / IncludeOptional of what does not exist, and include cycles.
        var includes = new (string Kind, string Line)[]
        {
            ("include-missing-file", "Include conflint-missing.conf"),
            ("include-missing-file", "Include /nonexistent/conflint/missing.conf"),
            ("include-glob-no-directory", "Include conflint-missing-dir/*.conf"),
            ("include-glob-no-match", "Include *.conflint-nothing"),
            ("includeoptional-missing", "IncludeOptional conflint-missing.conf"),
            ("includeoptional-missing", "IncludeOptional conflint-missing-dir/*.conf"),
            ("includeoptional-missing", "IncludeOptional *.conflint-nothing"),
        };
        foreach (var (kind, text) in includes)
        {
            var file = Pick(filesWithTop);
            var line = Pick(t.TopLevelLines[file]);
            Add(kind, $"{Where(file, line)} '{text}' inserted", new InsertLines(file, line, new[] { text }));
        }
        foreach (var (branch, open) in new[] { ("active", $"<IfModule {LoadedModule}>"), ("inactive", $"<IfModule {AbsentModule}>") })
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add($"include-missing-in-{branch}-branch", $"{Where(t.MainFile, line)} Include of a missing file inside {open}",
                new InsertLines(t.MainFile, line, new[] { open, "    Include conflint-missing.conf", "</IfModule>" }));
        }
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("include-defined-variable", $"{Where(t.MainFile, line)} Define + Include ${{CONFLINT_DIR}}/*.conf of a missing folder",
                new InsertLines(t.MainFile, line, new[] { "Define CONFLINT_DIR conflint-missing-dir", "Include ${CONFLINT_DIR}/*.conf" }));
        }
        foreach (var file in PickSome(t.Files.Where(f => f != t.MainFile).ToList(), 2).Append(t.MainFile))
        {
            var line = Pick(t.TopLevelLines[file]);
            Add("include-cycle", $"{Where(file, line)} includes itself", new InsertLines(file, line, new[] { "Include " + t.RelativeToServerRoot(file) }));
        }
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            var a = t.ServerRoot + "/conflint-cycle-a.conf";
            var b = t.ServerRoot + "/conflint-cycle-b.conf";
            Add("include-cycle", $"{Where(t.MainFile, line)} includes conflint-cycle-a.conf, which includes b, which includes a",
                new InsertLines(t.MainFile, line, new[] { "Include conflint-cycle-a.conf" }),
                new NewFile(a, "# cycle, first half\nInclude conflint-cycle-b.conf\n"),
                new NewFile(b, "# cycle, second half\n\nInclude conflint-cycle-a.conf\n"));
        }

        // ${VAR} never defined: a warning only (AH00111); and as an Include path (then missing).
        for (int n = 1; n <= 2; n++)
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("undefined-variable", $"{Where(t.MainFile, line)} ServerAdmin ${{{UndefinedName}_{n}}}", new InsertLines(t.MainFile, line, new[] { $"ServerAdmin ${{{UndefinedName}_{n}}}" }));
        }
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("undefined-variable-include", $"{Where(t.MainFile, line)} Include ${{{UndefinedName}}}/x.conf", new InsertLines(t.MainFile, line, new[] { $"Include ${{{UndefinedName}}}/x.conf" }));
        }

        // LoadModule: built-in, missing file, loaded twice, and inside an inactive branch.
        var loadModules = t.Files.SelectMany(f => t.Lines[f].Select((l, i) => (File: f, Line: i + 1, Text: l.Trim())))
            .Where(x => x.Text.StartsWith("LoadModule ", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var builtIn in PickSome(BuiltIns, 3))
        {
            var parts = builtIn.Split(' ');
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("loadmodule-builtin", $"{Where(t.MainFile, line)} LoadModule {parts[0]} (built in)",
                new InsertLines(t.MainFile, line, new[] { $"LoadModule {parts[0]} {ApacheTrees.DebianModuleDir}/{parts[1]}" }));
        }
        foreach (var path in new[] { ApacheTrees.DebianModuleDir + "/mod_conflint_absent.so", "modules/mod_conflint_absent.so" })
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("loadmodule-missing-file", $"{Where(t.MainFile, line)} LoadModule conflint_absent_module {path}",
                new InsertLines(t.MainFile, line, new[] { $"LoadModule conflint_absent_module {path}" }));
        }
        foreach (var lm in PickSome(loadModules, 2))
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("loadmodule-twice", $"{Where(t.MainFile, line)} '{lm.Text}' repeated (first at {Where(lm.File, lm.Line)})",
                new InsertLines(t.MainFile, line, new[] { lm.Text }));
        }
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("loadmodule-in-inactive-branch", $"{Where(t.MainFile, line)} built-in and missing LoadModule inside <IfModule {AbsentModule}>",
                new InsertLines(t.MainFile, line, new[] { $"<IfModule {AbsentModule}>", $"    LoadModule version_module {ApacheTrees.DebianModuleDir}/mod_version.so", "    LoadModule conflint_absent_module modules/mod_conflint_absent.so", "</IfModule>" }));
        }

        // Edge cases of httpd's reader: nested false blocks, letter case, continuation lines,
        // directory and glob includes, Define/UnDefine, IfVersion.
        {
            var file = Pick(filesWithTop);
            var end = t.TopLevelLines[file][^1];
            Add("soak-nested-unclosed", $"{Where(file, end)} <IfModule {AbsentModule}> holding an unclosed <Directory> appended",
                new InsertLines(file, end, new[] { $"<IfModule {AbsentModule}>", "    <Directory /var/www/conflint>", "        Require all denied" }));
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("soak-nested-mismatch", $"{Where(t.MainFile, line)} <IfModule {AbsentModule}> holding <Directory> closed by </Directry>",
                new InsertLines(t.MainFile, line, new[] { $"<IfModule {AbsentModule}>", $"<IfDefine !{UndefinedName}>", "    <Directory /var/www/conflint>", "    </Directry>", "</IfDefine>", "</IfModule>" }));
        }
        foreach (var s in PickSome(t.Sections, 2))
        {
            var open = t.Lines[s.File][s.Open - 1];
            var lower = open.Replace("<" + s.Name, "<" + s.Name.ToLowerInvariant(), StringComparison.Ordinal);
            Add("open-tag-other-case", $"{Where(s.File, s.Open)} <{s.Name}> written <{s.Name.ToLowerInvariant()}>", new ReplaceLine(s.File, s.Open, lower));
        }
        foreach (var (kind, block) in new (string, string[])[]
        {
            ("ifmodule-by-identifier", new[] { "<IfModule mime_module>", "    Include conflint-missing.conf", "</IfModule>" }),
            ("ifmodule-quoted", new[] { $"<IfModule \"{AbsentModule}\">", "    Include conflint-missing.conf" }),
            ("define-then-ifdefine", new[] { "Define CONFLINT_ON", "<IfDefine CONFLINT_ON>", "    Include conflint-missing.conf", "</IfDefine>" }),
            ("undefine-then-ifdefine", new[] { "Define CONFLINT_ON", "UnDefine CONFLINT_ON", "<IfDefine CONFLINT_ON>", "    Include conflint-missing.conf", "</IfDefine>" }),
            ("ifversion-unclosed", new[] { "<IfVersion >= 2.4>", "    ServerSignature Off" }),
            ("ifversion-unclosed", new[] { "<IfVersion < 2.0>", "    ServerSignature Off" }),
        })
        {
            var end = t.TopLevelLines[t.MainFile][^1];
            var line = kind.StartsWith("ifversion", StringComparison.Ordinal) || kind == "ifmodule-quoted" ? end : Pick(t.TopLevelLines[t.MainFile]);
            Add(kind, $"{Where(t.MainFile, line)} {string.Join(" / ", block.Select(b => b.Trim()))}", new InsertLines(t.MainFile, line, block));
        }
        foreach (var s in PickSome(t.Sections, 2))
            Add("comment-continuation", $"{Where(s.File, s.Close)} a comment ending in '\\' inserted before </{s.Name}> swallows it",
                new InsertLines(s.File, s.Close, new[] { "# note to self: see the wiki \\" }));
        foreach (var s in PickSome(t.Sections, 2))
        {
            int cut = 1 + random.Next(s.Name.Length - 1);
            Add("close-continued", $"{Where(s.File, s.Close)} </{s.Name}> split over two lines with '\\'",
                new ReplaceLine(s.File, s.Close, $"{Indent(s)}</{s.Name[..cut]}\\\n{s.Name[cut..]}>"));
        }
        foreach (var s in PickSome(t.Sections, 2))
            Add("close-trailing-blanks", $"{Where(s.File, s.Close)} </{s.Name}> followed by blanks and a tab", new ReplaceLine(s.File, s.Close, CloseOf(s).TrimEnd() + "  \t "));
        {
            var dir = t.ServerRoot + "/conflint-dir";
            var line = Pick(t.TopLevelLines[t.MainFile]);
            var files = new LineEdit[]
            {
                new NewFile(dir + "/b.conf", "ServerSignature Off\n</Location>\n"),
                new NewFile(dir + "/a.conf", "ServerSignature Off\n\n</Files>\n"),
                new NewFile(dir + "/.hidden.conf", "</Directory>\n"),
            };
            Add("include-directory", $"{Where(t.MainFile, line)} Include conflint-dir (a folder: files sorted, dotfiles included)",
                files.Prepend(new InsertLines(t.MainFile, line, new[] { "Include conflint-dir" })).ToArray());
            Add("include-glob-sorted", $"{Where(t.MainFile, line)} Include conflint-dir/*.conf (sorted, dotfiles skipped)",
                files.Prepend(new InsertLines(t.MainFile, line, new[] { "Include conflint-dir/*.conf" })).ToArray());
            Add("include-glob-directory-component", $"{Where(t.MainFile, line)} Include conflint-*/b.conf (wildcard in a folder name)",
                files.Prepend(new InsertLines(t.MainFile, line, new[] { "Include conflint-*/b.conf" })).ToArray());
        }

        // Line endings, byte order mark, last lines, separators.
        foreach (var file in PickSome(t.Files, 2))
            Add("crlf-line-endings", $"{file} rewritten with CRLF line endings",
                t.Lines[file].Select((l, i) => (LineEdit)new ReplaceLine(file, i + 1, i == t.Lines[file].Length - 1 && l.Length == 0 ? l : l + "\r")).ToArray());
        foreach (var s in PickSome(normal, 1))
            Add("crlf-line-endings", $"{s.File} with CRLF line endings and </{s.Name}> (line {s.Close}) deleted",
                t.Lines[s.File].Select((l, i) => i + 1 == s.Close ? (LineEdit)new ReplaceLine(s.File, i + 1, "\r") : new ReplaceLine(s.File, i + 1, i == t.Lines[s.File].Length - 1 && l.Length == 0 ? l : l + "\r")).ToArray());
        foreach (var file in PickSome(t.Files, 2))
            Add("byte-order-mark-before-section", $"{file} wrapped in <IfModule {LoadedModule}> whose line starts with a UTF-8 byte order mark",
                new InsertLines(file, 1, new[] { $"\uFEFF<IfModule {LoadedModule}>" }), new InsertLines(file, LastLine(t.Lines[file]) + 1, new[] { "</IfModule>" }));
        foreach (var file in PickSome(t.Files, 1))
            Add("byte-order-mark", $"{file}:1 starts with a UTF-8 byte order mark", new ReplaceLine(file, 1, "\uFEFF" + t.Lines[file][0]));
        var lastSections = t.Sections.Where(x => x.Depth == 0 && x.Close == LastLine(t.Lines[x.File])).ToList();
        foreach (var s in PickSome(lastSections, 2))
            Add("no-final-newline", $"{s.File}: the last line </{s.Name}> has no line break after it", new ReplaceLine(s.File, s.Close, CloseOf(s) + "\u0000"));
        foreach (var s in PickSome(lastSections, 2))
            Add("continuation-at-end-of-file", $"{s.File}: the last line </{s.Name}> ends in '\\' and no line break", new ReplaceLine(s.File, s.Close, CloseOf(s) + "\\\u0000"));
        {
            var file = Pick(filesWithTop);
            var end = t.TopLevelLines[file][^1];
            Add("continuation-at-end-of-file-directive", $"{Where(file, end)} a last line ending in '\\'", new InsertLines(file, end, new[] { "ServerSignature Off \\\u0000" }));
            var s = Pick(t.Sections.Where(x => OpenTag.IsMatch(t.Lines[x.File][x.Open - 1].Trim()) && t.Lines[x.File][x.Open - 1].Contains(' ')).ToList());
            var open = t.Lines[s.File][s.Open - 1];
            var at = open.IndexOf(' ', open.IndexOf('<'));
            Add("tab-separator", $"{Where(s.File, s.Open)} <{s.Name}> separated from its argument by a tab", new ReplaceLine(s.File, s.Open, open[..at] + "\t" + open[(at + 1)..]));
        }

        // IncludeOptional only forgives what does not exist: an existing file with an error still fails.
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            var bad = t.ServerRoot + "/conflint-optional.conf";
            Add("includeoptional-existing-error", $"{Where(t.MainFile, line)} IncludeOptional of a file holding a stray </Location>",
                new InsertLines(t.MainFile, line, new[] { "IncludeOptional conflint-optional*.conf" }), new NewFile(bad, "# optional\n</Location>\n"));
            Add("include-quoted-path", $"{Where(t.MainFile, line)} Include \"conflint missing.conf\" (a quoted name with a space)",
                new InsertLines(t.MainFile, line, new[] { "Include \"conflint missing.conf\"" }));
            Add("include-environment-variable", $"{Where(t.MainFile, line)} Include ${{APACHE_LOG_DIR}}/conflint.conf (envvars, where the tree has one)",
                new InsertLines(t.MainFile, line, new[] { "Include ${APACHE_LOG_DIR}/conflint.conf" }));
        }

        // <IfFile> (relative to ServerRoot), mod_macro's <Macro>/Use (a plain unknown section where
        // mod_macro is not loaded), and ServerRoot changed mid-file (real-path trees only: in a
        // sysroot tree httpd would read the absolute path on this machine).
        {
            var end = t.TopLevelLines[t.MainFile][^1];
            var existing = t.RelativeToServerRoot(t.MainFile);
            Add("iffile-unclosed", $"{Where(t.MainFile, end)} <IfFile {existing}> (exists) appended, never closed",
                new InsertLines(t.MainFile, end, new[] { $"<IfFile {existing}>", "    ServerSignature Off" }));
            Add("iffile-unclosed", $"{Where(t.MainFile, end)} <IfFile conflint-missing.conf> appended, never closed",
                new InsertLines(t.MainFile, end, new[] { "<IfFile conflint-missing.conf>", "    ServerSignature Off" }));
            var line = Pick(t.TopLevelLines[t.MainFile]);
            Add("iffile-include", $"{Where(t.MainFile, line)} <IfFile !conflint-missing.conf> holding an Include of a missing file",
                new InsertLines(t.MainFile, line, new[] { "<IfFile !conflint-missing.conf>", "    Include conflint-missing.conf", "</IfFile>" }));
            Add("macro-defined-and-used", $"{Where(t.MainFile, line)} <Macro ConflintVhost $name> … </Macro> then Use ConflintVhost x",
                new InsertLines(t.MainFile, line, new[] { "<Macro ConflintVhost $name>", "    <Location /$name>", "        Require all denied", "    </Location>", "</Macro>", "Use ConflintVhost conflint" }));
            Add("macro-body-unclosed-section", $"{Where(t.MainFile, line)} a macro whose body leaves <Location> open, used once",
                new InsertLines(t.MainFile, line, new[] { "<Macro ConflintBroken $name>", "    <Location /$name>", "        Require all denied", "</Macro>", "Use ConflintBroken conflint" }));
            Add("macro-unclosed", $"{Where(t.MainFile, end)} <Macro ConflintOpen> appended, never closed",
                new InsertLines(t.MainFile, end, new[] { "<Macro ConflintOpen>", "    ServerSignature Off" }));
        }
        if (!t.IsSysroot)
        {
            var other = t.Files.FirstOrDefault(f => f != t.MainFile && f.StartsWith(t.ServerRoot + "/", StringComparison.Ordinal));
            var main = t.RelativeToServerRoot(t.MainFile);
            var folder = main.Contains('/') ? main[..main.LastIndexOf('/')] : "";
            if (folder.Length > 0)
            {
                var line = Pick(t.TopLevelLines[t.MainFile]);
                var name = main[(main.LastIndexOf('/') + 1)..];
                Add("serverroot-changed", $"{Where(t.MainFile, line)} ServerRoot {t.ServerRoot}/{folder}, then Include of a name only found under the new root",
                    new InsertLines(t.MainFile, line, new[] { $"ServerRoot \"{ApacheMutation.TreeRootToken}{t.ServerRoot}/{folder}\"", "IncludeOptional conflint-missing.conf", $"Include conflint-{name}" }),
                    new NewFile($"{t.ServerRoot}/{folder}/conflint-{name}", "# found only under the changed ServerRoot\n</Location>\n"));
            }
        }

        // Names given on the command line (-D / --define) switch IfDefine blocks of the tree and of the mutation.
        {
            var line = Pick(t.TopLevelLines[t.MainFile]);
            AddWithDefines("command-line-define", $"-D CONFLINT_ON; {Where(t.MainFile, line)} <IfDefine CONFLINT_ON> holding an Include of a missing file",
                new[] { "CONFLINT_ON" }, new InsertLines(t.MainFile, line, new[] { "<IfDefine CONFLINT_ON>", "    Include conflint-missing.conf", "</IfDefine>" }));
            var end = t.TopLevelLines[t.MainFile][^1];
            AddWithDefines("command-line-define", $"-D CONFLINT_ON; {Where(t.MainFile, end)} <IfDefine !CONFLINT_ON> appended, never closed",
                new[] { "CONFLINT_ON" }, new InsertLines(t.MainFile, end, new[] { "<IfDefine !CONFLINT_ON>", "    ServerSignature Off" }));
            var ifDefines = t.Sections.Where(s => s.Name.Equals("IfDefine", StringComparison.OrdinalIgnoreCase) && !s.Arguments.StartsWith('!')).ToList();
            foreach (var s in PickSome(ifDefines, 1))
                AddWithDefines("command-line-define", $"-D {s.Arguments.Trim('"')}; {Where(s.File, s.Close)} </{s.Name}> of the tree's own <IfDefine {s.Arguments}> misspelled",
                    new[] { s.Arguments.Trim('"') }, new ReplaceLine(s.File, s.Close, $"{Indent(s)}</IfDefin>"));
        }

        return result;
    }

    private static int LastLine(string[] lines) => lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;

    /// <summary>FNV-1a: string.GetHashCode differs between processes, a seed must not.</summary>
    public static int StableHash(string s)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (var c in s) { h ^= c; h *= 16777619; }
            return (int)h;
        }
    }
}
