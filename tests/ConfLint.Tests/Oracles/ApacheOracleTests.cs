using Xunit;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// The harness's reading of `apache2 -t`: every error shape it must locate, checked against the
/// real httpd (one small tree per shape, run two at a time), and the base trees of the
/// differential accepted as built.
/// </summary>
public class ApacheOracleTests
{
    private const string Preamble =
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n" +
        "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n" +
        "ErrorLog /dev/null\n";

    // (case, main.conf after the 3-line preamble, extra files, expected verdict: null = accepted, else "file:line")
    public static readonly (string Name, string Main, (string Path, string Text)[] Files, string? Expected)[] Shapes =
    {
        ("accepted", "Listen 80\n", Array.Empty<(string, string)>(), null),
        ("close misspelled", "<Directory />\n</Directry>\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("stray close", "Listen 80\n</Location>\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("unclosed section", "Listen 80\n<Directory />\nListen 81\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("unclosed false IfModule", "Listen 80\n<IfModule mod_absent.c>\nListen 81\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("unclosed true IfModule", "Listen 80\n<IfModule mod_authz_core.c>\n", Array.Empty<(string, string)>(), null),
        ("close with space", "<IfModule authz_core_module>\nListen 80\n</IfModule >\n", Array.Empty<(string, string)>(), "/srv/main.conf:6"),
        ("missing include", "Listen 80\nInclude conf/absent.conf\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("glob matching nothing", "Listen 80\nInclude conf/*.absent\n", new[] { ("/srv/conf/a.conf", "Listen 81\n") }, "/srv/main.conf:5"),
        ("optional glob", "Listen 80\nIncludeOptional conf/*.absent\n", new[] { ("/srv/conf/a.conf", "Listen 81\n") }, null),
        ("error in nested include", "Listen 80\nInclude conf/a.conf\n",
            new[] { ("/srv/conf/a.conf", "Include conf/b.conf\n"), ("/srv/conf/b.conf", "\n<Directory />\n</Files>\n") }, "/srv/conf/b.conf:3"),
        ("unclosed in include", "Listen 80\nInclude conf/a.conf\n", new[] { ("/srv/conf/a.conf", "\n\n<Location /x>\n") }, "/srv/conf/a.conf:3"),
        ("include cycle", "Listen 80\nInclude conf/a.conf\n", new[] { ("/srv/conf/a.conf", "\nInclude conf/a.conf\n") }, "/srv/conf/a.conf:2"),
        ("walk-phase error", "Listen 80\nNoSuchDirective on\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("built-in module", "Listen 80\nLoadModule version_module /usr/lib/apache2/modules/mod_version.so\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("missing module file", "Listen 80\nLoadModule absent_module /usr/lib/apache2/modules/mod_conflint_absent.so\n", Array.Empty<(string, string)>(), "/srv/main.conf:5"),
        ("module loaded twice", "Listen 80\nLoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n", Array.Empty<(string, string)>(), null),
        ("undefined variable", "Listen 80\nServerAdmin ${CONFLINT_UNDEFINED}\n", Array.Empty<(string, string)>(), null),
    };

    public static IEnumerable<object[]> ShapeNames() => Shapes.Select(s => new object[] { s.Name });

    private static readonly Lazy<IReadOnlyDictionary<string, ApacheOutcome>> Outcomes = new(RunShapes);

    private static IReadOnlyDictionary<string, ApacheOutcome> RunShapes()
    {
        var setups = Shapes.Select(s =>
        {
            var tree = HostTree.Create("shape");
            tree.Write("/srv/main.conf", Preamble + s.Main);
            foreach (var (path, text) in s.Files) tree.Write(path, text);
            ApacheTrees.AddHostFacts(tree);
            return new ApacheSetup(s.Name, tree, "/srv/main.conf", "/srv");
        }).ToList();
        try
        {
            var outcomes = ApacheOracle.CheckAll(setups.Select(s => s.ToCheck()).ToList());
            return setups.Zip(outcomes).ToDictionary(p => p.First.Name, p => p.Second);
        }
        finally
        {
            foreach (var s in setups) s.Dispose();
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ShapeNames))]
    public void Harness_locates_the_first_error_httpd_reports(string name)
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        var shape = Shapes.Single(s => s.Name == name);
        var outcome = Outcomes.Value[name];
        var expected = shape.Expected is null ? "accepted" : "rejected at " + shape.Expected;
        var v = outcome.Verdict;
        var parsed = v.Accepted ? "accepted" : $"rejected at {v.File}:{v.Line}";
        Assert.True(expected == parsed, $"{name}: expected {expected}, parsed {v}\n--- httpd said:\n{outcome.Stderr}");
    }

    [SkippableFact]
    public void Undefined_variables_are_collected_from_AH00111()
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        Assert.Equal(new[] { "CONFLINT_UNDEFINED" }, Outcomes.Value["undefined variable"].UndefinedVariables);
    }

    [Fact]
    public void Parses_walk_phase_output_with_the_message_on_the_next_line()
    {
        var verdict = ApacheOracle.ParseVerdict(1,
            "AH00526: Syntax error on line 7 of /t/etc/apache2/apache2.conf:\nInvalid command 'Bogus', perhaps misspelled\n",
            p => p.StartsWith("/t/") ? p[2..] : null);
        Assert.Equal("rejected at /etc/apache2/apache2.conf:7", verdict.Where);
        Assert.StartsWith("Invalid command 'Bogus'", verdict.Message);
    }

    [Fact]
    public void Locates_an_error_in_a_macro_expansion_at_the_body_line_with_the_Use_line_as_alternative()
    {
        // Shapes printed by Debian's apache2 2.4.71 with mod_macro.
        const string F = "/t/etc/apache2/apache2.conf";
        const string Macro = "macro 'b' (defined on line 6 of \"" + F + "\") used on line 11 of \"" + F + "\"";
        Func<string, string?> display = p => p.StartsWith("/t/") ? p[2..] : null;

        var unclosed = ApacheOracle.ParseVerdict(1, $"apache2: Syntax error on line 2 of {Macro}: {Macro}:2: <Location> was not closed.\n", display);
        Assert.Equal(("/etc/apache2/apache2.conf", 8), (unclosed.File!, unclosed.Line!.Value));
        Assert.Equal(new[] { ("/etc/apache2/apache2.conf", 11) }, unclosed.Alternatives);
        Assert.True(unclosed.Agrees(ApacheVerdict.RejectedAt("/etc/apache2/apache2.conf", 11, "at the Use line")));

        var walk = ApacheOracle.ParseVerdict(1, $"AH00526: Syntax error on line 2 of {Macro}:\nInvalid command 'Bogus', perhaps misspelled\n", display);
        Assert.Equal(("/etc/apache2/apache2.conf", 8), (walk.File!, walk.Line!.Value));
    }

    [Fact]
    public void Parses_a_location_free_rejection()
    {
        var verdict = ApacheOracle.ParseVerdict(1, "AH00534: apache2: Configuration error: No MPM loaded.\n", _ => null);
        Assert.False(verdict.Accepted);
        Assert.Null(verdict.File);
        Assert.Contains("No MPM loaded", verdict.Message);
    }

    [SkippableTheory]
    [InlineData("debian")]
    [InlineData("debian-live")]
    [InlineData("h5bp")]
    [InlineData("httpd-2.4.x")]
    [InlineData("httpd-trunk")]
    public void Base_tree_is_accepted_by_httpd(string name)
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
        using var setup = ApacheTrees.Build(name);
        var outcome = ApacheOracle.Check(setup.ToCheck());
        Assert.True(outcome.Verdict.Accepted, $"{name}: {outcome.Verdict}\n{outcome.Stderr}");
        Assert.Empty(outcome.UndefinedVariables);
    }
}
