using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1002CloseTagMustMatchOpenTagTests
{
    [Theory]
    [InlineData("<Directory /x>\n</Directry>\n", "Expected </Directory> but saw </Directry>")]
    [InlineData("</Location>\n", "</Location> without matching <Location> section")]
    [InlineData("</IfModule >\n", "</IfModule without matching <IfModule section")]
    [InlineData("<Directory /x>\n</Directory x>\n", "</Directory> directive missing closing '>'")]
    [InlineData("<IfModule mod_version.c>\n<Files a>\n</IfModule>\n", "Expected </Files> but saw </IfModule>")]
    [InlineData("<IfModule nope>\n</IfModule foo>\n", "Expected </IfModule> but saw </IfModul>")]
    public void Reports_httpds_message(string conf, string message)
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint(conf).Only("CL1002"));
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void Close_tags_compare_case_insensitively()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("<directory /x>\n</DIRECTORY>\n<ifmodule mod_version.c>\n</IFMODULE>\n").Only("CL1002"));
    }

    [Fact]
    public void A_close_for_a_section_opened_outside_the_IfModule_body_has_no_match()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("<Directory /x>\n<IfModule mod_version.c>\n</Directory>\n</IfModule>\n</Directory>\n").Only("CL1002"));
        Assert.Equal("</Directory> without matching <Directory> section", d.Message);
        Assert.Equal(3, d.Location.Line);
    }

    [Fact]
    public void Location_is_the_close_word()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("<Directory /x>\n  </Directry>\n").Only("CL1002"));
        Assert.Equal(3, d.Location.Column);
        Assert.Equal(14, d.Location.EndColumn);
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1002");
}
