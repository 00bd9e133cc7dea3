using System.Collections.Concurrent;
using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

public sealed class WorkAheadTests
{
    [Fact]
    public void Each_key_is_worked_once_while_the_background_thread_and_two_askers_race()
    {
        var runs = new ConcurrentDictionary<string, int>();
        var ahead = new WorkAhead<string>(key =>
        {
            runs.AddOrUpdate(key, 1, (_, n) => n + 1);
            Thread.SpinWait(key.Length * 2000); // uneven work, so that the threads overtake each other
            return key.ToUpperInvariant();
        });
        var keys = Enumerable.Range(0, 400).Select(i => "key" + new string('x', i % 13) + i).ToList();
        ahead.Start();
        foreach (var key in keys) ahead.Queue(key);
        ahead.Complete();

        var forward = Task.Run(() => keys.Select(ahead.Get).ToList());
        var backward = Task.Run(() => Enumerable.Reverse(keys).Select(ahead.Get).ToList());
        Assert.Equal(keys.Select(k => k.ToUpperInvariant()), forward.Result);
        Assert.Equal(Enumerable.Reverse(keys).Select(k => k.ToUpperInvariant()), backward.Result);
        Assert.All(keys, k => Assert.Equal(1, runs[k]));
    }

    [Fact]
    public void TryGet_does_work_nobody_started_and_does_not_wait_for_work_under_way()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var ahead = new WorkAhead<string>(key =>
        {
            if (key == "slow") { started.Set(); release.Wait(); }
            return key.ToUpperInvariant();
        });
        Assert.True(ahead.TryGet("quick", out var quick));
        Assert.Equal("QUICK", quick);

        var slow = Task.Run(() => ahead.Get("slow"));
        started.Wait();
        Assert.False(ahead.TryGet("slow", out var none)); // under way on the other thread: no waiting
        Assert.Null(none);
        release.Set();
        Assert.Equal("SLOW", slow.GetAwaiter().GetResult());
        Assert.True(ahead.TryGet("slow", out var done));
        Assert.Equal("SLOW", done);
    }

    [Fact]
    public void Take_forgets_the_result_and_work_nobody_queued_is_done_by_the_asker()
    {
        int runs = 0;
        var ahead = new WorkAhead<int>(key => Interlocked.Increment(ref runs));
        Assert.Equal(1, ahead.Get("a"));
        Assert.Equal(1, ahead.Get("a"));
        Assert.Equal(1, ahead.Take("a"));
        Assert.Equal(2, ahead.Take("a"));
        Assert.Equal(2, runs);
    }

    [Fact]
    public void A_failure_reaches_every_asker_and_the_work_is_not_repeated()
    {
        int runs = 0;
        var ahead = new WorkAhead<int>(key =>
        {
            Interlocked.Increment(ref runs);
            throw new IOException("cannot read " + key);
        });
        ahead.Start();
        ahead.Queue("broken");
        ahead.Complete();
        Assert.Equal("cannot read broken", Assert.Throws<IOException>(() => ahead.Get("broken")).Message);
        Assert.Equal("cannot read broken", Assert.Throws<IOException>(() => ahead.Get("broken")).Message);
        Assert.Equal(1, runs);
    }
}
