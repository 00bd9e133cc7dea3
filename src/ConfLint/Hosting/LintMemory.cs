using System.Runtime;

namespace ConfLint.Hosting;

/// <summary>
/// How a lint process uses memory. A run is one short process, and most of what a lint allocates (the syntax trees,
/// the model, the walks) stays alive until the report is written: collecting it would only copy it from generation to
/// generation. So the first allocations are made without any collection, in memory the runtime commits up front, and
/// that memory is backed by transparent huge pages where the kernel offers them.
/// </summary>
public static class LintMemory
{
    // 128 MB covers a host of some 4,000 sites (1,000 allocate about 30 MB); a larger one's region grows (GrowRegion).
    private const long AllocatedBeforeFirstCollection = 128L << 20;

    // Of which large objects (85 kB and more: the directive table's text, the arrays of a large host's walk) take little.
    // Asked for without a share of its own, the region reserves as much again for them, and committing that cost 0.4 ms
    // of every start.
    private const long LargeObjectsBeforeFirstCollection = 16L << 20;

    // A large host is let run on without collection while its heap stays under this (or under half the memory the process
    // may use, when that is less): 10,000 sites of the benchmark's kind allocate about 265 MB in all, and the process's
    // peak is some 20 MB above its heap. Past it, the run is collected as usual.
    private const long HeapWithoutCollectionLimit = 280L << 20;

    /// <summary>Call first thing in the process, before the run allocates.</summary>
    public static void Prepare()
    {
        if (!StartRegion(AllocatedBeforeFirstCollection, LargeObjectsBeforeFirstCollection, disallowFullBlockingGC: false)) return;
        // Most runs end well inside the region. One that has taken three quarters of it is a large host's, and collecting a
        // large host's model as it grows costs more than building it (10,000 sites: some 500 ms of pauses, as each
        // collection copies or marks the model built so far). So the region then grows to the limit, on the finalizer
        // thread, with no collection: committing the memory for it took 0.3 ms.
        try { GC.RegisterNoGCRegionCallback(AllocatedBeforeFirstCollection * 3 / 4, GrowRegion); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException or PlatformNotSupportedException)
        {
            // No growth: a large host is collected as usual past the region.
        }
        if (OperatingSystem.IsLinux()) AdviseHugePages();
    }

    private static void GrowRegion()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        long limit = Math.Min(HeapWithoutCollectionLimit, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);
        long room = limit - GC.GetTotalMemory(forceFullCollection: false);
        if (room <= AllocatedBeforeFirstCollection / 4 + LargeObjectsBeforeFirstCollection) return; // no more than is left
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { return; } // ended meanwhile: collected as usual
        // Without a full collection: when the memory cannot simply be committed, the run is collected as usual instead.
        // Large objects are given a quarter of the room besides (a host in one large apache2.conf took more than 16 MB of
        // them; the region ends when either share runs out): they are few, so the heap stays near the limit, and memory
        // committed but never touched costs nothing resident.
        StartRegion(room - LargeObjectsBeforeFirstCollection, Math.Max(LargeObjectsBeforeFirstCollection, room / 4), disallowFullBlockingGC: true);
    }

    // The region holds smallObjects + largeObjects bytes, of which large objects (85 kB and more) may take largeObjects.
    private static bool StartRegion(long smallObjects, long largeObjects, bool disallowFullBlockingGC)
    {
        try
        {
            if (!GC.TryStartNoGCRegion(smallObjects + largeObjects, largeObjects, disallowFullBlockingGC)) return false;
        }
        catch (ArgumentOutOfRangeException) { return false; } // a runtime whose youngest generation cannot hold that much: collect as usual
        // Starting a region counts as a collection (an empty heap's, or none at all when it grows): the run's own are counted from here.
        _before = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        return true;
    }

    private static (int Collections, TimeSpan Paused) _before;

    /// <summary>
    /// The garbage collections of the run so far (those since the no-GC region began, none while it is still on) and the
    /// time they paused it.
    /// </summary>
    public static (int Collections, TimeSpan Paused) Collections =>
        GCSettings.LatencyMode == GCLatencyMode.NoGCRegion
            ? (0, TimeSpan.Zero)
            : (GC.CollectionCount(0) - _before.Collections, GC.GetTotalPauseDuration() - _before.Paused);

    // Every allocation in the region lands on a page never touched before, and with 4 KiB pages a lint of 1,000 sites
    // takes some 19,000 page faults, about a sixth of its time (measured: 120 ms against 106 ms with huge pages). The GC
    // reserves its whole heap range up front and commits regions inside it as it goes, not all of them in one mapping:
    // the advice goes to the reserved range around a freshly allocated object, so it also holds for the regions
    // committed there later (page faults at 1,000 sites: 3,800 with the first committed mapping advised, 2,200 so).
    // Only within HugePageWindow of that object: the range can run on into the runtime's bookkeeping beside the heap,
    // whose sparse pages should stay small; and a large host, collected as usual past the region, keeps small pages
    // further out (its peak did not move at 10,000 sites). The advice changes nothing when THP is off ("never") or
    // already on for everything ("always"); on any failure the run goes on with small pages.
    private static unsafe void AdviseHugePages()
    {
        try
        {
            var probe = new byte[1];
            long address;
            fixed (byte* p = probe) address = (long)p;
            if (HeapRangeAround(address, File.ReadLines("/proc/self/maps"), HugePageWindow) is var (start, length))
                Jail.PosixFiles.AdviseHugePages(start, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Small pages, then.
        }
    }

    internal const long HugePageWindow = 256L << 20;

    /// <summary>
    /// The private anonymous memory around <paramref name="address"/> (committed or only reserved), from the lines of
    /// /proc/PID/maps: the unbroken run of such mappings that holds it, cut to <paramref name="window"/> bytes either side
    /// of it; null when the address is not in such a mapping.
    /// </summary>
    internal static (long Start, long Length)? HeapRangeAround(long address, IEnumerable<string> maps, long window)
    {
        long runStart = -1, runEnd = -1;
        bool holds = false;
        foreach (var line in maps)
        {
            if (ParseAnonymous(line) is not var (start, end))
            {
                if (holds) break;
                runStart = runEnd = -1;
                continue;
            }
            if (start != runEnd)
            {
                if (holds) break; // the run that holds the address ended at a gap
                runStart = start;
            }
            runEnd = end;
            if (address >= start && address < end) holds = true;
        }
        if (!holds) return null;
        const long Page = 4096;
        long from = Math.Max(runStart, (address - window) & ~(Page - 1));
        long to = Math.Min(runEnd, (address + window) & ~(Page - 1));
        return to > from ? (from, to - from) : null;
    }

    // "start-end perms offset dev inode [path]", addresses in hex: the range of a private mapping with no file or name
    // behind it (the heap's reserved and committed parts alike), else null.
    private static (long Start, long End)? ParseAnonymous(string line)
    {
        int dash = line.IndexOf('-'), space = line.IndexOf(' ');
        if (dash <= 0 || space < dash) return null;
        if (!long.TryParse(line.AsSpan(0, dash), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var start)
            || !long.TryParse(line.AsSpan(dash + 1, space - dash - 1), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var end))
            return null;
        // perms (private: "rw-p", "---p"), offset, dev, inode 0, and no path.
        var words = line[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 4 && words[0].Length == 4 && words[0][3] == 'p' && words[3] == "0" ? (start, end) : null;
    }
}
