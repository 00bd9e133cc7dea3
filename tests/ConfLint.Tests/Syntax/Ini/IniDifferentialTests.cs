using System.Text;
using System.Text.Json;
using CsCheck;
using ConfLint.Syntax.Ini;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Syntax.Ini;

/// <summary>
/// ConfLint's INI parser against PHP 8.2 itself: for every text, parse_ini_string(text, true,
/// INI_SCANNER_NORMAL) and INI_SCANNER_RAW must give the same sections, keys, values (as JSON),
/// and a syntax error on the same line with the same unexpected token.
/// </summary>
public sealed class IniDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public IniDifferentialTests(ITestOutputHelper output) => _output = output;

    internal static readonly string[] HandPicked =
    {
        "a = ''\nb=1", "a = 'x'\nb=1", "a = foo  ", "a = foo ;c", "[ foo ]\nx=1", "true = 1", "[a] b = c\nd=(\n", "a = 4294967296 | 0",
        "a = 99999999999999999999 | 0", "a = \"x\ny\"\nb=(\n", "a = 'x\ny'\nb=(\n", "\uFEFFa=1", "\uFEFF", "a[] = 1\na[]=2\na[x]=3",
        "on x = 1", "a = b = c", "a=\"C:\\path\\\"\nb=2", "x = ${HOME}/a", "a=  \"x\" y 'z' ", "a = E_ALL & ~E_NOTICE", "[s\nb=1",
        "a=\"\"", "A = null", "a = M_PI", "a = PHP_EOL", "a=1\r\nb=2\rc=3", "a = it's\nb=1", "a = x $\nb=1", "a[-5]=1\na[]=2", "a = $\\",
        "[a\\", "a = ~1", "a = !0", "a = (1|2)&3", "a = 1 x | 2", "a = \"x\" | 2", "x=1\n[s]\n123=a\n0123=b\n[5]\nq=1", "a=${}",
        "a = 'x'|1", "[a]\n[a]\nq=1", "a = \"a\\\"b\" c", "A = \"x${HOME}y\"", "a = 1 ; c\nb = 2", "a = '' \nb=(", "a.b-c:d = 1",
        "#a = 1", " a b = 1", "a\tb = 1", "x[a b] = 1", "x[ \"q\" ] = 2", "x[${HOME}] = 3", "x [ y ] = 4", "", "\n\n", "; only",
        "a[9223372036854775807]=1\na[]=2\nb[-9223372036854775808]=1\n9223372036854775807=x\n-9223372036854775808=y\n9223372036854775808=z\n[ 5]\nq=1\n[5 ]\nr=2\n[-0]\ns=3\n",
        "a = \"unterminated", "a = (1", "-1PATH=$\n[ &\uFEFF]$\\$${ \n;yes1G-!$\\PATH=~", "[PATH=/x]\na=1\n[foo]\nb=2", "a = ${CONFLINT_INI_VAR}", "a=1\n=2", "x[]=1\nx=2\nx[]=3",
    };

    [SkippableFact]
    public void Hand_picked_cases_agree_with_php()
    {
        var failures = Run(HandPicked, out int agreed);
        _output.WriteLine($"hand-picked: {agreed}/{HandPicked.Length * Comparisons} agree");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Batches of 1,000 character-soup texts; CONFLINT_INI_FUZZ_BATCHES raises it for a longer hunt.</summary>
    private static int SoupBatches =>
        int.TryParse(Environment.GetEnvironmentVariable("CONFLINT_INI_FUZZ_BATCHES"), out var n) && n > 0 ? n : 2;

    [SkippableFact]
    public void Generated_texts_agree_with_php()
    {
        Oracles.Oracle.Require("php");
        int total = 0, agreedTotal = 0;
        var allFailures = new List<string>();
        IniGenerators.Text.Array[1000].Sample(batch =>
        {
            var failures = Run(batch, out int agreed);
            total += batch.Length * Comparisons;
            agreedTotal += agreed;
            allFailures.AddRange(failures);
            return true;
        }, iter: 3, threads: 1, seed: "0N0XIzNsQ0O2");
        IniGenerators.Soup.Array[1000].Sample(batch =>
        {
            var failures = Run(batch, out int agreed);
            total += batch.Length * Comparisons;
            agreedTotal += agreed;
            allFailures.AddRange(failures);
            return true;
        }, iter: SoupBatches, threads: 1, seed: "0N0XIzNsQ0O3");
        if (allFailures.Count > 0)
        {
            var report = Path.Combine(Path.GetTempPath(), $"conflint-ini-generated-failures-{Environment.ProcessId}.txt");
            File.WriteAllText(report, string.Join("\n", allFailures));
            _output.WriteLine($"disagreements written to {report}");
        }
        _output.WriteLine($"generated: {agreedTotal}/{total} agree");
        Assert.True(allFailures.Count == 0, string.Join("\n", allFailures.Take(30)));
    }

    [Fact]
    public void No_input_makes_the_parser_throw()
    {
        IniGenerators.AnyText.Sample(text =>
        {
            foreach (var mode in new[] { IniScannerMode.Normal, IniScannerMode.Raw })
            {
                var doc = IniDocument.Parse(text, new IniParseOptions { Mode = mode, Environment = _ => null });
                IniDump.ToJson(doc);
                foreach (var s in doc.Statements) Assert.True(s.Span.End <= text.Length);
            }
        }, iter: 20000);
    }

    /// <summary>Comparisons per text: NORMAL with sections, RAW with sections, NORMAL without sections.</summary>
    internal const int Comparisons = 3;

    internal static List<string> Run(IReadOnlyList<string> texts, out int agreed)
    {
        var verdicts = PhpIniOracle.Run(texts);
        var failures = new List<string>();
        agreed = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            var n = PhpIniOracle.Compare(texts[i], IniScannerMode.Normal, verdicts[i].NormalJson, verdicts[i].NormalError);
            var r = PhpIniOracle.Compare(texts[i], IniScannerMode.Raw, verdicts[i].RawJson, verdicts[i].RawError);
            var f = PhpIniOracle.Compare(texts[i], IniScannerMode.Normal, verdicts[i].FlatJson, verdicts[i].NormalError, processSections: false);
            if (n is null) agreed++; else failures.Add(n);
            if (r is null) agreed++; else failures.Add(r);
            if (f is null) agreed++; else failures.Add(f);
        }
        return failures;
    }
}
