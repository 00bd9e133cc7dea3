using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1006IncludeMustResolveTests
{
    [Fact]
    public void Missing_file() =>
        Assert.Equal("Could not open configuration file /etc/apache2/nope.conf: No such file or directory",
            Assert.Single(ApacheRuleTestKit.Lint("Include nope.conf\n").Only("CL1006")).Message);

    [Fact]
    public void Wildcard_matching_nothing() =>
        Assert.Equal("Include/IncludeOptional: No matches for the wildcard '*.conf' in '/etc/apache2/d', failing",
            Assert.Single(ApacheRuleTestKit.Lint("Include d/*.conf\n", ("/etc/apache2/d/x.txt", "x\n")).Only("CL1006")).Message);

    [Fact]
    public void Wildcard_in_missing_directory() =>
        Assert.Equal("Include/IncludeOptional: Could not open directory /etc/apache2/none: No such file or directory",
            Assert.Single(ApacheRuleTestKit.Lint("Include none/*.conf\n").Only("CL1006")).Message);

    [Fact]
    public void Self_include_is_a_cycle()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("Include apache2.conf\n").Only("CL1006"));
        Assert.Contains("include cycle", d.Message);
    }

    [Fact]
    public void Include_depth_over_128_is_reported()
    {
        var files = Enumerable.Range(0, 130).Select(i => ($"/etc/apache2/d{i}.conf", $"Include d{i + 1}.conf\n")).ToArray();
        var d = Assert.Single(ApacheRuleTestKit.Lint("Include d0.conf\n", files).Only("CL1006"));
        Assert.Equal("Exceeded maximum include depth of 128, There appears to be a recursion.", d.Message);
    }

    [Fact]
    public void IncludeOptional_never_reports()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("IncludeOptional nope.conf\nIncludeOptional none/*.conf\nIncludeOptional d/*.conf\n", ("/etc/apache2/d/x.txt", "x\n")).Only("CL1006"));
    }

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1006");
}
