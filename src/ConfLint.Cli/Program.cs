using System.CommandLine;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Reporting;

namespace ConfLint.Cli;

/// <summary>
/// The command line. Only option parsing and exit codes live here; everything else is in the
/// library. Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage
/// error; 3 a named input could not be read or is not text. Precedence 2 &gt; 3 &gt; 1 &gt; 0.
/// </summary>
public static class Program
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;
    public const int ExitUnreadableInput = 3;

    // When Main began: what `lint --stats` counts from (a launcher that execs the program, after building it or not, is not counted).
    private static long _mainStarted;

    public static int Main(string[] args)
    {
        _mainStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        // Run by a checkout's launcher, the program checks the checkout's sources against its build while it starts.
        var sourcesCheck = CheckoutBuild.Start();
        LintMemory.Prepare();
        return Run(args, Console.Out, Console.Error, sourcesCheck);
    }

    /// <param name="sourcesCheck">The check of a checkout's sources (<see cref="CheckoutBuild.Start"/>): awaited before the
    /// command runs or reports anything; a newer source hands the run to a rebuilt program.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Task<string?>? sourcesCheck = null)
    {
        var root = new RootCommand("ConfLint: a compiler-grade linter for Apache + FastCGI + suexec/chroot + PHP hosting configuration.");
        root.Subcommands.Add(LintCommand(stdout, stderr));
        root.Subcommands.Add(DumpCommand(stdout, stderr));
        root.Subcommands.Add(ModelCommand(stdout));
        root.Subcommands.Add(RulesCommand(stdout));
        root.Subcommands.Add(ExplainCommand(stdout, stderr));

        var parse = root.Parse(args);
        if (sourcesCheck?.GetAwaiter().GetResult() is not null) return CheckoutBuild.Rebuild(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"conflint: {error.Message}");
            stderr.WriteLine("Run 'conflint --help' for usage.");
            return ExitUsage;
        }
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return parse.Invoke(configuration);
    }

    // Options shared by every command that reads a host.
    private sealed class InputOptions
    {
        public readonly Argument<string[]> Paths = new("path")
        {
            Description = "A file; a host tree (a directory holding etc/apache2/apache2.conf or etc/httpd/conf/httpd.conf, which is then also --root); a directory holding apache2.conf or httpd.conf; or nothing for this host's /etc/apache2/apache2.conf or /etc/httpd/conf/httpd.conf.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        public readonly Option<string?> Root = new("--root") { Description = "Read every absolute path under this directory (a host image or test tree); absolute symlinks are re-rooted inside it. Default: /." };
        public readonly Option<string?> ServerRoot = new("--server-root") { Description = "httpd's ServerRoot when the configuration sets none. Default: the main file's directory." };
        public readonly Option<string[]> Modules = new("--module") { Description = "Treat a module as loaded (mod_x.c or x_module); !NAME treats it as not loaded. Repeatable.", AllowMultipleArgumentsPerToken = false };
        public readonly Option<string[]> Defines = new("--define", "-D") { Description = "Define a name for <IfDefine>, like httpd's -D. Repeatable." };
        public readonly Option<string> Kind = new("--kind") { Description = "How to read the named files: auto, apache, htaccess, php-ini, fpm, wrapper, passwd, group.", DefaultValueFactory = _ => "auto" };
        public readonly Option<bool> NoDisk = new("--no-disk") { Description = "Skip the checks that read the jails on disk (owners, modes, binaries)." };
        public readonly Option<string> SuexecChroot = new("--suexec-chroot") { Description = "Whether suexec-style wrappers chroot to the part of the user's home before /./: auto (when a custom FastCgiWrapper is set or a suexec user's home has /./), yes, or no (stock suexec).", DefaultValueFactory = _ => "auto" };
        public readonly Option<long> UidMin = new("--uid-min") { Description = "suexec's AP_UID_MIN.", DefaultValueFactory = _ => 100 };
        public readonly Option<long> GidMin = new("--gid-min") { Description = "suexec's AP_GID_MIN.", DefaultValueFactory = _ => 100 };
        public readonly Option<string> SuexecDocRoot = new("--suexec-docroot") { Description = "suexec's AP_DOC_ROOT.", DefaultValueFactory = _ => "/var/www" };
        public readonly Option<string> CgiIniDir = new("--php-cgi-ini-dir") { Description = "php-cgi's compiled php.ini directory (php-cgi -i: Configuration File (php.ini) Path); its conf.d is the scan directory.", DefaultValueFactory = _ => "/etc/php/8.2/cgi" };
        public readonly Option<string> FpmIniDir = new("--php-fpm-ini-dir") { Description = "php-fpm's compiled php.ini directory; its conf.d is the scan directory.", DefaultValueFactory = _ => "/etc/php/8.2/fpm" };
        public readonly Option<string[]> FpmConfig = new("--fpm-config") { Description = "A PHP-FPM main configuration to read (default: /etc/php/8.2/fpm/php-fpm.conf, /etc/php-fpm.conf, /usr/local/etc/php-fpm.conf under --root). Repeatable." };

        public void AddTo(Command command)
        {
            command.Arguments.Add(Paths);
            command.Options.Add(Root);
            command.Options.Add(ServerRoot);
            command.Options.Add(Modules);
            command.Options.Add(Defines);
            command.Options.Add(Kind);
            command.Options.Add(NoDisk);
            command.Options.Add(SuexecChroot);
            command.Options.Add(UidMin);
            command.Options.Add(GidMin);
            command.Options.Add(SuexecDocRoot);
            command.Options.Add(CgiIniDir);
            command.Options.Add(FpmIniDir);
            command.Options.Add(FpmConfig);
            SuexecChroot.AcceptOnlyFromAmong("auto", "yes", "no");
            Kind.AcceptOnlyFromAmong(LintRunner.KindNames);
            // A variadic path argument would otherwise take a misspelled flag as a file name.
            Paths.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                    if (token.Value.Length > 1 && token.Value[0] == '-')
                        result.AddError($"unknown option '{token.Value}' (a file whose name starts with '-' can be named ./{token.Value})");
            });
        }

        public LintRequest ToRequest(ParseResult parse) => new()
        {
            Paths = parse.GetValue(Paths) ?? Array.Empty<string>(),
            Root = parse.GetValue(Root),
            ServerRoot = parse.GetValue(ServerRoot),
            Modules = parse.GetValue(Modules) ?? Array.Empty<string>(),
            Defines = parse.GetValue(Defines) ?? Array.Empty<string>(),
            Kind = LintRunner.ParseKind(parse.GetValue(Kind) ?? "auto") ?? InputKind.Auto,
            NoDisk = parse.GetValue(NoDisk),
            FpmConfigs = parse.GetValue(FpmConfig) ?? Array.Empty<string>(),
            Hosting = new ConfLint.Hosting.Model.HostingOptions
            {
                SuexecChroot = parse.GetValue(SuexecChroot) switch
                {
                    "yes" => ConfLint.Hosting.Model.SuexecChrootMode.Yes,
                    "no" => ConfLint.Hosting.Model.SuexecChrootMode.No,
                    _ => ConfLint.Hosting.Model.SuexecChrootMode.Auto,
                },
                UidMin = parse.GetValue(UidMin),
                GidMin = parse.GetValue(GidMin),
                SuexecDocRoot = parse.GetValue(SuexecDocRoot) ?? "/var/www",
                CgiIniDirectory = parse.GetValue(CgiIniDir) ?? "/etc/php/8.2/cgi",
                CgiScanDirectory = (parse.GetValue(CgiIniDir) ?? "/etc/php/8.2/cgi") + "/conf.d",
                FpmIniDirectory = parse.GetValue(FpmIniDir) ?? "/etc/php/8.2/fpm",
                FpmScanDirectory = (parse.GetValue(FpmIniDir) ?? "/etc/php/8.2/fpm") + "/conf.d",
            },
        };
    }

    private static Command LintCommand(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("lint", "Check a host's configuration and report findings.");
        var inputs = new InputOptions();
        inputs.AddTo(command);
        var format = new Option<string>("--format", "-f") { Description = "text, json or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this severity: error, warning, info or none.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "none");
        var color = new Option<string>("--color") { Description = "Colour text output: auto (on a terminal, unless NO_COLOR is set), always or never.", DefaultValueFactory = _ => "auto" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var stats = new Option<bool>("--stats") { Description = "Print on standard error what the lint read and cost: time, memory, garbage collections." };
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(failOn);
        command.Options.Add(color);
        command.Options.Add(stats);
        command.SetAction(parse =>
        {
            long started = _mainStarted != 0 ? _mainStarted : System.Diagnostics.Stopwatch.GetTimestamp();
            var result = LintRunner.Run(inputs.ToRequest(parse));
            var outputPath = parse.GetValue(output);
            var reportFormat = parse.GetValue(format) ?? "text";
            var colorMode = parse.GetValue(color) ?? "auto";
            try
            {
                using var writer = outputPath is null ? null : new StreamWriter(outputPath);
                var target = writer ?? stdout;
                bool useColor = outputPath is null && Reports.ShouldUseColor(colorMode, Console.IsOutputRedirected);
                Reports.Write(reportFormat, result, target, Environment.CurrentDirectory, useColor);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"conflint: cannot write '{outputPath}': {e.Message}");
                return ExitUsage;
            }
            if (parse.GetValue(stats))
                stderr.WriteLine(RunStatistics.Describe(result, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
            if (result.NamedInputFailed) return ExitUnreadableInput;
            var threshold = parse.GetValue(failOn) switch
            {
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                "none" => (Severity?)null,
                _ => Severity.Error,
            };
            return threshold is { } t && result.Diagnostics.Any(d => d.Severity >= t) ? ExitFindings : ExitClean;
        });
        return command;
    }

    private static Command DumpCommand(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("dump", "Print what ConfLint read: the resolved Apache tree (like apache2 -D DUMP_CONFIG), or the parsed php.ini, FPM pools, wrapper or passwd.");
        var inputs = new InputOptions();
        inputs.AddTo(command);
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var raw = new Option<bool>("--raw") { Description = "INI files: values as INI_SCANNER_RAW reads them." };
        var includes = new Option<bool>("--includes") { Description = "Apache: list the included files like apache2 -t -D DUMP_INCLUDES." };
        command.Options.Add(format);
        command.Options.Add(raw);
        command.Options.Add(includes);
        command.SetAction(parse =>
        {
            var compilation = LintRunner.Load(inputs.ToRequest(parse), out var resolved);
            var options = new DumpOptions(parse.GetValue(format) == "json", parse.GetValue(raw), parse.GetValue(includes));
            Dumps.Write(compilation, options, stdout);
            foreach (var d in compilation.Diagnostics.Where(d => d.Severity == Severity.Error))
                stderr.WriteLine(d.ToString());
            return resolved.Any(r => r.Failed) ? ExitUnreadableInput : ExitClean;
        });
        return command;
    }

    private static Command ModelCommand(TextWriter stdout)
    {
        var command = new Command("model", "Print the hosting model: per vhost, the request flow through FastCGI, wrapper and jail to PHP, and the php.ini values in effect.");
        var inputs = new InputOptions();
        inputs.AddTo(command);
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var compilation = LintRunner.Load(inputs.ToRequest(parse), out var resolved);
            foreach (var model in compilation.InputsOf<ConfLint.Hosting.Model.HostModel>())
            {
                if (parse.GetValue(format) == "json")
                {
                    using var buffer = new MemoryStream();
                    ModelWriter.WriteJson(model, buffer, Environment.CurrentDirectory);
                    stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                else
                {
                    ModelWriter.WriteText(model, stdout, Environment.CurrentDirectory);
                }
            }
            return resolved.Any(r => r.Failed) ? ExitUnreadableInput : ExitClean;
        });
        return command;
    }

    private static Command RulesCommand(TextWriter stdout)
    {
        var command = new Command("rules", "List every rule: ID, severity, category and title.");
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            RuleListing.Write(parse.GetValue(format) == "json", stdout);
            return ExitClean;
        });
        return command;
    }

    private static Command ExplainCommand(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("explain", "Print a rule's documentation: why it matters, a failing and a fixed example.");
        var id = new Argument<string>("rule") { Description = "A rule ID such as CL3005." };
        command.Arguments.Add(id);
        command.SetAction(parse =>
        {
            var ruleId = parse.GetValue(id) ?? "";
            if (!RuleListing.Explain(ruleId, stdout))
            {
                stderr.WriteLine($"conflint: no rule '{ruleId}'. Run 'conflint rules' for the list.");
                return ExitUsage;
            }
            return ExitClean;
        });
        return command;
    }
}
