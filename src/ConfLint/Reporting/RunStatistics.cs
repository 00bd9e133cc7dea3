using System.Globalization;
using ConfLint.Hosting;

namespace ConfLint.Reporting;

/// <summary>
/// What a lint cost (`conflint lint --stats`, on standard error): what it read, how long it took, what it allocated, the
/// garbage collections it ran (none when it stayed in its no-GC region: <see cref="LintMemory"/>) and the process's
/// peak resident memory.
/// </summary>
public static class RunStatistics
{
    public static string Describe(LintResult result, TimeSpan elapsed)
    {
        var compilation = result.Compilation;
        int vhosts = 0, jails = 0;
        foreach (var model in compilation.InputsOf<Hosting.Model.HostModel>())
        {
            vhosts += model.VirtualHosts.Count(v => v.Section is not null);
            jails += model.Jails.Count;
        }
        var (collections, paused) = LintMemory.Collections;
        var gc = collections == 0
            ? "no garbage collection"
            : $"{Plural(collections, "garbage collection")} ({paused.TotalMilliseconds:F0} ms paused)";
        var peak = PeakResidentBytes() is { } bytes ? $"; peak {Megabytes(bytes)} MB resident" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"conflint: {Plural(compilation.Sources.Count, "file")} read, {Plural(vhosts, "vhost")}, {Plural(jails, "jail")} in {elapsed.TotalSeconds:F3} s; {Megabytes(GC.GetTotalAllocatedBytes())} MB allocated, {gc}{peak}");
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static long Megabytes(long bytes) => (bytes + (1 << 19)) >> 20;

    // VmHWM in /proc/self/status (Linux): the most the process has had resident.
    private static long? PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }
}
