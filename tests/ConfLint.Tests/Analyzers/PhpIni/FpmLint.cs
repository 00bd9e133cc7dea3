using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Tests.Hosting;
using Xunit;

namespace ConfLint.Tests.Analyzers.PhpIni;

internal static class FpmLint
{
    public const string Pool = "[www]\nuser = www-data\nlisten = /run/php/www.sock\npm = static\npm.max_children = 2\n";

    public static IReadOnlyList<Diagnostic> Run(string text, string path = "/etc/php/8.2/fpm/pool.d/www.conf", Action<TempHostTree>? setup = null, bool noDisk = false)
    {
        using var tree = new TempHostTree();
        tree.Write(path, text);
        setup?.Invoke(tree);
        return tree.Lint(new FpmFrontEnd(), path, noDisk);
    }

    public static IEnumerable<Diagnostic> Only(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id);
}
