using ConfLint.Hosting;
using ConfLint.Syntax.Apache;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// Generates directive-level mutations of an Apache base tree, deterministically from a seed:
/// a directive name misspelled, a directive copied into another kind of section or to the top
/// level, an argument added or removed, a trailing `# comment`, a LoadModule line commented out,
/// a quote left open. Sites are the active single-line directives of the files httpd reads, as
/// ConfLint's loader finds them; httpd is the judge of what each mutation means.
/// </summary>
public sealed class ApacheDirectiveMutationGenerator
{
    private readonly int _seed;

    public ApacheDirectiveMutationGenerator(int seed) => _seed = seed;

    /// <summary>How many mutations of each kind one base tree gets (fewer when it has fewer sites).</summary>
    public static readonly IReadOnlyList<(string Kind, int Count)> Plan = new[]
    {
        ("directive-misspelled", 12), ("argument-added", 12), ("argument-removed", 12), ("trailing-comment", 12),
        ("quote-broken", 8), ("moved-into-section", 14), ("moved-to-top-level", 6), ("loadmodule-removed", 8),
    };

    private sealed record Site(string File, int Line, string Text, ApacheConfigDirective Directive);

    /// <summary>ConfLint's reading of the base tree (its configuration model).</summary>
    public static ApacheConfiguration Load(ApacheSetup setup)
    {
        var request = setup.ToLintRequest();
        var compilation = new Compilation(new HostFileSystem(request.Root ?? "/"));
        FrontEnds.For(InputKind.Apache)!.Load(compilation, setup.MainConfig, request);
        return compilation.InputsOf<ApacheConfiguration>().Single();
    }

    public IReadOnlyList<ApacheMutation> Generate(ApacheSetup setup)
    {
        var config = Load(setup);
        var tree = setup.Tree;
        var fileLines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] LinesOf(string file)
        {
            if (!fileLines.TryGetValue(file, out var lines)) fileLines[file] = lines = tree.ReadText(setup.HostPathOf(file)).Split('\n');
            return lines;
        }

        var sites = new List<Site>();
        var sections = new List<(string File, int OpenLine, ApacheConfigSection Section)>();
        foreach (var ctx in config.Walk())
        {
            var node = ctx.Node;
            if (node.InHtaccess || node.Line.FirstLine != node.Line.LastLine) continue;
            var file = tree.DisplayPath(node.Source.HostPath);
            if (node is ApacheConfigDirective { Syntax: not null } d)
                sites.Add(new Site(file, node.Line.FirstLine, LinesOf(file)[node.Line.FirstLine - 1], d));
            else if (node is ApacheConfigSection { Syntax: not null } s && ApacheDirectiveContext.Of(s.Kind) != DirectiveContexts.None && s.CloseLocation is not null)
                sections.Add((file, node.Line.FirstLine, s));
        }

        var result = new List<ApacheMutation>();
        var ids = new Dictionary<string, int>();
        // Ids name the mutated directive (or module), so that documented differences survive
        // unrelated changes of the tree: `tree/kind/Subject`, `/2`… when a subject repeats.
        string? subject = null;
        void Add(string kind, string description, params LineEdit[] edits)
        {
            var id = $"{setup.Name}/{kind}/{subject}";
            ids[id] = ids.GetValueOrDefault(id) + 1;
            if (ids[id] > 1) id += "/" + ids[id];
            result.Add(new ApacheMutation(id, setup.Name, kind, description, edits));
        }
        // Sites are sampled by a stable hash of their file and text (not by position in a list), so
        // adding or removing other lines does not change which sites a kind picks.
        string currentKind = "";
        List<Site> PickSome(IEnumerable<Site> items, int count) =>
            items.OrderBy(i => ApacheMutationGenerator.StableHash($"{_seed}:{currentKind}:{i.File}:{i.Text.Trim()}"))
                .ThenBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line)
                .Take(count).ToList();
        List<Site> Pick(string kind, IEnumerable<Site> items)
        {
            currentKind = kind;
            return PickSome(items, Plan.First(p => p.Kind == kind).Count);
        }
        string Where(Site s) => $"{s.File}:{s.Line}";

        var ordinary = sites.Where(s => !s.Directive.IsExecutedOnRead).ToList();

        foreach (var s in Pick("directive-misspelled", ordinary))
        {
            subject = s.Directive.Name;
            var name = s.Directive.Name;
            var typo = Misspell(name, new Random(ApacheMutationGenerator.StableHash($"{_seed}:{s.File}:{s.Text.Trim()}")));
            Add("directive-misspelled", $"{Where(s)} {name} → {typo}", new ReplaceLine(s.File, s.Line, ReplaceName(s.Text, name, typo)));
        }
        foreach (var s in Pick("argument-added", ordinary))
        {
            subject = s.Directive.Name;
            Add("argument-added", $"{Where(s)} {s.Directive.Name} + one word", new ReplaceLine(s.File, s.Line, s.Text.TrimEnd('\r').TrimEnd() + " conflint-extra"));
        }
        foreach (var s in Pick("argument-removed", ordinary.Where(s => s.Directive.Arguments.Length > 0)))
        {
            subject = s.Directive.Name;
            var last = s.Directive.Arguments[^1];
            var column = s.Directive.Source.GetLinePosition(last.Span.Start).Column - 1;
            Add("argument-removed", $"{Where(s)} {s.Directive.Name} − last word '{last.Raw}'", new ReplaceLine(s.File, s.Line, s.Text[..column].TrimEnd()));
        }
        foreach (var s in Pick("trailing-comment", ordinary))
        {
            subject = s.Directive.Name;
            Add("trailing-comment", $"{Where(s)} {s.Directive.Name} + '# comment'", new ReplaceLine(s.File, s.Line, s.Text.TrimEnd('\r').TrimEnd() + " # conflint comment"));
        }
        // A quote left open only matters when words follow it (an unclosed quote runs to the end of
        // the line): sites have at least two words, and the quote opened is never the last word's.
        foreach (var s in Pick("quote-broken", ordinary.Where(s => s.Directive.Arguments.Length > 1)))
        {
            subject = s.Directive.Name;
            var args = s.Directive.Arguments;
            var quoted = args.Take(args.Length - 1).FirstOrDefault(a => a.IsQuoted && !a.IsUnclosedQuote);
            string text;
            if (quoted.Raw is not null)
            {
                var end = s.Directive.Source.GetLinePosition(quoted.Span.End).Column - 1;
                text = s.Text[..(end - 1)] + s.Text[end..];
            }
            else
            {
                var start = s.Directive.Source.GetLinePosition(args[0].Span.Start).Column - 1;
                text = s.Text[..start] + "\"" + s.Text[start..];
            }
            Add("quote-broken", $"{Where(s)} {s.Directive.Name}: a quote left open", new ReplaceLine(s.File, s.Line, text));
        }
        var movable = ordinary.Where(s => !s.Directive.IsExecutedOnRead && !s.Directive.Is("Use")).ToList();
        if (sections.Count > 0)
        {
            foreach (var s in Pick("moved-into-section", movable))
            {
                var target = sections[(int)((uint)ApacheMutationGenerator.StableHash($"{_seed}:{s.File}:{s.Text.Trim()}") % (uint)sections.Count)];
                subject = $"{s.Directive.Name}-in-{target.Section.Name}";
                Add("moved-into-section", $"{Where(s)} {s.Directive.Name} copied into <{target.Section.Name}> at {target.File}:{target.OpenLine}",
                    new InsertLines(target.File, target.OpenLine + 1, new[] { s.Text.TrimEnd('\r').Trim() }));
            }
        }
        var main = tree.DisplayPath(setup.MainConfig);
        var mainLength = LinesOf(main).Length;
        foreach (var s in Pick("moved-to-top-level", movable.Where(s => s.Directive.EnclosingSections.Any(x => ApacheDirectiveContext.Of(x.Kind) != DirectiveContexts.None))))
        {
            subject = s.Directive.Name;
            Add("moved-to-top-level", $"{Where(s)} {s.Directive.Name} copied to the end of {main}",
                new InsertLines(main, mainLength + 1, new[] { s.Text.TrimEnd('\r').Trim() }));
        }
        foreach (var s in Pick("loadmodule-removed", sites.Where(s => s.Directive.Is("LoadModule"))))
        {
            subject = s.Directive.Arguments.Length > 0 ? s.Directive.Arguments[0].Value : "LoadModule";
            Add("loadmodule-removed", $"{Where(s)} commented out: {s.Text.Trim()}", new ReplaceLine(s.File, s.Line, "# " + s.Text.TrimStart()));
        }
        return result;
    }

    private static string ReplaceName(string line, string name, string replacement)
    {
        var at = line.IndexOf(name, StringComparison.Ordinal);
        return at < 0 ? line : line[..at] + replacement + line[(at + name.Length)..];
    }

    /// <summary>One letter dropped, doubled or two neighbours swapped, never giving back the name.</summary>
    private static string Misspell(string name, Random random)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var i = 1 + random.Next(Math.Max(1, name.Length - 2));
            var typo = random.Next(3) switch
            {
                0 => name.Remove(i, 1),
                1 => name.Insert(i, name[i].ToString()),
                _ => i + 1 < name.Length ? name[..i] + name[i + 1] + name[i] + name[(i + 2)..] : name + "x",
            };
            if (!typo.Equals(name, StringComparison.OrdinalIgnoreCase)) return typo;
        }
        return name + "x";
    }
}
