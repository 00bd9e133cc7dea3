using ConfLint.Hosting;

namespace ConfLint.Jail;

/// <summary>
/// The walks of a host's jails (every entry as lstat sees it), each done once, by the first thread that
/// asks, and shared: in a lint the model's builders walk a jail when they first ask about a path in it
/// (see <see cref="Probe"/>), and the jail rules read the walks.
/// </summary>
public sealed class JailWalks
{
    private readonly WorkAhead<JailWalk> _walks;
    private readonly HostFileSystem _fileSystem;

    public JailWalks(HostFileSystem fileSystem)
    {
        _fileSystem = fileSystem;
        var inspector = new JailInspector(fileSystem);
        _walks = new WorkAhead<JailWalk>(root => inspector.Walk(root, out _));
    }

    /// <summary>
    /// The walk of the jail at <paramref name="jailRoot"/>: every path inside it, the root first (see <see cref="JailInspector.Walk"/>),
    /// done now on this thread unless it is done or under way.
    /// </summary>
    public JailWalk Walk(string jailRoot) => _walks.Get(jailRoot);

    /// <summary>
    /// What stat(2) finds at a normalised host path inside the jail at <paramref name="jailRoot"/>, from the jail's walk
    /// (see <see cref="JailWalk.Probe"/>), walked now when nobody has started it: Unknown when the path is not inside the
    /// jail, the walk cannot tell, or another thread is still walking the jail (asking the kernel is quicker than waiting).
    /// </summary>
    public JailPathAnswer Probe(string jailRoot, string hostPath)
    {
        if (!TryPathInJail(jailRoot, hostPath, out var pathInJail)) return JailPathAnswer.Unknown;
        return _walks.TryGet(jailRoot, out var walk) ? walk!.Probe(pathInJail) : JailPathAnswer.Unknown;
    }

    /// <summary>
    /// What stat(2) finds at <paramref name="pathInJail"/> (normalised, absolute, "/" excluded) inside the jail at
    /// <paramref name="jailRoot"/>, as <see cref="Probe"/> does for its host path, without making that path.
    /// </summary>
    public JailPathAnswer ProbeInJail(string jailRoot, string pathInJail) =>
        jailRoot != "/" && pathInJail.Length > 1 && _walks.TryGet(jailRoot, out var walk) ? walk!.Probe(pathInJail) : JailPathAnswer.Unknown;

    /// <summary>Whether a normalised host path inside the jail names something that is not a directory (symlinks followed), as <see cref="HostFileSystem.FileExists"/>: from the walk when it can tell.</summary>
    public bool FileExists(string jailRoot, string hostPath) => Probe(jailRoot, hostPath) switch
    {
        JailPathAnswer.Unknown => _fileSystem.FileExists(hostPath),
        var answer => answer == JailPathAnswer.NotDirectory,
    };

    /// <summary>Whether a normalised host path inside the jail names a directory (symlinks followed), as <see cref="HostFileSystem.DirectoryExists"/>.</summary>
    public bool DirectoryExists(string jailRoot, string hostPath) => Probe(jailRoot, hostPath) switch
    {
        JailPathAnswer.Unknown => _fileSystem.DirectoryExists(hostPath),
        var answer => answer == JailPathAnswer.Directory,
    };

    /// <summary>
    /// <see cref="FileExists"/> for a path as a process in the jail names it (absolute, maybe with `.` or `..`): a clean one
    /// is probed in the walk as it is (<see cref="ProbeInJail"/>), and a host path is made only for the file system.
    /// </summary>
    public bool FileExistsInJail(string jailRoot, string pathInJail) => AnswerInJail(jailRoot, pathInJail, out var hostPath) switch
    {
        JailPathAnswer.Unknown => _fileSystem.FileExists(hostPath!),
        var answer => answer == JailPathAnswer.NotDirectory,
    };

    /// <summary><see cref="DirectoryExists"/> for a path as a process in the jail names it, as <see cref="FileExistsInJail"/>.</summary>
    public bool DirectoryExistsInJail(string jailRoot, string pathInJail) => AnswerInJail(jailRoot, pathInJail, out var hostPath) switch
    {
        JailPathAnswer.Unknown => _fileSystem.DirectoryExists(hostPath!),
        var answer => answer == JailPathAnswer.Directory,
    };

    // What the walk says of an in-jail path; when it cannot tell, the host path to ask the file system about.
    private JailPathAnswer AnswerInJail(string jailRoot, string pathInJail, out string? hostPath)
    {
        hostPath = null;
        if (HostFileSystem.IsNormalized(pathInJail) && ProbeInJail(jailRoot, pathInJail) is var answer and not JailPathAnswer.Unknown) return answer;
        hostPath = HostFileSystem.NormalizeHostPath(jailRoot, pathInJail);
        // A path with `.` or `..` may still name a place the walk saw.
        return HostFileSystem.IsNormalized(pathInJail) ? JailPathAnswer.Unknown : Probe(jailRoot, hostPath);
    }

    /// <summary>Whether anything is at a normalised host path inside the jail (symlinks followed), as <see cref="HostFileSystem.Exists"/>.</summary>
    public bool Exists(string jailRoot, string hostPath) => Probe(jailRoot, hostPath) switch
    {
        JailPathAnswer.Unknown => _fileSystem.Exists(hostPath),
        var answer => answer != JailPathAnswer.Missing,
    };

    /// <summary>
    /// Tells the file system what the jail's walk saw at a normalised host path inside it, when that settles how the path
    /// resolves: the jail root resolves to itself and no symlink lies on the way. Reading the file, or asking whether it
    /// exists, then costs no call to resolve it.
    /// </summary>
    public void ShareWithFileSystem(string jailRoot, string hostPath)
    {
        if (!TryPathInJail(jailRoot, hostPath, out var pathInJail)) return;
        if (!_walks.TryGet(jailRoot, out var walk) || walk!.EntryAt(pathInJail) is not { } entry) return;
        if (!_fileSystem.ResolvesToItself(jailRoot)) return;
        _fileSystem.Remember(hostPath, JailInspector.TypeOf(entry.Kind));
    }

    /// <summary>
    /// The part of a normalised host path below a jail root other than "/" ("/etc/php.ini" of "/srv/j/etc/php.ini" in
    /// "/srv/j"), without copying it; false when the path is not below the root.
    /// </summary>
    public static bool TryPathInJail(string jailRoot, string hostPath, out ReadOnlySpan<char> pathInJail)
    {
        pathInJail = default;
        if (jailRoot == "/" || hostPath.Length <= jailRoot.Length || hostPath[jailRoot.Length] != '/' || !hostPath.StartsWith(jailRoot, StringComparison.Ordinal))
            return false;
        pathInJail = hostPath.AsSpan(jailRoot.Length);
        return true;
    }
}
