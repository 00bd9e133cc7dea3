using ConfLint.Diagnostics;
using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1012ConditionalMustBeClosedTests
{
    [Fact]
    public void True_IfModule_to_end_of_file_is_a_warning()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("<IfModule mod_version.c>\nServerTokens Prod\n").Only("CL1012"));
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Null(d.EngineOrder);
        Assert.Contains("Expected </IfModule> before end of configuration", d.Message);
    }

    [Fact]
    public void True_IfDefine_in_an_included_file()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("Define X\nInclude x.conf\nAfter 1\n", ("/etc/apache2/x.conf", "<IfDefine X>\n")).Only("CL1012"));
        Assert.Equal("/etc/apache2/x.conf", d.Location.HostPath);
    }

    [Fact]
    public void Closed_or_false_blocks_are_not_CL1012()
    {
        var ds = ApacheRuleTestKit.Lint("<IfModule mod_version.c>\n</IfModule>\n<IfModule nope>\n");
        Assert.Empty(ds.Only("CL1012"));
        Assert.Single(ds.Only("CL1001"));
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1012");
}
