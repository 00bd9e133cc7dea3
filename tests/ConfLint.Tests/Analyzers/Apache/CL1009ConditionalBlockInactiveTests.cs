using ConfLint.Diagnostics;
using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1009ConditionalBlockInactiveTests
{
    [Fact]
    public void Names_the_module_that_is_not_loaded()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("<IfModule mod_fastcgi.c>\nFastCgiWrapper On\n</IfModule>\n").Only("CL1009"));
        Assert.Equal(Severity.Info, d.Severity);
        Assert.Contains("module mod_fastcgi.c is not loaded", d.Message);
    }

    [Fact]
    public void Names_the_define_and_negated_modules()
    {
        var ds = ApacheRuleTestKit.Lint("<IfDefine SSL>\n</IfDefine>\n<IfModule !mod_version.c>\n</IfModule>\n").Only("CL1009");
        Assert.Contains("SSL is not defined", ds[0].Message);
        Assert.Contains("module mod_version.c is loaded", ds[1].Message);
    }

    [Fact]
    public void Blocks_nested_in_an_inactive_block_are_not_evaluated()
    {
        Assert.Single(ApacheRuleTestKit.Lint("<IfModule a>\n<IfModule b>\n</IfModule>\n</IfModule>\n").Only("CL1009"));
    }

    [Fact]
    public void Active_blocks_are_quiet() =>
        Assert.Empty(ApacheRuleTestKit.Lint("<IfModule mod_version.c>\n</IfModule>\n<IfDefine !NOPE>\n</IfDefine>\n").Only("CL1009"));

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1009");
}
