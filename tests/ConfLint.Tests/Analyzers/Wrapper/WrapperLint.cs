using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using ConfLint.Tests.Oracles;
using Xunit;

namespace ConfLint.Tests.Analyzers.Wrapper;

internal static class WrapperLint
{
    public static IReadOnlyList<Diagnostic> Run(string script, UnixFileMode mode = (UnixFileMode)0b111_101_101, bool noDisk = false)
    {
        using var tree = new TempHostTree();
        tree.Write("/www/h/o/host/cgi/php-wrapper", script, mode);
        return tree.Lint(new WrapperFrontEnd(), "/www/h/o/host/cgi/php-wrapper", noDisk);
    }

    public static IEnumerable<Diagnostic> Only(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id);
}
