using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ConfLint.Hosting;

/// <summary>
/// Work named by a key (a file to read and parse, a jail to walk), done once by whichever thread
/// gets to it first. Work queued ahead is taken in order by a background thread while the thread
/// that will need it goes on. Asking for work nobody has started does it at once; asking for work
/// the background thread is doing helps with the queue meanwhile, and waits only when nothing is
/// left to take: the asking thread is often as fast as the background one, and two threads taking
/// turns on one item at a time would each spend half their time waiting for the other.
/// </summary>
public sealed class WorkAhead<T>
{
    private const int NotStarted = 0, Started = 1, Done = 2;

    private sealed class Item(string key)
    {
        public readonly string Key = key;
        public int State;
        public int Waiters;
        public T? Result;
        public ExceptionDispatchInfo? Error;
    }

    private readonly Func<string, T> _work;
    private readonly ConcurrentDictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Item> _queue = new();
    private readonly SemaphoreSlim _queued = new(0);
    private bool _started;
    private volatile bool _complete;

    public WorkAhead(Func<string, T> work) => _work = work;

    /// <summary>The result for <paramref name="key"/>, kept for whoever asks next.</summary>
    public T Get(string key) => Wait(_items.GetOrAdd(key, static k => new Item(k)));

    /// <summary>
    /// The result for <paramref name="key"/> when it is done, or when nobody has started it (it is done here, now); false,
    /// without waiting, while another thread is on it.
    /// </summary>
    public bool TryGet(string key, out T? result)
    {
        var item = _items.GetOrAdd(key, static k => new Item(k));
        if (Volatile.Read(ref item.State) != Done && !Run(item) && Volatile.Read(ref item.State) != Done)
        {
            result = default;
            return false;
        }
        item.Error?.Throw();
        result = item.Result;
        return true;
    }

    /// <summary>The result for <paramref name="key"/>, forgotten afterwards: the next ask does the work again.</summary>
    public T Take(string key) => _items.TryRemove(key, out var item) ? Wait(item) : _work(key);

    /// <summary>Starts the background thread that <see cref="Queue"/> feeds.</summary>
    public void Start()
    {
        if (_started) return;
        _started = true;
        Task.Run(() =>
        {
            while (true)
            {
                while (_queue.TryDequeue(out var item)) Run(item);
                if (_complete && _queue.IsEmpty) return;
                _queued.Wait();
            }
        });
    }

    /// <summary>Queues work for the background thread, when one runs.</summary>
    public void Queue(string key)
    {
        if (!_started) return;
        _queue.Enqueue(_items.GetOrAdd(key, static k => new Item(k)));
        // A release wakes the background thread only when it sleeps; otherwise it costs no system call.
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    /// <summary>No more work will be queued: the background thread ends when it has done what is queued.</summary>
    public void Complete()
    {
        if (!_started) return;
        _complete = true;
        _queued.Release();
    }

    // Does the item's work here unless another thread has started it; true when this thread did it.
    private bool Run(Item item)
    {
        if (Interlocked.CompareExchange(ref item.State, Started, NotStarted) != NotStarted) return false;
        try { item.Result = _work(item.Key); }
        catch (Exception e) { item.Error = ExceptionDispatchInfo.Capture(e); }
        // Most items are never waited for, and a monitor costs a sync block per item: it is taken only when a waiter has
        // said so. Both sides use full fences (the exchange here, the increment in Wait), so either this thread sees the
        // waiter or the waiter sees Done.
        Interlocked.Exchange(ref item.State, Done);
        if (Volatile.Read(ref item.Waiters) > 0)
        {
            lock (item) Monitor.PulseAll(item);
        }
        return true;
    }

    private T Wait(Item item)
    {
        if (!Run(item))
        {
            // Another thread is on it: take queued work meanwhile, then wait for what is left of it.
            while (Volatile.Read(ref item.State) != Done && _queue.TryDequeue(out var other)) Run(other);
            if (Volatile.Read(ref item.State) != Done)
            {
                Interlocked.Increment(ref item.Waiters);
                lock (item)
                {
                    while (Volatile.Read(ref item.State) != Done) Monitor.Wait(item);
                }
            }
        }
        item.Error?.Throw();
        return item.Result!;
    }
}
