using ConfLint.Hosting;
using ConfLint.Jail;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Jail;

/// <summary>
/// The resolver is checked against the real dynamic loader: ldd lists what a real php-cgi needs;
/// a jail holding only the binary must miss exactly those, and a jail with them must miss none.
/// </summary>
public sealed class JailLibraryResolverTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conflint-elf-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (string binary, List<string> libraries) PhpCgiAndItsLibraries()
    {
        var binary = Oracle.RequireFile("/usr/bin/php-cgi8.2", "/usr/lib/cgi-bin/php8.2", "/usr/bin/php-cgi");
        var ldd = JailInspectorTests.Run("ldd", binary);
        var libraries = ldd.Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.Contains("=>") ? l.Split("=>")[1].Trim().Split(' ')[0] : l.Split(' ')[0])
            .Where(p => p.StartsWith('/'))
            .ToList();
        return (binary, libraries);
    }

    private void CopyIntoJail(string hostFile, string jail, string? inJailPath = null)
    {
        var target = _root + jail + (inJailPath ?? hostFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(hostFile, target, overwrite: true);
    }

    [SkippableFact]
    public void A_jail_with_only_the_binary_misses_every_library_ldd_lists()
    {
        var (binary, libraries) = PhpCgiAndItsLibraries();
        CopyIntoJail(binary, "/jail", "/usr/bin/php-fcgi");
        var missing = new JailLibraryResolver(new HostFileSystem(_root), "/jail").FindMissing("/usr/bin/php-fcgi");

        var expected = libraries.Select(l => Path.GetFileName(l)).ToHashSet();
        var actual = missing.Select(m => Path.GetFileName(m.Name)).ToHashSet();
        // ldd lists the whole closure; without the libraries in the jail only the direct needs and
        // the interpreter can be seen, so every one reported must be one ldd lists.
        Assert.NotEmpty(actual);
        Assert.Subset(expected, actual);
        Assert.Contains(missing, m => m.Name.Contains("ld-linux"));
    }

    [SkippableFact]
    public void A_jail_with_every_library_ldd_lists_misses_none()
    {
        var (binary, libraries) = PhpCgiAndItsLibraries();
        CopyIntoJail(binary, "/jail", "/usr/bin/php-fcgi");
        foreach (var lib in libraries) CopyIntoJail(lib, "/jail");
        var missing = new JailLibraryResolver(new HostFileSystem(_root), "/jail").FindMissing("/usr/bin/php-fcgi");
        Assert.Empty(missing);

        // Remove one library: exactly that one is reported.
        var victim = libraries.First(l => !l.Contains("ld-linux") && !l.Contains("libc.so"));
        File.Delete(_root + "/jail" + victim);
        var afterRemoval = new JailLibraryResolver(new HostFileSystem(_root), "/jail").FindMissing("/usr/bin/php-fcgi");
        Assert.Equal(new[] { Path.GetFileName(victim) }, afterRemoval.Select(m => m.Name));
    }

    [Fact]
    public void A_script_has_no_elf_facts()
    {
        Directory.CreateDirectory(_root + "/jail/bin");
        File.WriteAllText(_root + "/jail/bin/wrapper", "#!/bin/sh\nexec /usr/bin/php-fcgi\n");
        Assert.Null(ElfFacts.TryRead(_root + "/jail/bin/wrapper"));
        Assert.Empty(new JailLibraryResolver(new HostFileSystem(_root), "/jail").FindMissing("/bin/wrapper"));
    }
}
