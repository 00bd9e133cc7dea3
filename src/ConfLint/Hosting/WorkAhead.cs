using System.Collections.Concurrent;

namespace ConfLint.Hosting;

/// <summary>
/// Work named by a key (a file to read and parse, a jail to walk), done once by whichever thread asks
/// first. Work queued ahead is done in order on a background thread while the thread that will need
/// it goes on; asking for work the background thread is doing waits for it, asking for work it has
/// not reached yet does it at once.
/// </summary>
public sealed class WorkAhead<T>
{
    private readonly Func<string, T> _work;
    private readonly ConcurrentDictionary<string, Lazy<T>> _results = new(StringComparer.Ordinal);
    private BlockingCollection<Lazy<T>>? _queue;

    public WorkAhead(Func<string, T> work) => _work = work;

    /// <summary>The result for <paramref name="key"/>, kept for whoever asks next.</summary>
    public T Get(string key) => Entry(key).Value;

    /// <summary>The result for <paramref name="key"/>, forgotten afterwards: the next ask does the work again.</summary>
    public T Take(string key) => _results.TryRemove(key, out var done) ? done.Value : _work(key);

    /// <summary>Starts the background thread that <see cref="Queue"/> feeds.</summary>
    public void Start()
    {
        if (_queue is not null) return;
        var queue = _queue = new BlockingCollection<Lazy<T>>();
        Task.Run(() =>
        {
            foreach (var work in queue.GetConsumingEnumerable()) _ = work.Value;
        });
    }

    /// <summary>Queues work for the background thread, when one runs.</summary>
    public void Queue(string key)
    {
        if (_queue is not null) _queue.Add(Entry(key));
    }

    /// <summary>No more work will be queued: the background thread ends when it has done what is queued.</summary>
    public void Complete() => _queue?.CompleteAdding();

    private Lazy<T> Entry(string key) =>
        _results.GetOrAdd(key, k => new Lazy<T>(() => _work(k), LazyThreadSafetyMode.ExecutionAndPublication));
}
