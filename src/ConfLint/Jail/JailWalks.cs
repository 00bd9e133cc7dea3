using System.Collections.Concurrent;
using ConfLint.Hosting;

namespace ConfLint.Jail;

/// <summary>
/// The walks of a host's jails (every entry as lstat sees it), each done once and shared by the
/// jail rules. A lint can have them read ahead on another core while the hosting model is still
/// being built: a host of 10,000 sites has some 100,000 jail directories to list and lstat, work
/// that otherwise waits for the jail rules. Whichever thread asks first walks a jail; the other waits for it.
/// </summary>
public sealed class JailWalks
{
    private readonly JailInspector _inspector;
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<JailFileInfo>>> _walks = new(StringComparer.Ordinal);
    private BlockingCollection<string>? _ahead;

    public JailWalks(HostFileSystem fileSystem) => _inspector = new JailInspector(fileSystem);

    /// <summary>Every path inside the jail at <paramref name="jailRoot"/>, the root first (see <see cref="JailInspector.Walk"/>).</summary>
    public IReadOnlyList<JailFileInfo> Entries(string jailRoot) =>
        _walks.GetOrAdd(jailRoot, root => new Lazy<IReadOnlyList<JailFileInfo>>(
            () => _inspector.Walk(root, out _),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Starts the background reader that <see cref="ReadAhead"/> feeds.</summary>
    public void StartReadingAhead()
    {
        if (_ahead is not null) return;
        var ahead = _ahead = new BlockingCollection<string>();
        Task.Run(() =>
        {
            foreach (var root in ahead.GetConsumingEnumerable()) Entries(root);
        });
    }

    /// <summary>Queues a jail for the background reader, when one runs.</summary>
    public void ReadAhead(string jailRoot) => _ahead?.Add(jailRoot);

    /// <summary>No more jails will be queued: the background reader ends when it has read them.</summary>
    public void CompleteReadingAhead() => _ahead?.CompleteAdding();
}
