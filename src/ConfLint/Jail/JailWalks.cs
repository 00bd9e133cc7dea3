using ConfLint.Hosting;

namespace ConfLint.Jail;

/// <summary>
/// The walks of a host's jails (every entry as lstat sees it), each done once and shared by the
/// jail rules. A lint can have them read ahead on another core while the hosting model is still
/// being built: a host of 10,000 sites has some 100,000 jail directories to list and lstat, work
/// that otherwise waits for the jail rules.
/// </summary>
public sealed class JailWalks
{
    private readonly WorkAhead<JailWalk> _walks;

    public JailWalks(HostFileSystem fileSystem)
    {
        var inspector = new JailInspector(fileSystem);
        _walks = new WorkAhead<JailWalk>(root => inspector.Walk(root, out _));
    }

    /// <summary>Every path inside the jail at <paramref name="jailRoot"/>, the root first (see <see cref="JailInspector.Walk"/>).</summary>
    public IReadOnlyList<JailFileInfo> Entries(string jailRoot) => _walks.Get(jailRoot);

    /// <summary>The walk of the jail at <paramref name="jailRoot"/>, done now on this thread unless it is done or under way.</summary>
    public JailWalk Walk(string jailRoot) => _walks.Get(jailRoot);

    /// <summary>
    /// What stat(2) finds at a normalised host path inside the jail at <paramref name="jailRoot"/>, from the jail's walk
    /// (see <see cref="JailWalk.Probe"/>): Unknown when the path is not inside the jail or the walk cannot tell.
    /// </summary>
    public JailPathAnswer Probe(string jailRoot, string hostPath)
    {
        if (jailRoot == "/" || hostPath.Length <= jailRoot.Length || hostPath[jailRoot.Length] != '/' || !hostPath.StartsWith(jailRoot, StringComparison.Ordinal))
            return JailPathAnswer.Unknown;
        return Walk(jailRoot).Probe(hostPath.AsSpan(jailRoot.Length));
    }

    /// <summary>Starts the background reader that <see cref="ReadAhead"/> feeds.</summary>
    public void StartReadingAhead() => _walks.Start();

    /// <summary>Queues a jail for the background reader, when one runs.</summary>
    public void ReadAhead(string jailRoot) => _walks.Queue(jailRoot);

    /// <summary>No more jails will be queued: the background reader ends when it has read them.</summary>
    public void CompleteReadingAhead() => _walks.Complete();
}
