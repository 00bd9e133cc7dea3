using Microsoft.Extensions.FileSystemGlobbing;
using ConfLint.Hosting;

namespace ConfLint.Jail;

/// <summary>A library (or the ELF interpreter) a jailed program needs that the jail lacks.</summary>
public sealed record MissingLibrary(string Name, string NeededBy, IReadOnlyList<string> SearchedDirectories);

/// <summary>
/// Resolves an ELF program's interpreter and DT_NEEDED libraries, transitively, the way ld.so
/// would after chroot: inside the jail only. Search order (glibc elf/dl-load.c): DT_RPATH when
/// there is no DT_RUNPATH, DT_RUNPATH, the directories of the jail's /etc/ld.so.conf (and its
/// `include` globs), then the trusted defaults (/lib, /usr/lib and their multiarch and lib64
/// forms). `$ORIGIN` is the directory of the object that names the path.
/// </summary>
public sealed class JailLibraryResolver
{
    private static readonly string[] TrustedDirectories =
    {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu",
    };

    private readonly HostFileSystem _fileSystem;
    private readonly string _jailRoot;
    private readonly Lazy<IReadOnlyList<string>> _ldSoConfDirectories;

    // The jail seen as a root of its own (absolute symlinks inside it point into it), made once: its memo serves
    // every path the search asks about.
    private HostFileSystem? _jailFileSystem;

    /// <param name="fileSystem">The host's files (under --root).</param>
    /// <param name="jailRoot">The jail as a host path; "/" for an unjailed program.</param>
    public JailLibraryResolver(HostFileSystem fileSystem, string jailRoot)
    {
        _fileSystem = fileSystem;
        _jailRoot = HostFileSystem.NormalizeHostPath(jailRoot);
        _ldSoConfDirectories = new(() => ReadLdSoConf("/etc/ld.so.conf", depth: 0));
    }

    /// <summary>The host path of a path inside the jail (symlinks inside the jail resolved against the jail).</summary>
    public string ToHostPath(string inJailPath)
    {
        // Most paths cross no symlink: the host's resolution, which the model has mostly done already, is then the jail's.
        if (_jailRoot != "/")
        {
            var lexical = HostFileSystem.NormalizeHostPath(_jailRoot, inJailPath);
            if (JailWalks.TryPathInJail(_jailRoot, lexical, out _) && _fileSystem.ResolvesToItself(lexical)) return lexical;
        }
        var jailFs = _jailRoot == "/" ? _fileSystem : _jailFileSystem ??= new HostFileSystem(_fileSystem.ToRealPath(_jailRoot));
        var resolved = jailFs.ResolveHostPath(inJailPath);
        return _jailRoot == "/" ? resolved : HostFileSystem.NormalizeHostPath(_jailRoot + resolved);
    }

    private bool ExistsInJail(string inJailPath) => _fileSystem.FileExists(ToHostPath(inJailPath));

    /// <summary>Everything the program at <paramref name="programInJail"/> needs that is missing in the jail.</summary>
    public IReadOnlyList<MissingLibrary> FindMissing(string programInJail)
    {
        // A program that is not an ELF object (a script, a placeholder) needs nothing the loader finds.
        var programFacts = ElfFacts.TryRead(_fileSystem.ToRealPath(ToHostPath(programInJail)));
        if (programFacts is null) return Array.Empty<MissingLibrary>();
        var missing = new List<MissingLibrary>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(programInJail);
        visited.Add(programInJail);
        bool first = true;
        while (queue.Count > 0)
        {
            var objectPath = queue.Dequeue();
            var facts = first ? programFacts : ElfFacts.TryRead(_fileSystem.ToRealPath(ToHostPath(objectPath)));
            if (facts is null) { first = false; continue; }
            if (first && facts.Interpreter is { } interpreter && !ExistsInJail(interpreter))
                missing.Add(new MissingLibrary(interpreter, objectPath, new[] { Path.GetDirectoryName(interpreter) ?? "/" }));
            first = false;
            var origin = Path.GetDirectoryName(objectPath) ?? "/";
            var searchPath = facts.RunPaths.Select(p => p.Replace("$ORIGIN", origin).Replace("${ORIGIN}", origin))
                .Concat(_ldSoConfDirectories.Value)
                .Concat(TrustedDirectories)
                .Distinct()
                .ToList();
            foreach (var name in facts.Needed)
            {
                string? found = name.Contains('/')
                    ? (ExistsInJail(name) ? name : null)
                    : searchPath.Select(d => d.TrimEnd('/') + "/" + name).FirstOrDefault(ExistsInJail);
                if (found is null)
                {
                    if (!missing.Any(m => m.Name == name)) missing.Add(new MissingLibrary(name, objectPath, searchPath));
                    continue;
                }
                if (visited.Add(found)) queue.Enqueue(found);
            }
        }
        return missing;
    }

    // /etc/ld.so.conf: one directory per line, '#' comments, `include GLOB` lines (ldconfig.c parse_conf).
    private IReadOnlyList<string> ReadLdSoConf(string inJailPath, int depth)
    {
        var result = new List<string>();
        if (depth > 8) return result;
        string text;
        try { text = File.ReadAllText(_fileSystem.ToRealPath(ToHostPath(inJailPath))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return result; }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith("include", StringComparison.Ordinal) && line.Length > 7 && char.IsWhiteSpace(line[7]))
            {
                var pattern = line[7..].Trim();
                if (!pattern.StartsWith('/')) pattern = (Path.GetDirectoryName(inJailPath) ?? "/") + "/" + pattern;
                var dir = Path.GetDirectoryName(pattern) ?? "/";
                var matcher = new Microsoft.Extensions.FileSystemGlobbing.Matcher().AddInclude(Path.GetFileName(pattern));
                var realDir = _fileSystem.ToRealPath(ToHostPath(dir));
                if (!Directory.Exists(realDir)) continue;
                foreach (var file in Directory.EnumerateFiles(realDir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
                {
                    if (matcher.Match(file).HasMatches) result.AddRange(ReadLdSoConf(dir.TrimEnd('/') + "/" + file, depth + 1));
                }
                continue;
            }
            result.Add(line.Split(new[] { ' ', '\t', '=' }, StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        return result;
    }
}
