using ConfLint.Analyzers.Input;
using ConfLint.Diagnostics;
using ConfLint.Text;

namespace ConfLint.Hosting;

/// <summary>What one run produced: the compilation (everything read) and the findings.</summary>
public sealed record LintResult(Compilation Compilation, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ResolvedInput> Inputs)
{
    /// <summary>True when a file or directory named on the command line could not be read or is not text (exit code 3).</summary>
    public bool NamedInputFailed => Inputs.Any(i => i.Failed);
}

/// <summary>An input as resolved from the command line: the host path to read and how.</summary>
public sealed record ResolvedInput(string Argument, string HostPath, InputKind Kind)
{
    public bool Failed { get; init; }
}

/// <summary>
/// Resolves the command line's paths into host inputs, reads each with its front end, and runs
/// the analyzers. A path may be a file; a directory that is a host tree (it holds
/// etc/apache2/apache2.conf or etc/httpd/conf/httpd.conf, and is then also the root); a directory
/// that holds apache2.conf or httpd.conf; or nothing (the host's own Apache configuration).
/// </summary>
public static class LintRunner
{
    /// <summary>Where distributions keep httpd's main configuration, in the order they are tried.</summary>
    public static readonly string[] MainConfigCandidates = { "/etc/apache2/apache2.conf", "/etc/httpd/conf/httpd.conf" };

    public static LintResult Run(LintRequest request)
    {
        Syntax.Apache.ApacheDirectiveDictionary.LoadInBackground();
        // The jail rules will read every jail on disk: the model walks each as it builds the vhosts, and asks the walks.
        var compilation = Load(request, out var inputs, walkJails: !request.NoDisk);
        return new LintResult(compilation, compilation.Analyze(), inputs);
    }

    /// <summary>Reads every input into a compilation without analysing it (used by `dump` and `model`).</summary>
    public static Compilation Load(LintRequest request, out IReadOnlyList<ResolvedInput> inputs, bool walkJails = false)
    {
        var root = ResolveRoot(request);
        var fileSystem = new HostFileSystem(root);
        var compilation = new Compilation(fileSystem, new Analyzers.AnalysisOptions { NoDisk = request.NoDisk });
        var resolved = new List<ResolvedInput>();
        Model.HostFilesAhead? filesAhead = null;
        foreach (var input in ResolveInputs(request, fileSystem, compilation.Diagnostics))
        {
            // A host's Apache configuration will be bound to its users and PHP-FPM pools: they are read meanwhile.
            if (filesAhead is null && input is { Kind: InputKind.Apache, Failed: false })
                filesAhead = Model.HostFilesAhead.Start(fileSystem, compilation.Options, request.Hosting, request, readFpm: request.FpmConfigs.Count == 0);
            resolved.Add(LoadInput(compilation, input, request));
        }
        inputs = resolved;
        foreach (var fpm in request.FpmConfigs)
            FrontEnds.For(InputKind.Fpm)?.Load(compilation, fpm.StartsWith('/') ? fpm : Path.GetFullPath(fpm), request);
        // A whole host: bind the Apache configuration to users, jails, wrappers and php.ini.
        foreach (var apache in compilation.InputsOf<Syntax.Apache.ApacheConfiguration>().Where(a => !a.IsHtaccess).ToList())
        {
            compilation.AddInput(Model.HostModelBuilder.Build(compilation, apache, request.Hosting, request, walkJails, filesAhead));
            filesAhead = null;
        }
        return compilation;
    }

    /// <summary>--root wins; else a single path argument that is a host tree is the root; else "/".</summary>
    public static string ResolveRoot(LintRequest request)
    {
        if (!string.IsNullOrEmpty(request.Root)) return request.Root!;
        foreach (var path in request.Paths)
        {
            if (Directory.Exists(path) && MainConfigCandidates.Any(c => File.Exists(path.TrimEnd('/') + c)))
                return path;
        }
        return "/";
    }

    private static IEnumerable<ResolvedInput> ResolveInputs(LintRequest request, HostFileSystem fs, DiagnosticBag diagnostics)
    {
        if (request.Paths.Count == 0)
        {
            var main = MainConfigCandidates.FirstOrDefault(fs.FileExists);
            if (main is null)
            {
                yield return new ResolvedInput("", MainConfigCandidates[0], InputKind.Apache) { Failed = true };
                diagnostics.Report(CL0001InputMustBeReadable.Rule, Location.ForFile(fs.ToRealPath(MainConfigCandidates[0]), MainConfigCandidates[0]),
                    string.Join(" or ", MainConfigCandidates), "no Apache configuration found; name a file or directory to lint");
                yield break;
            }
            yield return new ResolvedInput("", main, InputKind.Apache);
            yield break;
        }

        foreach (var argument in request.Paths)
        {
            var hostPath = ToHostPath(argument, fs);
            if (hostPath is null)
            {
                var full = Path.GetFullPath(argument);
                diagnostics.Report(CL0001InputMustBeReadable.Rule, Location.ForFile(full), argument, $"it lies outside --root {fs.Root}");
                yield return new ResolvedInput(argument, full, request.Kind) { Failed = true };
                continue;
            }
            if (fs.DirectoryExists(hostPath))
            {
                // A host tree (its root is the sysroot) or a directory holding the main file.
                var inside = MainConfigCandidates.Select(c => hostPath == "/" ? c : hostPath + c)
                    .Concat(new[] { hostPath.TrimEnd('/') + "/apache2.conf", hostPath.TrimEnd('/') + "/httpd.conf" })
                    .FirstOrDefault(fs.FileExists);
                if (inside is not null)
                {
                    yield return new ResolvedInput(argument, inside, request.Kind == InputKind.Auto ? InputKind.Apache : request.Kind);
                    continue;
                }
                diagnostics.Report(CL0001InputMustBeReadable.Rule, Location.ForFile(fs.ToRealPath(hostPath), hostPath), argument,
                    "is a directory, and it holds no etc/apache2/apache2.conf, etc/httpd/conf/httpd.conf, apache2.conf or httpd.conf");
                yield return new ResolvedInput(argument, hostPath, request.Kind) { Failed = true };
                continue;
            }
            yield return new ResolvedInput(argument, hostPath, request.Kind);
        }
    }

    /// <summary>
    /// The host path for a command-line path: a real path inside the root maps to its host path;
    /// with a sysroot, an absolute path that exists under it is taken as a host path.
    /// </summary>
    private static string? ToHostPath(string argument, HostFileSystem fs)
    {
        if (!fs.IsSysroot) return Path.GetFullPath(argument);
        var full = Path.GetFullPath(argument);
        var inside = fs.ToHostPath(full);
        if (inside is not null) return inside;
        if (argument.StartsWith('/') && fs.Exists(argument)) return HostFileSystem.NormalizeHostPath(argument);
        return null;
    }

    private static ResolvedInput LoadInput(Compilation compilation, ResolvedInput input, LintRequest request)
    {
        if (input.Failed) return input;
        var diagnostics = compilation.Diagnostics;
        int before = diagnostics.Count;
        var kind = input.Kind;
        if (kind == InputKind.Auto)
        {
            var text = compilation.FileSystem.ReadText(input.HostPath, diagnostics);
            if (text is null) return input with { Failed = true };
            kind = Recognize(input.HostPath, text);
            if (kind == InputKind.Auto)
            {
                diagnostics.Report(CL0004CheckNeedsMissingFact.Rule, Location.ForFile(text.Path, input.HostPath),
                    $"not checked: cannot tell what kind of file '{input.HostPath}' is; name it with --kind (apache, htaccess, php-ini, fpm, wrapper, passwd, group)");
                return input;
            }
        }
        var frontEnd = FrontEnds.For(kind);
        if (frontEnd is null)
        {
            diagnostics.Report(CL0004CheckNeedsMissingFact.Rule, Location.ForFile(compilation.FileSystem.ToRealPath(input.HostPath), input.HostPath),
                $"not checked: no reader for {kind} files is available");
            return input with { Kind = kind };
        }
        frontEnd.Load(compilation, input.HostPath, request);
        var real = compilation.FileSystem.ToRealPath(input.HostPath);
        bool failed = diagnostics.Skip(before).Any(d =>
            (d.Id == CL0001InputMustBeReadable.Rule.Id || d.Id == CL0002InputMustBeText.Rule.Id)
            && d.IncludeChain.IsEmpty && (d.Location.Path == real || d.Location.HostPath == input.HostPath));
        return input with { Kind = kind, Failed = failed };
    }

    /// <summary>The kind whose front end is surest of the file (by name beats by content).</summary>
    public static InputKind Recognize(string hostPath, SourceText text)
    {
        var best = FrontEnds.All
            .Select(f => (f.Kind, Score: f.Recognize(hostPath, text)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        return best.Score > 0 ? best.Kind : InputKind.Auto;
    }

    /// <summary>The --kind names, as the command line offers them.</summary>
    public static readonly string[] KindNames = { "auto", "apache", "htaccess", "php-ini", "fpm", "wrapper", "passwd", "group" };

    /// <summary>Parses a --kind value (one of <see cref="KindNames"/>, or an alias such as "ini" or "php-fpm").</summary>
    public static InputKind? ParseKind(string value) => value.ToLowerInvariant() switch
    {
        "auto" => InputKind.Auto,
        "apache" => InputKind.Apache,
        "htaccess" => InputKind.Htaccess,
        "php-ini" or "phpini" or "ini" => InputKind.PhpIni,
        "fpm" or "php-fpm" => InputKind.Fpm,
        "wrapper" => InputKind.Wrapper,
        "passwd" => InputKind.Passwd,
        "group" => InputKind.Group,
        _ => null,
    };
}
