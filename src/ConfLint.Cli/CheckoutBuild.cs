using System.Diagnostics;
using ConfLint.Jail;

namespace ConfLint.Cli;

/// <summary>
/// A checkout's launcher (./conflint) builds this program into .conflint-build/ and runs it with CONFLINT_CHECKOUT naming the
/// checkout. The program checks that no file under src/ or rules/ (obj/ and bin/ left out) is newer than the build's stamp,
/// as `find src rules ( -name obj -o -name bin ) -prune -o -type f -newer STAMP` would, on another thread while it starts
/// (about a millisecond, where a find process in the launcher cost two at every run), and waits for the answer before the
/// command runs. When a source is newer, the launcher runs again, told to rebuild, and its exit code is this run's.
/// </summary>
internal static class CheckoutBuild
{
    public const string CheckoutVariable = "CONFLINT_CHECKOUT";
    public const string RebuildVariable = "CONFLINT_REBUILD";

    /// <summary>The file in .conflint-build/ the launcher touches when a build is done (see ./conflint).</summary>
    public const string StampName = ".sources-stamp";

    /// <summary>
    /// Starts the check of the checkout's sources on another thread (the program's own start leaves a core idle), or null
    /// when the program was not started by a checkout's launcher. Its result is the first newer source, null when none is:
    /// then <see cref="Rebuild"/> must run instead of this build, before anything is written or done.
    /// </summary>
    public static Task<string?>? Start()
    {
        var checkout = Environment.GetEnvironmentVariable(CheckoutVariable);
        if (string.IsNullOrEmpty(checkout)) return null;
        return Task.Run(() => NewerSource(checkout, Path.Combine(checkout, ".conflint-build", StampName)));
    }

    /// <summary>Runs the checkout's launcher, told to rebuild, with these arguments; its exit code.</summary>
    public static int Rebuild(string[] args)
    {
        var checkout = Environment.GetEnvironmentVariable(CheckoutVariable)!;
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
        if (!PosixFiles.ModificationTime(PosixFiles.CurrentDirectory, stamp, out _, out var seconds, out var nanoseconds)) return stamp;
        foreach (var top in new[] { "src", "rules" })
        {
            var path = Path.Combine(checkout, top);
            int fd = PosixFiles.OpenDirectory(path, default);
            if (fd < 0) continue;
            try
            {
                if (NewerIn(fd, path, seconds, nanoseconds) is { } newer) return newer;
            }
            finally
            {
                PosixFiles.Close(fd);
            }
        }
        return null;
    }


    // Read as the jail walks read: by descriptor, getdents saying which entries are directories, a statx for each file.
    private static string? NewerIn(int directory, string path, long seconds, uint nanoseconds)
    {
        if (PosixFiles.ReadDirectoryEntries(directory) is not { } entries) return null;
        foreach (var (name, entryType) in entries)
        {
            if (name is "obj" or "bin") continue;
            // A directory as getdents says needs no statx; a file is stat'ed for its time (and anything unsaid for its type).
            uint type = entryType == PosixFiles.DirectoryEntryType ? FileStatus.Directory : 0;
            long s = 0;
            uint ns = 0;
            if (type == 0 && !PosixFiles.ModificationTime(directory, name, out type, out s, out ns)) continue;
            if (type == FileStatus.Directory)
            {
                int child = PosixFiles.OpenDirectoryAt(directory, name);
                if (child < 0) continue;
                try
                {
                    if (NewerIn(child, path + "/" + name, seconds, nanoseconds) is { } newer) return newer;
                }
                finally
                {
                    PosixFiles.Close(child);
                }
            }
            else if (type == FileStatus.RegularFile && (s > seconds || (s == seconds && ns > nanoseconds)))
            {
                return path + "/" + name;
            }
        }
        return null;
    }
}
