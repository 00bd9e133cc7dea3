using System.Diagnostics;

namespace ConfLint.Cli;

/// <summary>
/// A checkout's launcher (./conflint) builds this program into .conflint-build/ and runs it with CONFLINT_CHECKOUT naming the
/// checkout. Before anything else the program checks, as the launcher once did with find(1), that no file under src/ or
/// rules/ (obj/ and bin/ left out) is newer than the build's stamp: a fraction of a millisecond here, where a find process
/// cost two at every run. When one is, the launcher runs again, told to rebuild, and its exit code is this run's.
/// </summary>
internal static class CheckoutBuild
{
    public const string CheckoutVariable = "CONFLINT_CHECKOUT";
    public const string RebuildVariable = "CONFLINT_REBUILD";

    /// <summary>The file in .conflint-build/ the launcher touches when a build is done (see ./conflint).</summary>
    public const string StampName = ".sources-stamp";

    /// <summary>The exit code of a rebuilt run when the checkout's sources are newer than this build; null to go on.</summary>
    public static int? RebuildIfStale(string[] args)
    {
        var checkout = Environment.GetEnvironmentVariable(CheckoutVariable);
        if (string.IsNullOrEmpty(checkout)) return null;
        if (NewerSource(checkout, Path.Combine(checkout, ".conflint-build", StampName)) is null) return null;
        var launcher = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        launcher.ArgumentList.Add(Path.Combine(checkout, "conflint"));
        foreach (var arg in args) launcher.ArgumentList.Add(arg);
        launcher.Environment.Remove(CheckoutVariable);
        launcher.Environment[RebuildVariable] = "1";
        try
        {
            using var process = Process.Start(launcher)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.Error.WriteLine($"conflint: the sources changed since this build, and the launcher could not rebuild it: {e.Message}");
            return Program.ExitUsage;
        }
    }

    /// <summary>
    /// The first regular file under <paramref name="checkout"/>'s src/ and rules/ modified after <paramref name="stamp"/>
    /// (obj/ and bin/ skipped, symlinks not followed); the stamp itself when it is missing; null when there is none.
    /// </summary>
    internal static string? NewerSource(string checkout, string stamp)
    {
        var built = new FileInfo(stamp);
        if (!built.Exists) return stamp;
        var since = built.LastWriteTimeUtc;
        foreach (var top in new[] { "src", "rules" })
            if (NewerIn(new DirectoryInfo(Path.Combine(checkout, top)), since) is { } newer) return newer;
        return null;
    }

    private static readonly EnumerationOptions Entries = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };

    private static string? NewerIn(DirectoryInfo directory, DateTime since)
    {
        if (!directory.Exists) return null;
        foreach (var entry in directory.EnumerateFileSystemInfos("*", Entries))
        {
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0) continue; // a symlink: find -type f does not take it
            if (entry is DirectoryInfo sub)
            {
                if (sub.Name is "obj" or "bin") continue;
                if (NewerIn(sub, since) is { } newer) return newer;
            }
            else if (entry.LastWriteTimeUtc > since) return entry.FullName;
        }
        return null;
    }
}
