using ConfLint.Diagnostics;
using Xunit;

namespace ConfLint.Tests.Analyzers.Apache;

public class CL1013LoadModuleMustLoadTests
{
    private const string So = "/usr/lib/apache2/modules/mod_rewrite.so";

    [Fact]
    public void Built_in_module_uses_httpds_message()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint("LoadModule version_module /usr/lib/apache2/modules/mod_version.so\n").Only("CL1013"));
        Assert.Equal("module version_module is built-in and can't be loaded", d.Message);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(12, d.Location.Column);
    }

    [Fact]
    public void Missing_file_under_the_root()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint($"LoadModule rewrite_module {So}\n").Only("CL1013"));
        Assert.StartsWith($"Cannot load {So} into server: {So}: cannot open shared object file: No such file or directory", d.Message);
    }

    [Fact]
    public void Relative_module_path_is_relative_to_ServerRoot()
    {
        Assert.Empty(ApacheRuleTestKit.Lint("LoadModule rewrite_module modules/mod_rewrite.so\n", ("/etc/apache2/modules/mod_rewrite.so", "elf")).Only("CL1013"));
    }

    [Fact]
    public void Loaded_twice_is_a_warning_related_to_the_first_load()
    {
        var d = Assert.Single(ApacheRuleTestKit.Lint($"LoadModule rewrite_module {So}\nLoadModule rewrite_module {So}\n", (So, "elf")).Only("CL1013"));
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(2, d.Location.Line);
        Assert.Equal(1, Assert.Single(d.Related).Location.Line);
    }

    [Fact]
    public void Existing_module_loaded_once_is_fine() =>
        Assert.Empty(ApacheRuleTestKit.Lint($"LoadModule rewrite_module {So}\n", (So, "elf")).Only("CL1013"));

    [Fact]
    public void Doc_examples() => ApacheRuleTestKit.AssertDocExamples("CL1013");
}
