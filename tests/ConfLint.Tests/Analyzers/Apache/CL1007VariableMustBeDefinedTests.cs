using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1007VariableMustBeDefinedTests
{
    [Fact]
    public void Undefined_variable_is_reported_at_the_reference()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("ErrorLog ${LOGDIR}/e.log\n").Only("CL1007"));
        Assert.Equal("Config variable ${LOGDIR} is not defined", d.Message);
        Assert.Equal(10, d.Location.Column);
        Assert.Equal(19, d.Location.EndColumn);
    }

    [Fact]
    public void Defined_later_is_still_undefined_where_used()
    {
        Assert.Single(ApacheRuleTestKit.Lint("ErrorLog ${X}\nDefine X /x\nCustomLog ${X} c\n").Only("CL1007"));
    }

    [Fact]
    public void Names_with_colons_comments_and_inactive_blocks_are_quiet()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("# ${A}\nX ${env:Y}\n<IfModule nope>\nY ${B}\n</IfModule>\n").Only("CL1007"));
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1007");
}
