using ConfLint.Diagnostics;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Differential;

/// <summary>
/// examples/faq-chroot: the seed FAQ's setup as host trees. `fixed/` passes `apache2 -t` and lints
/// free of CL1xxx errors (with mod_fastcgi taken as absent or as loaded); `broken/` (the FAQ's own `</IfModole>` and unclosed `<Location>` blocks)
/// is rejected by httpd at the line ConfLint reports.
/// </summary>
public class FaqChrootExampleTests
{
    private const string VhostFile = "/etc/apache2/sites-enabled/host.example.com.conf";

    private static void RequireOracles()
    {
        ApacheOracle.Require();
        ApacheOracle.RequireNssWrapper();
    }

    [SkippableFact]
    public void Fixed_tree_is_accepted_by_httpd_and_by_ConfLint()
    {
        RequireOracles();
        using var setup = ApacheTrees.Example("faq-chroot/fixed");
        var result = ApacheDifferential.Compare("faq-chroot/fixed", "example", "examples/faq-chroot/fixed", setup);
        Assert.True(result.Httpd.Accepted, result.Explain() + result.HttpdOutput);
        Assert.True(result.Agrees, result.Explain());
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("CL1", StringComparison.Ordinal) && d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public void Broken_tree_is_rejected_by_httpd_at_the_line_ConfLint_reports()
    {
        RequireOracles();
        using var setup = ApacheTrees.Example("faq-chroot/broken");
        var result = ApacheDifferential.Compare("faq-chroot/broken", "example", "examples/faq-chroot/broken", setup);
        Assert.False(result.Httpd.Accepted, result.HttpdOutput);
        Assert.True(result.Agrees, result.Explain());
        // mod_fastcgi is not loaded: httpd skips the block and names its <IfModule> line.
        Assert.Equal(VhostFile, result.ConfLint.File);
        Assert.Equal(9, result.ConfLint.Line);
        Assert.StartsWith("CL1002", result.ConfLint.Message);
    }

    [Fact]
    public void With_mod_fastcgi_loaded_the_broken_tree_fails_at_the_misspelled_close_tag_and_the_fixed_one_stays_clean()
    {
        // No mod_fastcgi package exists for this httpd, so this side is ConfLint's alone.
        using var broken = ApacheTrees.Example("faq-chroot/broken");
        var brokenDiagnostics = LintWithFastCgi(broken);
        var verdict = ApacheDifferential.VerdictOf(brokenDiagnostics, broken.Tree);
        Assert.False(verdict.Accepted);
        Assert.Equal(VhostFile, verdict.File);
        Assert.Equal(25, verdict.Line);
        Assert.Contains("</IfModole>", verdict.Message);

        using var fixedTree = ApacheTrees.Example("faq-chroot/fixed");
        var errors = LintWithFastCgi(fixedTree).Where(d => d.Id.StartsWith("CL1", StringComparison.Ordinal) && d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static IReadOnlyList<Diagnostic> LintWithFastCgi(ApacheSetup setup) =>
        ApacheDifferential.Lint(setup, request => request with { Modules = new[] { "mod_fastcgi.c" } });
}
