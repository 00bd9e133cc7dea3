using System.Text.RegularExpressions;
using ConfLint.Analyzers.Input;
using ConfLint.Analyzers.PhpIni;
using ConfLint.Diagnostics;
using ConfLint.Syntax.Ini;
using ConfLint.Syntax.Passwd;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>
/// Reads a php-fpm configuration (php-fpm.conf with its includes, or a lone pool file) into an
/// <see cref="FpmConfig"/>. Unless --no-disk, directories are checked under --root and the
/// pool users and groups are looked up in the host's /etc/passwd and /etc/group, as php-fpm
/// does with getpwnam/getgrnam.
/// </summary>
public sealed partial class FpmFrontEnd : IFrontEnd
{
    public InputKind Kind => InputKind.Fpm;

    [GeneratedRegex(@"^\s*(\[global\]|pm\s*=|listen\s*=|pm\.max_children\s*=)", RegexOptions.Multiline | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FpmContent();

    [GeneratedRegex(@"on line (\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PhpLine();

    public int Recognize(string hostPath, SourceText text)
    {
        var name = Path.GetFileName(hostPath);
        var dir = Path.GetFileName(Path.GetDirectoryName(hostPath) ?? "");
        if (name is "php-fpm.conf" or "www.conf" || name.StartsWith("php-fpm", StringComparison.Ordinal) && name.EndsWith(".conf", StringComparison.Ordinal)) return 2;
        if (dir is "pool.d" or "php-fpm.d" && name.EndsWith(".conf", StringComparison.Ordinal)) return 2;
        return FpmContent().IsMatch(text.Text) ? 1 : 0;
    }

    public void Load(Compilation compilation, string hostPath, LintRequest request) =>
        Load(compilation, hostPath, request, compilation.InputsOf<PasswdFile>().FirstOrDefault(), compilation.InputsOf<GroupFile>().FirstOrDefault());

    /// <param name="knownUsers">The host's users as already read (the hosting model loads them first); null: read quietly from /etc/passwd.</param>
    /// <param name="knownGroups">Likewise for /etc/group.</param>
    internal void Load(Compilation compilation, string hostPath, LintRequest request, PasswdFile? knownUsers, GroupFile? knownGroups)
    {
        var fs = compilation.FileSystem;
        var options = new FpmLoadOptions { CheckDisk = !request.NoDisk };
        if (!request.NoDisk)
        {
            var users = knownUsers ?? (ReadQuietly(fs, "/etc/passwd") is { } passwd ? PasswdFile.Parse(passwd) : null);
            var groups = knownGroups ?? (ReadQuietly(fs, "/etc/group") is { } group ? GroupFile.Parse(group) : null);
            options = options with
            {
                UserExists = name => users is null ? null : users.FindUser(name) is not null,
                GroupExists = name => groups is null ? null : groups.FindGroup(name) is not null,
            };
        }
        var config = FpmLoader.Load(fs, hostPath, compilation.Diagnostics, options);
        if (config is null) return;
        if (!request.NoDisk && !fs.FileExists("/etc/passwd") && config.Pools.Any(p => p.Get("user") is not null))
        {
            var at = config.Pools.First(p => p.Get("user") is not null).Get("user")!.ValueLocation;
            compilation.Diagnostics.ReportOnce("CL0004:fpm:/etc/passwd", Diagnostic.Create(CL0004CheckNeedsMissingFact.Rule, at,
                "php-fpm pool users and groups were not checked: there is no /etc/passwd under the root"));
        }
        foreach (var file in config.Files) compilation.AddSource(file.Source);
        // FPM hands each line to the INI parser on its own: a syntax error rejects the whole configuration.
        foreach (var problem in config.Problems.Where(p => p.Phase == FpmProblemPhase.Syntax))
        {
            var diagnostic = Diagnostic.Create(CL4002PhpIniMustParse.Rule, problem.Location, problem.Message.Replace("syntax error in the php-fpm configuration: ", ""),
                "Unknown", PhpLine().Match(problem.EngineMessage) is { Success: true } m ? m.Groups[1].Value : "1",
                "php-fpm parses each line on its own and refuses to start on this one")
                .WithIncludeChain(problem.IncludeChain) with { EngineOrder = problem.Order };
            compilation.Diagnostics.Add(diagnostic);
        }
        compilation.AddInput(config);
    }

    private static SourceText? ReadQuietly(HostFileSystem fs, string hostPath) =>
        fs.FileExists(hostPath) ? fs.ReadText(hostPath, new DiagnosticBag()) : null;
}
