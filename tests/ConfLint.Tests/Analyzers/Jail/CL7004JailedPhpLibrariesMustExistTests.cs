using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Jail;

/// <summary>A real php-cgi copied into the jail with or without its libraries (ldd is the reference).</summary>
public class CL7004JailedPhpLibrariesMustExistTests
{
    [SkippableFact]
    public void A_real_php_cgi_without_its_libraries_misses_them_and_with_them_misses_none()
    {
        var phpCgi = Oracle.RequireFile("/usr/bin/php-cgi8.2", "/usr/bin/php-cgi");
        using var tree = new SeedHostTree();
        File.Copy(phpCgi, tree.Real(SeedHostTree.Jail + "/usr/bin/php-fcgi"), overwrite: true);
        var missing = tree.Findings("CL7004");
        Assert.NotEmpty(missing);
        Assert.All(missing, d => Assert.EndsWith("/cgi/php-wrapper", d.Location.Path));
        Assert.Contains(missing, d => d.Message.Contains("libc.so.6") || d.Message.Contains("ld-linux"));

        var ldd = ConfLint.Tests.Jail.JailInspectorTests.Run("ldd", phpCgi);
        foreach (var lib in ldd.Split('\n').Select(l => l.Contains("=>") ? l.Split("=>")[1].Trim().Split(' ')[0] : l.Trim().Split(' ')[0]).Where(p => p.StartsWith('/')))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(tree.Real(SeedHostTree.Jail + lib))!);
            File.Copy(lib, tree.Real(SeedHostTree.Jail + lib), overwrite: true);
        }
        Assert.Empty(tree.Findings("CL7004"));
    }

    [Fact]
    public void A_placeholder_that_is_not_elf_is_not_judged()
    {
        using var tree = new SeedHostTree();
        Assert.Empty(tree.Findings("CL7004"));
    }
}
