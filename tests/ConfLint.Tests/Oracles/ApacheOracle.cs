using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// What `apache2 -t` decided about a configuration: accepted ("Syntax OK", exit 0), or rejected
/// with the first error's file (as a host path of the tree) and line. A rejection httpd gives no
/// location for (AH00534 "No MPM loaded", AH00543 "bad user name") has File and Line null.
/// </summary>
public sealed record ApacheVerdict(bool Accepted, string? File, int? Line, string Message)
{
    public static ApacheVerdict Ok { get; } = new(true, null, null, "Syntax OK");

    public static ApacheVerdict RejectedAt(string? file, int? line, string message) => new(false, file, line, message);

    /// <summary>
    /// Every "Syntax error on line N of F" httpd printed, outermost (the main file's Include line) first.
    /// </summary>
    public IReadOnlyList<(string File, int Line)> Chain { get; init; } = Array.Empty<(string, int)>();

    /// <summary>
    /// httpd cut its message short (it formats errors into a fixed buffer: an include recursion
    /// 128 levels deep overflows it), so the innermost location is not known; File/Line are the
    /// innermost printed in full, and any location of <see cref="Chain"/> is taken as agreeing.
    /// </summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// Other locations that name the same error equally well: for an error inside a mod_macro
    /// expansion (located at the macro's body line), the `Use` line that expanded it.
    /// </summary>
    public IReadOnlyList<(string File, int Line)> Alternatives { get; init; } = Array.Empty<(string, int)>();

    /// <summary>Same accept/reject decision and, for a rejection, the same first error file and line.</summary>
    public bool Agrees(ApacheVerdict other)
    {
        if (Accepted != other.Accepted) return false;
        if (Accepted) return true;
        if (File == other.File && Line == other.Line) return true;
        if (Alternatives.Contains((other.File ?? "", other.Line ?? 0)) || other.Alternatives.Contains((File ?? "", Line ?? 0))) return true;
        if (Truncated) return Chain.Contains((other.File ?? "", other.Line ?? 0));
        if (other.Truncated) return other.Chain.Contains((File ?? "", Line ?? 0));
        return false;
    }

    public string Where => Accepted ? "accepted" : $"rejected at {File ?? "?"}:{(Line is int l ? l.ToString() : "?")}{(Truncated ? " (message truncated by httpd)" : "")}";

    public override string ToString() => Accepted ? "accepted" : $"{Where}: {Message}";
}

/// <summary>One `apache2 -t` run over a host tree.</summary>
public sealed record ApacheCheck
{
    public required HostTree Tree { get; init; }

    /// <summary>Host path of the main configuration file (given to -f). Verdicts name files by <see cref="HostTree.DisplayPath"/>.</summary>
    public required string MainConfig { get; init; }

    /// <summary>Host path of ServerRoot (given to -d); default: the main file's directory.</summary>
    public string? ServerRoot { get; init; }

    /// <summary>Names given as -D NAME.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>Host path of a shell file of exports sourced first (Debian's /etc/apache2/envvars), or null.</summary>
    public string? EnvVarsFile { get; init; }

    /// <summary>
    /// Resolve user and group names from the tree's etc/passwd and etc/group (libnss_wrapper)
    /// rather than this machine's; null = when the tree has both files.
    /// </summary>
    public bool? UseTreeUsers { get; init; }

    public string EffectiveServerRoot => ServerRoot ?? MainConfig[..Math.Max(1, MainConfig.LastIndexOf('/'))];
}

/// <summary>The raw outcome of one run: the parsed verdict, the exit code and what httpd printed.</summary>
public sealed record ApacheOutcome(ApacheVerdict Verdict, int ExitCode, string Stderr, IReadOnlyList<string> UndefinedVariables);

/// <summary>
/// Runs the real httpd (`apache2 -t -f FILE -d SERVERROOT`) over host trees and parses its verdict.
/// At most <see cref="MaxParallel"/> apache2 processes run at once across the whole test run.
/// The process gets a clean environment (PATH, LANG=C, plus the envvars file's exports), so that
/// `${VAR}` lookups only see what the tree defines.
/// </summary>
public static class ApacheOracle
{
    public const int MaxParallel = 2;

    private static readonly SemaphoreSlim Gate = new(MaxParallel);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] NssWrapperCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so", "/usr/lib/aarch64-linux-gnu/libnss_wrapper.so",
        "/usr/lib64/libnss_wrapper.so", "/usr/lib/libnss_wrapper.so",
    };

    /// <summary>The apache2 binary (skips, or fails under CI=true, when httpd is not installed).</summary>
    public static string Require() => Oracle.Require("apache2");

    /// <summary>libnss_wrapper, needed when a tree brings its own users.</summary>
    public static string RequireNssWrapper() => Oracle.RequireFile(NssWrapperCandidates);

    /// <summary>Runs every check, <see cref="MaxParallel"/> at a time, results in input order.</summary>
    public static IReadOnlyList<ApacheOutcome> CheckAll(IReadOnlyList<ApacheCheck> checks)
    {
        var results = new ApacheOutcome[checks.Count];
        Parallel.For(0, checks.Count, new ParallelOptions { MaxDegreeOfParallelism = MaxParallel }, i => results[i] = Check(checks[i]));
        return results;
    }

    /// <summary>
    /// The configuration files httpd reads, in its read order (`apache2 -t -D DUMP_INCLUDES`),
    /// named as verdicts name them; empty when httpd rejects the configuration.
    /// </summary>
    public static IReadOnlyList<string> IncludedFiles(ApacheCheck check)
    {
        var outcome = Check(check with { Defines = check.Defines.Append("DUMP_INCLUDES").ToList() });
        return DumpedInclude.Matches(outcome.Stderr).Select(m => check.Tree.DisplayPath(m.Groups[1].Value.Trim())).Distinct().ToList();
    }

    private static readonly Regex DumpedInclude = new(@"^\s+\((?:\*|\d+)\) (.+)$", RegexOptions.Compiled | RegexOptions.Multiline);

    public static ApacheOutcome Check(ApacheCheck check)
    {
        var apache2 = Require();
        var tree = check.Tree;
        var passwd = tree.UnderRoot("etc/passwd");
        var group = tree.UnderRoot("etc/group");
        var useUsers = check.UseTreeUsers ?? (File.Exists(passwd) && File.Exists(group));

        var arguments = new List<string> { "-t", "-d", tree.RealPath(check.EffectiveServerRoot), "-f", tree.RealPath(check.MainConfig) };
        foreach (var define in check.Defines) { arguments.Add("-D"); arguments.Add(define); }

        var start = new ProcessStartInfo
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = tree.Root,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["LANG"] = "C";
        if (useUsers)
        {
            start.Environment["LD_PRELOAD"] = RequireNssWrapper();
            start.Environment["NSS_WRAPPER_PASSWD"] = passwd;
            start.Environment["NSS_WRAPPER_GROUP"] = group;
        }
        if (check.EnvVarsFile is not null)
        {
            // sh -c 'set -a; . ENVVARS; exec apache2 …': the exports are sourced exactly as apache2ctl does.
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("set -a; . \"$0\"; exec \"$@\"");
            start.ArgumentList.Add(tree.RealPath(check.EnvVarsFile));
            start.ArgumentList.Add(apache2);
        }
        else
        {
            start.FileName = apache2;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        Gate.Wait();
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + apache2);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"apache2 -t did not finish within {Timeout.TotalSeconds}s on {check.MainConfig} in {tree.Root}");
            }
            process.WaitForExit();
            var err = stderr.Result + stdout.Result;
            return new ApacheOutcome(ParseVerdict(process.ExitCode, err, tree.DisplayPath), process.ExitCode, err, ParseUndefinedVariables(err));
        }
        finally
        {
            Gate.Release();
        }
    }

    // "apache2: Syntax error on line 5 of /a.conf: Syntax error on line 1 of /b.conf: MESSAGE" (read phase,
    // one nesting level per Include) or "AH00526: Syntax error on line 5 of /a.conf:\nMESSAGE" (walk phase).
    private static readonly Regex SyntaxErrorPrefix = new(@"^Syntax error on line (\d+) of (.+?):(?: |\n|$)", RegexOptions.Compiled);

    // "/a.conf:5: <Directory> was not closed." — the open line of the unclosed section.
    private static readonly Regex EmbeddedLocation = new(@"^(/[^\n:]*):(\d+): ", RegexOptions.Compiled);

    private static readonly Regex EmbeddedLine = new(@"\G:(\d+): ", RegexOptions.Compiled);

    // mod_macro names the lines of an expansion: `macro 'name' (defined on line D of "F") used on line U of "G"`, line L = body line L.
    private static readonly Regex MacroPseudoFile = new(@"^macro '[^']*' \(defined on line (\d+) of ""([^""]*)""\) used on line (\d+) of ""([^""]*)""$", RegexOptions.Compiled);

    /// <summary>
    /// A file and line as httpd names them, as a display location; a macro expansion's line is the
    /// macro body's line in its definition file, with the Use line as the alternative.
    /// </summary>
    private static (string File, int Line) Locate(string rawFile, int line, Func<string, string?> displayPath, out (string, int)? alternative)
    {
        alternative = null;
        var macro = MacroPseudoFile.Match(rawFile);
        if (!macro.Success) return (displayPath(rawFile) ?? rawFile, line);
        var definedIn = macro.Groups[2].Value;
        var usedIn = macro.Groups[4].Value;
        alternative = (displayPath(usedIn) ?? usedIn, int.Parse(macro.Groups[3].Value));
        return (displayPath(definedIn) ?? definedIn, int.Parse(macro.Groups[1].Value) + line);
    }

    private static readonly Regex UndefinedVariable = new(@"AH00111: Config variable \$\{([^}]*)\} is not defined", RegexOptions.Compiled);

    /// <summary>
    /// Parses `apache2 -t` output. The location is the innermost "Syntax error on line N of F"
    /// (httpd nests one per Include level), refined by an embedded "F:N:" (the open line of an
    /// unclosed section). <paramref name="displayPath"/> maps httpd's real paths to the names
    /// verdicts compare (<see cref="HostTree.DisplayPath"/>; null keeps the path).
    /// </summary>
    public static ApacheVerdict ParseVerdict(int exitCode, string output, Func<string, string?> displayPath)
    {
        var lines = output.Replace("\r\n", "\n").Split('\n');
        if (exitCode == 0 && lines.Any(l => l.Trim() == "Syntax OK")) return ApacheVerdict.Ok;

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int at = line.IndexOf("Syntax error on line ", StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = line[at..];
            // Walk-phase shape: the message is on the following line(s).
            if (rest.EndsWith(':') && i + 1 < lines.Length) rest += "\n" + string.Join("\n", lines.Skip(i + 1)).TrimEnd();

            string? rawFile = null;
            int? number = null;
            var chain = new List<(string, int)>();
            Match m;
            while ((m = SyntaxErrorPrefix.Match(rest)).Success)
            {
                number = int.Parse(m.Groups[1].Value);
                rawFile = m.Groups[2].Value;
                chain.Add(Locate(rawFile, number.Value, displayPath, out _));
                rest = rest[m.Length..];
            }
            bool truncated = rest.StartsWith("Syntax error on line", StringComparison.Ordinal);
            // "F:N: <Directory> was not closed." names the open line, F being the file just named
            // (a real path, or a macro expansion's pseudo file).
            var embedded = rawFile is not null && rest.StartsWith(rawFile + ":", StringComparison.Ordinal)
                ? EmbeddedLine.Match(rest, rawFile.Length)
                : Match.Empty;
            if (embedded.Success)
            {
                number = int.Parse(embedded.Groups[1].Value);
            }
            else if (EmbeddedLocation.Match(rest) is { Success: true } other)
            {
                rawFile = other.Groups[1].Value;
                number = int.Parse(other.Groups[2].Value);
            }
            if (rawFile is null) return ApacheVerdict.RejectedAt(null, number, rest.Trim()) with { Chain = chain, Truncated = truncated };
            var (file, lineNumber) = Locate(rawFile, number ?? 0, displayPath, out var alternative);
            return ApacheVerdict.RejectedAt(file, lineNumber, rest.Trim()) with
            {
                Chain = chain,
                Truncated = truncated,
                Alternatives = alternative is { } a ? new[] { a } : Array.Empty<(string, int)>(),
            };
        }

        var message = lines.Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && !l.Contains(":warn]") && !l.StartsWith("AH00558", StringComparison.Ordinal))
            ?? $"exit code {exitCode}";
        if (exitCode == 0) return ApacheVerdict.RejectedAt(null, null, "exit 0 without \"Syntax OK\": " + message);
        return ApacheVerdict.RejectedAt(null, null, message);
    }

    /// <summary>The names httpd warned about with AH00111 (`${NAME}` not defined), in order, each once.</summary>
    public static IReadOnlyList<string> ParseUndefinedVariables(string output) =>
        UndefinedVariable.Matches(output).Select(m => m.Groups[1].Value).Distinct().ToList();
}
