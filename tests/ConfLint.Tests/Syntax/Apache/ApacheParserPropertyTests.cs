using System.Text;
using ConfLint.Analyzers.Apache;
using ConfLint.Syntax.Apache;
using ConfLint.Text;
using CsCheck;
using Xunit;

namespace ConfLint.Tests.Syntax.Apache;

/// <summary>Parsing and loading never throw, on random bytes and on mutated real configurations.</summary>
public class ApacheParserPropertyTests
{
    private static readonly string[] Fragments =
    {
        "<", "</", ">", "\\\n", "\\\r\n", "\"", "'", "${", "}", "${A}", "#", "\n", "\r\n", " ", "\t",
        "<IfModule nope>\n", "<IfModule mod_version.c>\n", "</IfModule>\n", "</IfModule >\n", "<Directory /x>\n", "</Directory>\n",
        "<Macro M $a>\n", "</Macro>\n", "Use M 1\n", "LoadModule macro_module m.so\n", "Include *\n", "IncludeOptional /etc/*/*\n",
        "Define A ${A}${A}\n", "UnDefine A\n", "ServerRoot /\n", "<IfVersion ~ (>\n", "<IfFile>\n", "\uFFFD", "\u00e9",
    };

    private static void AssertWellFormed(ApacheSyntaxTree tree)
    {
        foreach (var node in tree.DescendantNodes())
        {
            Assert.InRange(node.Span.Start, 0, tree.Text.Text.Length);
            Assert.InRange(node.Span.End, node.Span.Start, tree.Text.Text.Length);
            if (node is ApacheDirectiveSyntax d)
                foreach (var a in d.Arguments) Assert.InRange(a.Span.End, a.Span.Start, tree.Text.Text.Length);
        }
    }

    private static void LoadEverything(ApacheTestTree tree, SourceText text)
    {
        var syntax = ApacheSyntaxTree.Parse(text);
        AssertWellFormed(syntax);
        var config = ApacheLoader.Load(text, new ApacheLoadOptions { Modules = new[] { "macro_module" } }, tree.FileSystem);
        Assert.NotNull(config.Nodes);
        foreach (var n in config.Walk(includeInactive: true)) Assert.True(n.Node.ReadOrder > 0);
        var context = new ConfLint.Analyzers.AnalysisContext(new ConfLint.Diagnostics.DiagnosticBag(), ConfLint.Analyzers.AnalysisOptions.Default);
        new CL1010VirtualHostNameMustBeUnique().Analyze(config, context);
        new CL1011TrailingTextIsNotAComment().Analyze(config, context);
        Assert.NotNull(ApacheDump.ToText(config));
        Assert.NotNull(ApacheDump.ToJson(config));
        Assert.NotNull(ApacheDump.IncludesText(config));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        using var tree = new ApacheTestTree();
        Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            var text = SourceText.From(bytes, "/etc/apache2/apache2.conf");
            LoadEverything(tree, text);
        }, iter: 400);
    }

    [Fact]
    public void Random_text_from_config_fragments_never_throws()
    {
        using var tree = new ApacheTestTree();
        Gen.Int[0, Fragments.Length - 1].Array[0, 80].Sample(picks =>
        {
            var text = SourceText.From(string.Concat(picks.Select(i => Fragments[i])), "/etc/apache2/apache2.conf");
            LoadEverything(tree, text);
        }, iter: 400);
    }

    [SkippableFact]
    public void Mutated_corpus_files_never_throw_and_load_from_disk()
    {
        var files = ApacheCorpus.ApacheFiles(ApacheCorpus.Require());
        using var tree = new ApacheTestTree();
        Gen.Select(Gen.Int[0, files.Count - 1], Gen.Int[0, 20], Gen.Int).Sample((fileIndex, mutations, seed) =>
        {
            var bytes = File.ReadAllBytes(files[fileIndex]).ToList();
            var random = new Random(seed);
            for (int m = 0; m < mutations; m++)
            {
                int pos = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
                switch (random.Next(4))
                {
                    case 0:
                        bytes.InsertRange(pos, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                        break;
                    case 1:
                        if (bytes.Count > 0) bytes.RemoveRange(Math.Min(pos, bytes.Count - 1), Math.Min(random.Next(1, 40), bytes.Count - Math.Min(pos, bytes.Count - 1)));
                        break;
                    case 2:
                        bytes.Insert(pos, (byte)random.Next(256));
                        break;
                    default:
                        int len = Math.Min(random.Next(1, 200), bytes.Count - Math.Min(pos, bytes.Count));
                        if (len > 0) bytes.InsertRange(pos, bytes.GetRange(pos, len));
                        break;
                }
            }
            tree.File("/etc/apache2/apache2.conf", "");
            File.WriteAllBytes(tree.RealPath("/etc/apache2/apache2.conf"), bytes.ToArray());
            var config = tree.Load(options: new ApacheLoadOptions { Modules = new[] { "macro_module" } });
            Assert.False(config.Diagnostics.IsDefault);
            LoadEverything(tree, SourceText.From(bytes.ToArray(), files[fileIndex], "/etc/apache2/apache2.conf"));
        }, iter: 300);
    }
}
