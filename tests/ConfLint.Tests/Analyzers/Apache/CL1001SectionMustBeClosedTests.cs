using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1001SectionMustBeClosedTests
{
    [Fact]
    public void Unclosed_location_uses_httpds_message_at_the_open_tag()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("Listen 80\n<Location /x>\nRequire all granted\n").Only("CL1001"));
        Assert.Equal("/etc/apache2/apache2.conf:2: <Location> was not closed.", d.Message);
        Assert.Equal(2, d.Location.Line);
        Assert.Equal(1, d.Location.Column);
        Assert.Equal(10, d.Location.EndColumn);
    }

    [Fact]
    public void Nested_unclosed_sections_are_each_reported_innermost_first()
    {
        var ds = ApacheRuleTestKit.Lint("<VirtualHost *:80>\n<Directory /x>\n").Only("CL1001");
        Assert.Equal(new[] { 2, 1 }, ds.OrderBy(d => d.EngineOrder).ThenByDescending(d => d.Location.Line).Select(d => d.Location.Line));
    }

    [Fact]
    public void False_IfModule_never_closed_says_expected_before_end_of_configuration()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("<IfModule mod_nope.c>\nFoo\n").Only("CL1001"));
        Assert.Equal("Expected </IfModule> before end of configuration", d.Message);
    }

    [Fact]
    public void Closed_sections_and_true_IfModule_at_end_of_file_are_not_CL1001()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("<Location /x>\n</Location>\n<IfModule mod_version.c>\n").Only("CL1001"));
    }

    [Fact]
    public void A_wrong_close_tag_ends_the_section_with_CL1002_instead()
    {
        var ds = ApacheRuleTestKit.Lint("<Directory /x>\n</Directry>\n");
        Assert.Empty(ds.Only("CL1001"));
        Assert.Single(ds.Only("CL1002"));
    }

    [Fact]
    public void Unclosed_in_an_included_file_carries_the_include_chain()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("Include x.conf\n", ("/etc/apache2/x.conf", "<Files a>\n")).Only("CL1001"));
        Assert.Equal("/etc/apache2/x.conf", d.Location.HostPath);
        Assert.Equal(1, Assert.Single(d.IncludeChain).Line);
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1001");
}
