using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Syntax.Ini;
using ConfLint.Tests.Syntax.Ini;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Analyzers.PhpIni;

/// <summary>The stock php.ini files of php-src and Debian must lint without errors or warnings (they are valid and PHP reads them as is).</summary>
public sealed class PhpIniCorpusLintTests
{
    private readonly ITestOutputHelper _output;

    public PhpIniCorpusLintTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void Stock_php_ini_files_raise_no_errors_or_warnings()
    {
        // php-src's tests/ directories hold parse_ini_file inputs, not php.ini files.
        var files = IniCorpusTests.IniFiles()
            .Where(f => !f.Contains("/tests/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".ini", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("php.ini", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        var bad = new List<string>();
        foreach (var file in files)
        {
            var fs = new HostFileSystem("/");
            var compilation = new Compilation(fs);
            new PhpIniFrontEnd().Load(compilation, file, new LintRequest());
            foreach (var d in compilation.Analyze())
            {
                _output.WriteLine(d.ToString());
                if (d.Severity >= Severity.Warning) bad.Add(d.ToString());
            }
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }
}
