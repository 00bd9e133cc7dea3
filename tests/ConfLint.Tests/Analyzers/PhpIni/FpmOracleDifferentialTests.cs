using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ConfLint.Diagnostics;
using ConfLint.Hosting;
using ConfLint.Syntax.Ini;
using ConfLint.Syntax.Passwd;
using ConfLint.Tests.Oracles;
using Xunit;
using Xunit.Abstractions;

namespace ConfLint.Tests.Analyzers.PhpIni;

/// <summary>
/// Differential test against `php-fpm8.2 -t -y FILE -p PREFIX` (as root): for the corpus pools
/// and for a few hundred mutated pools, ConfLint must find a problem (CL4012/CL4013) exactly
/// when php-fpm refuses to start, and its first problem must carry php-fpm's own message and
/// the line php-fpm names.
/// </summary>
public class FpmOracleDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public FpmOracleDifferentialTests(ITestOutputHelper output) => _output = output;

    private sealed record Case(string Name, string MainPath, string Prefix);

    private sealed record Outcome(bool Ok, string? Message, string? File, int? Line, string Raw);

    [SkippableFact]
    public void CorpusPoolsAgreeWithPhpFpm()
    {
        var fpm = Oracle.Require("php-fpm8.2");
        Skip.IfNot(Environment.UserName == "root", "php-fpm -t resolves pool users only as root");
        var corpusRoot = RepoPaths.RequireCorpus("");
        using var tree = new TempDir();
        var cases = new List<Case>();

        // php-src templates, filled from corpus/fpm/php-src-template-values.tsv.
        var values = File.ReadAllLines(RepoPaths.InRepo("corpus/fpm/php-src-template-values.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1].Replace("{tmp}", tree.Path));
        string Fill(string file)
        {
            var text = File.ReadAllText(Path.Combine(corpusRoot, "php-src", "sapi", "fpm", file));
            foreach (var (k, v) in values) text = text.Replace(k, v);
            return text;
        }
        Directory.CreateDirectory(Path.Combine(tree.Path, "etc", "php-fpm.d"));
        Directory.CreateDirectory(Path.Combine(tree.Path, "log"));
        File.WriteAllText(Path.Combine(tree.Path, "etc", "php-fpm.d", "www.conf"), Fill("www.conf.in"));
        File.WriteAllText(Path.Combine(tree.Path, "etc", "php-fpm.conf"), Fill("php-fpm.conf.in"));
        cases.Add(new Case("php-src php-fpm.conf.in + www.conf.in", Path.Combine(tree.Path, "etc", "php-fpm.conf"), tree.Path));

        // Debian's pool file, included from a main file with temp logs; and Debian's own main file as shipped.
        var debianPool = Path.Combine(corpusRoot, "debian-php", "8.2", "fpm", "pool.d", "www.conf");
        cases.Add(new Case("debian pool.d/www.conf", Write(tree, "debian-www.conf", Global(tree) + $"include={debianPool}\n"), tree.Path));
        cases.Add(new Case("debian php-fpm.conf", Path.Combine(corpusRoot, "debian-php", "8.2", "fpm", "php-fpm.conf"), tree.Path));
        foreach (var f in Directory.GetFiles(Path.Combine(corpusRoot, "_oracle-e2e-local", "fpm-chroot"), "*.conf").Where(f => Path.GetFileName(f).StartsWith("php-fpm", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            cases.Add(new Case("_oracle-e2e-local " + Path.GetFileName(f), f, tree.Path));

        var (agreed, messages, failures) = Compare(fpm, cases);
        _output.WriteLine($"corpus: {agreed}/{cases.Count} verdicts agree, {messages} first messages agree");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void MutatedPoolsAgreeWithPhpFpm()
    {
        var fpm = Oracle.Require("php-fpm8.2");
        Skip.IfNot(Environment.UserName == "root", "php-fpm -t resolves pool users only as root");
        using var tree = new TempDir();
        Directory.CreateDirectory(Path.Combine(tree.Path, "inc"));
        File.WriteAllText(Path.Combine(tree.Path, "inc", "a.conf"), "; included\npm.max_children = lots\n");
        Directory.CreateDirectory(Path.Combine(tree.Path, "ok"));
        File.WriteAllText(Path.Combine(tree.Path, "ok", "b.conf"), "; included\n\nlisten.backlog = 10\n");
        Directory.CreateDirectory(Path.Combine(tree.Path, "jail", "home"));
        var cases = Mutations(tree).Select((m, i) => new Case(m.Name, Write(tree, $"m{i}.conf", m.Text), tree.Path)).ToList();
        Assert.True(cases.Count >= 200, $"only {cases.Count} mutations");
        var (agreed, messages, failures) = Compare(fpm, cases);
        _output.WriteLine($"mutations: {agreed}/{cases.Count} verdicts agree, {messages}/{cases.Count} first messages (and lines) agree");
        Assert.True(failures.Count == 0, $"{failures.Count} disagreements:\n" + string.Join("\n", failures.Take(15)));
    }

    /// <summary>
    /// php-fpm parses each line on its own; ConfLint parses a whole file at once when that gives the same statements. On the
    /// mutated pools (syntax errors and multi-line quotes among them), on the corpus and on a few files of its own, the two
    /// must read the same configuration: settings, pools, includes and problems with their messages, places and order.
    /// </summary>
    [Fact]
    public void Parsing_a_whole_file_reads_what_parsing_line_by_line_reads()
    {
        using var tree = new TempDir();
        Directory.CreateDirectory(Path.Combine(tree.Path, "inc"));
        File.WriteAllText(Path.Combine(tree.Path, "inc", "a.conf"), "; included\npm.max_children = lots\n");
        Directory.CreateDirectory(Path.Combine(tree.Path, "ok"));
        File.WriteAllText(Path.Combine(tree.Path, "ok", "b.conf"), "; included\n\nlisten.backlog = 10\n");
        var texts = Mutations(tree).Select(m => m.Text).ToList();
        var pool = "[www]\nuser = nobody\nlisten = /run/www.sock\npm = static\npm.max_children = 2\n";
        texts.Add(Global(tree) + pool + "env[A] = \"two\nlines\"\n");                  // a quoted value across lines: line by line, two errors
        texts.Add(Global(tree) + pool.Replace("\n", "\r\n"));                          // carriage returns
        texts.Add(Global(tree) + pool + "php_value[x] = ${HOME}\npm.max_requests = ${NOPE}\n");
        texts.Add(Global(tree) + pool + "[www]\n\n; reopened\nlisten.backlog = 5 ; trailing\n[PATH=/x]\nfoo = 1\n");
        texts.Add(Global(tree) + pool + "user");                                            // no newline at the end
        // Large files, parsed a few hundred lines at a time: clean; and with a two-line quote across the first boundary, an
        // error further on, and an include in the middle.
        var pools = string.Concat(Enumerable.Range(0, 260).Select(i => pool.Replace("[www]", $"[p{i}]").Replace("www.sock", $"p{i}.sock")));
        texts.Add(Global(tree) + pools);
        var lines = (Global(tree) + pools).Split('\n').ToList();
        lines[254] = "env[A] = \"across";
        lines[255] = "the boundary\"";
        lines[600] = "listen.backlog = (1|2)";
        lines.Insert(700, $"include = {tree.Path}/ok/*.conf");
        texts.Add(string.Join("\n", lines));
        foreach (var file in new[] { "debian-php/8.2/fpm/php-fpm.conf", "debian-php/8.2/fpm/pool.d/www.conf" })
            if (Path.Combine(RepoPaths.SharedCorpus, file) is var path && File.Exists(path)) texts.Add(File.ReadAllText(path));

        int compared = 0;
        foreach (var text in texts)
        {
            var main = Write(tree, $"case{compared++}.conf", text);
            string Read(bool byLine) => Describe(FpmLoader.Load(new HostFileSystem("/"), main, new DiagnosticBag(),
                new FpmLoadOptions { GlobalPrefix = tree.Path, AlwaysParseByLine = byLine })!);
            var (lineByLine, whole) = (Read(byLine: true), Read(byLine: false));
            Assert.True(lineByLine == whole, $"{text}\n--- line by line:\n{lineByLine}--- whole file:\n{whole}");
        }
        Assert.True(compared > 200);
    }

    private static string Describe(FpmConfig config)
    {
        static string Setting(FpmSetting s) => $"{s.Key}[{s.ArrayKey}]={s.Value}|{s.WrittenValue}@{s.File.HostPath}:{s.Line} {s.KeySpan} {s.ValueSpan} {s.Span} {s.Number}";
        var sb = new StringBuilder();
        foreach (var f in config.Files) sb.AppendLine("file " + f.HostPath + " " + string.Join(" < ", f.IncludeChain));
        foreach (var g in config.Global) sb.AppendLine("global " + Setting(g));
        foreach (var p in config.Pools)
        {
            sb.AppendLine($"pool {p.Name}");
            foreach (var setting in p.Settings) sb.AppendLine("  " + Setting(setting));
        }
        foreach (var i in config.Includes) sb.AppendLine($"include {i.File.HostPath}:{i.Line} {i.Span} {i.Pattern} {i.ResolvedPattern} {string.Join(",", i.Matches)}");
        foreach (var p in config.Problems) sb.AppendLine($"problem {p.Phase} {p.Location} {p.Message} | {p.EngineMessage} | {p.EngineLine} {p.Order} {string.Join(" < ", p.IncludeChain)} {p.OnDisk}");
        return sb.ToString();
    }

    private static string Write(TempDir tree, string name, string text)
    {
        var path = Path.Combine(tree.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Global(TempDir tree) => $"[global]\npid = {tree.Path}/fpm.pid\nerror_log = {tree.Path}/log/fpm.log\n";

    private (int Agreed, int Messages, List<string> Failures) Compare(string fpm, List<Case> cases)
    {
        var failures = new ConcurrentBag<string>();
        int agreed = 0, messages = 0;
        var passwd = PasswdFile.Parse(new HostFileSystem("/").ReadText("/etc/passwd", new DiagnosticBag())!);
        var group = GroupFile.Parse(new HostFileSystem("/").ReadText("/etc/group", new DiagnosticBag())!);
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, c =>
        {
            var outcome = RunFpm(fpm, c);
            var options = new FpmLoadOptions
            {
                GlobalPrefix = c.Prefix,
                UserExists = n => passwd.FindUser(n) is not null,
                GroupExists = n => group.FindGroup(n) is not null,
            };
            var config = FpmLoader.Load(new HostFileSystem("/"), c.MainPath, new DiagnosticBag(), options)!;
            var first = config.Problems.OrderBy(p => p.Order).FirstOrDefault();
            bool verdict = outcome.Ok == (first is null);
            if (verdict) Interlocked.Increment(ref agreed);
            else
            {
                failures.Add($"{c.Name}: php-fpm {(outcome.Ok ? "accepts" : "refuses: " + outcome.Message)}; ConfLint {(first is null ? "accepts" : "refuses: " + first.EngineMessage)}\n{File.ReadAllText(c.MainPath)}");
                return;
            }
            if (outcome.Ok) { Interlocked.Increment(ref messages); return; }
            bool sameMessage = first!.Phase == FpmProblemPhase.Syntax
                ? outcome.Message!.StartsWith("PHP:  syntax error", StringComparison.Ordinal) && first.EngineMessage.StartsWith("PHP:  syntax error", StringComparison.Ordinal)
                : outcome.Message == first.EngineMessage;
            bool sameLine = outcome.Line is null || first.EngineLine == outcome.Line;
            if (sameMessage && sameLine) Interlocked.Increment(ref messages);
            else failures.Add($"{c.Name}: first problem differs: php-fpm '{outcome.Message}' (line {outcome.Line}); ConfLint '{first.EngineMessage}' (line {first.EngineLine}, at {first.Location})");
        });
        return (agreed, messages, failures.ToList());
    }

    private static readonly Regex LogLine = new(@"^\[[^\]]+\] (ERROR|ALERT): (?<msg>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex DebugPrefix = new(@"^pid \d+, \w+\(\), line \d+: ", RegexOptions.CultureInvariant);
    private static readonly Regex FileLine = new(@"^\[(?<file>[^\]]+):(?<line>\d+)\] ", RegexOptions.CultureInvariant);

    private static Outcome RunFpm(string fpm, Case c)
    {
        var psi = new ProcessStartInfo(fpm) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t", "-y", c.MainPath, "-p", c.Prefix }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var all = stdout + stderr.Result;
        // The "test is successful" notice is not printed when log_level is above notice: the exit status decides.
        if (p.ExitCode == 0) return new Outcome(true, null, null, null, all);
        foreach (var line in all.Split('\n'))
        {
            if (line.StartsWith("PHP:  syntax error", StringComparison.Ordinal)) return new Outcome(false, line, null, null, all);
            var m = LogLine.Match(line);
            if (!m.Success) continue;
            // With log_level = debug, zlog prefixes "pid N, function(), line N: ".
            var msg = DebugPrefix.Replace(m.Groups["msg"].Value.TrimEnd(), "");
            if (msg.StartsWith("failed to load configuration file", StringComparison.Ordinal) || msg.StartsWith("FPM initialization failed", StringComparison.Ordinal)
                || msg.StartsWith("failed to post process", StringComparison.Ordinal)) continue;
            var fl = FileLine.Match(msg);
            return new Outcome(false, msg, fl.Success ? fl.Groups["file"].Value : null, fl.Success ? int.Parse(fl.Groups["line"].Value) : null, all);
        }
        return new Outcome(false, "(no message)", null, null, all);
    }

    private sealed record Mutation(string Name, string Text);

    private static IEnumerable<Mutation> Mutations(TempDir tree)
    {
        var t = tree.Path;
        string global = Global(tree);
        const string basePool = "[www]\nuser = nobody\ngroup = nogroup\nlisten = {0}/www.sock\npm = static\npm.max_children = 2\n";
        string Pool(string extra = "", string? pm = null) =>
            string.Format(basePool, t).Replace("pm = static\n", pm is null ? "pm = static\n" : pm) + extra;
        Mutation M(string name, string text) => new(name, text);

        yield return M("valid base", global + Pool());
        foreach (var key in new[] { "pm.max_child", "listen.modes", "user_name", "max_children", "php_values", "security.limit_extension", "request_timeout",
                     "chroot_dir", "pm.maxchildren", "daemonize", "log_level", "pid", "emergency_restart_threshold", "listen.setfib", "foo", "Listen.Owner", "PM.MAX_REQUESTS", "slowlog.path" })
            yield return M("pool key " + key, global + Pool($"{key} = 1\n"));
        foreach (var key in new[] { "pm", "user", "listen", "chroot", "pm.max_children", "foo.bar", "catch_workers_output", "LOG_LEVEL", "Daemonize" })
            yield return M("global key " + key, global + $"{key} = debug\n" + Pool());
        foreach (var v in new[] { "static", "dynamic", "ondemand", "Static", "ONDEMAND", "dinamic", "", "static dynamic", "1", "on", "\"static\"" })
            yield return M("pm = " + v, global + Pool($"pm = {v}\npm.min_spare_servers = 1\npm.max_spare_servers = 1\n"));
        foreach (var v in new[] { "0", "-1", "5M", "1.5", "", "abc", "+3", "10", " 7", "0x10", "2 ", "1e3", "-" })
            yield return M("pm.max_children = " + v, global + Pool($"pm.max_children = {v}\n"));
        foreach (var key in new[] { "catch_workers_output", "clear_env", "decorate_workers_output", "process.dumpable", "request_terminate_timeout_track_finished" })
            foreach (var v in new[] { "yes", "no", "On", "off", "true", "False", "1", "0", "2", "maybe", "\"yes\"", "'On'", "\"\"", "none", "01" })
                yield return M($"{key} = {v}", global + Pool($"{key} = {v}\n"));
        foreach (var v in new[] { "yes", "'no'", "2", "\"on\"" })
            yield return M("daemonize = " + v, global + $"daemonize = {v}\n" + Pool());
        foreach (var v in new[] { "30", "30s", "5m", "1h", "2d", "10x", "", "s", "-5", "3.5s", "1w", "0" })
            yield return M("request_terminate_timeout = " + v, global + Pool($"request_terminate_timeout = {v}\n"));
        foreach (var v in new[] { "10s", "1w", "" })
            yield return M("emergency_restart_interval = " + v, global + $"emergency_restart_interval = {v}\n" + Pool());
        foreach (var v in new[] { "0", "0s", "1s", "10", "5x" })
            yield return M("ondemand idle " + v, global + Pool($"pm.process_idle_timeout = {v}\n", "pm = ondemand\n"));
        foreach (var v in new[] { "debug", "notice", "warning", "warn", "error", "alert", "DEBUG", "verbose", "info", "" })
            yield return M("log_level = " + v, global + $"log_level = {v}\n" + Pool());
        foreach (var v in new[] { "unlimited", "Unlimited", "0", "-1", "abc", "100" })
            yield return M("rlimit_core = " + v, global + Pool($"rlimit_core = {v}\n"));
        foreach (var v in new[] { "1024", "-1", "1k" })
            yield return M("rlimit_files = " + v, global + $"rlimit_files = {v}\n" + Pool());
        foreach (var v in new[] { "daemon", "LOCAL7", "local8", "foo" })
            yield return M("syslog.facility = " + v, global + $"syslog.facility = {v}\n" + Pool());
        foreach (var v in new[] { "0660", "0999", "660", "rw", "abc" })
            yield return M("listen.mode = " + v, global + Pool($"listen.mode = {v}\n"));
        foreach (var v in new[] { "-19", "20", "21", "-20", "64", "0", "x" })
        {
            yield return M("pool process.priority = " + v, global + Pool($"process.priority = {v}\n"));
            yield return M("global process.priority = " + v, global + $"process.priority = {v}\n" + Pool());
        }
        foreach (var v in new[] { "511", "512", "0", "4096", "-1" })
            yield return M("log_limit = " + v, global + $"log_limit = {v}\n" + Pool());
        foreach (var v in new[] { "0", "-1", "128" })
            yield return M("process.max = " + v, global + $"process.max = {v}\n" + Pool());
        foreach (var v in new[] { "epoll", "poll", "select", "kqueue", "/dev/poll", "" })
            yield return M("events.mechanism = " + v, global + $"events.mechanism = {v}\n" + Pool());
        foreach (var (mc, start, min, max, rate) in new[]
                 {
                     (5, 2, 1, 3, 32), (5, 9, 1, 3, 32), (5, 0, 1, 3, 32), (5, 2, 0, 3, 32), (5, 2, 1, 0, 32), (5, 2, 4, 3, 32), (5, 2, 1, 6, 32),
                     (5, 2, 6, 6, 32), (2, 2, 1, 3, 32), (5, 1, 2, 3, 32), (5, 4, 1, 3, 32), (5, 2, 1, 3, 0), (5, 2, -1, 3, 32), (0, 2, 1, 3, 32), (5, 3, 3, 3, 32),
                 })
            yield return M($"dynamic {mc}/{start}/{min}/{max}/{rate}", global + Pool(
                $"pm.max_children = {mc}\npm.start_servers = {start}\npm.min_spare_servers = {min}\npm.max_spare_servers = {max}\npm.max_spawn_rate = {rate}\n", "pm = dynamic\n"));
        foreach (var v in new[] { "/nonexistent", "relative", "$prefix/x", "/tmp", "$prefix", $"{t}/jail", "x$prefix", "" })
            yield return M("chroot = " + v, global + Pool($"chroot = {v}\n"));
        foreach (var (chroot, chdir) in new[] { ($"{t}/jail", "/"), ($"{t}/jail", "/home"), ($"{t}/jail", "/nonexistent"), ("", "/nonexistent"), ("", "/tmp"), ("", "rel"), ($"{t}/jail", "home") })
            yield return M($"chroot {chroot} chdir {chdir}", global + Pool((chroot.Length > 0 ? $"chroot = {chroot}\n" : "") + $"chdir = {chdir}\n"));
        foreach (var v in new[] { "/nonexistent", "/tmp", "jail" })
            yield return M("prefix = " + v, global + Pool($"prefix = {v}\n"));
        yield return M("no user", global + Pool().Replace("user = nobody\n", ""));
        foreach (var (k, v) in new[] { ("user", "nosuchuser"), ("user", "65534"), ("group", "nosuchgroup"), ("listen.owner", "nosuchuser"), ("listen.group", "nosuchgroup"), ("user", "$pool"), ("listen.owner", "nobody") })
            yield return M($"{k} = {v}", global + Pool($"{k} = {v}\n"));
        yield return M("no listen", global + Pool().Replace($"listen = {t}/www.sock\n", ""));
        yield return M("empty listen", global + Pool("listen =\n"));
        yield return M("listen port", global + Pool("listen = 127.0.0.1:9000\n"));
        yield return M("duplicate listen", global + Pool() + Pool().Replace("[www]", "[other]"));
        yield return M("reopened pool", global + Pool() + "[global]\nlog_level = notice\n[WWW]\npm.max_children = 0\n");
        yield return M("two pools", global + Pool() + Pool().Replace("[www]", "[b]").Replace("www.sock", "b.sock"));
        foreach (var v in new[] { "/status", "status", "/", "/st atus", "/a?b", "/fpm-status_1.~" })
        {
            yield return M("status_path " + v, global + Pool($"pm.status_path = {v}\n"));
            yield return M("status_path with listen " + v, global + Pool($"pm.status_path = {v}\npm.status_listen = {t}/status.sock\n"));
        }
        foreach (var v in new[] { "/ping", "ping", "/", "/p!" })
            yield return M("ping.path " + v, global + Pool($"ping.path = {v}\n"));
        yield return M("ping.response empty", global + Pool("ping.path = /ping\nping.response =\n"));
        yield return M("ping.response without path", global + Pool("ping.response =\n"));
        yield return M("slowlog timeout, no slowlog", global + Pool("request_slowlog_timeout = 5s\n"));
        yield return M("slowlog in missing dir", global + Pool("slowlog = /nonexistent/x.log\nrequest_slowlog_timeout = 5\n"));
        yield return M("slowlog > terminate", global + Pool($"slowlog = {t}/slow.log\nrequest_slowlog_timeout = 10\nrequest_terminate_timeout = 5\n"));
        yield return M("slowlog ok", global + Pool($"slowlog = {t}/slow.log\nrequest_slowlog_timeout = 5\nrequest_terminate_timeout = 10\n"));
        yield return M("trace depth no slowlog", global + Pool("request_slowlog_trace_depth = 5\n"));
        yield return M("trace depth negative", global + Pool($"slowlog = {t}/slow.log\nrequest_slowlog_trace_depth = -1\n"));
        yield return M("php_value in global", global + "php_value[memory_limit] = 1\n" + Pool());
        foreach (var line in new[]
                 {
                     "php_value[] = 1", "env[X] =", "env[X] = $pool", "env[PATH] = /usr/bin", "php_flag[display_errors] = maybe", "php_flag[display_errors] = on",
                     "php_admin_flag[log_errors] = Off", "php_admin_flag[a] = 1", "php_admin_value[open_basedir] = /www:/tmp", "access.suppress_path[] = /ping",
                     "access.suppress_path[] = ping", "access.suppress_path[x] = /a", "foo[x] = 1", "PHP_VALUE[x] = 1", "php_value[x] = ''", "env[] = 1",
                 })
            yield return M(line, global + Pool(line + "\n"));
        yield return M("$pool in global pid", $"[global]\npid = {t}/$pool.pid\nerror_log = {t}/log/fpm.log\n" + Pool());
        yield return M("error_log in missing dir", $"[global]\nerror_log = /nonexistent/fpm.log\n" + Pool());
        yield return M("error_log relative", $"[global]\nerror_log = log/rel.log\n" + Pool());
        foreach (var line in new[] { "foo = \"abc", "a = b = c", "[unclosed", "bareword", "user = ''", "listen.backlog = (1|2)", "listen.backlog = 1|2", "pm.max_requests = ${NOPE}", "pm.max_requests = 'x'" })
            yield return M("syntax: " + line, global + Pool(line + "\n"));
        yield return M("include no match", global + Pool($"include = {t}/nomatch*.conf\n"));
        yield return M("include with error", global + Pool($"include = {t}/inc/*.conf\nlisten.backlog = x\n"));
        yield return M("error after a successful include", global + Pool($"include = {t}/ok/*.conf\nlisten.backlog = x\n"));
        yield return M("unknown key after a successful include", global + Pool($"include = {t}/ok/*.conf\n\nfoo = 1\n"));
        yield return M("include then error", global + Pool($"include = {t}/nomatch*.conf\nlisten.backlog = x\n"));
        yield return M("access.log missing dir", global + Pool("access.log = /nonexistent/a.log\n"));
        yield return M("access.log ok", global + Pool($"access.log = {t}/a.log\n"));
        yield return M("limit_extensions empty", global + Pool("security.limit_extensions =\n"));
        yield return M("limit_extensions html", global + Pool("security.limit_extensions = .php .html\n"));
        yield return M("apparmor_hat", global + Pool("apparmor_hat = x\n"));
        yield return M("acl users", global + Pool("listen.acl_users = nobody\n"));
        yield return M("no pool", global);
        yield return M("CRLF lines", (global + Pool()).Replace("\n", "\r\n"));
        yield return M("comment and blank lines", global + "; comment\n\n   \n# hash is not a comment\n" + Pool());
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "conflint-fpm-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "log"));
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
