using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ConfLint.Syntax.Apache;
using ConfLint.Syntax.Ini;
using ConfLint.Syntax.Passwd;
using ConfLint.Syntax.Shell;
using ConfLint.Text;

namespace ConfLint.Hosting.Model;

/// <summary>
/// Binds an Apache configuration to the rest of the host: for every vhost, SuexecUserGroup →
/// passwd → jail, and each way .php reaches PHP (mod_fastcgi, mod_fcgid, mod_proxy_fcgi) →
/// wrapper → PHP binary → the php.ini PHP really loads. Files the chain leads to (passwd, group,
/// wrappers, php.ini, FPM configs) are read through their front ends, so their own rules run too.
/// </summary>
public sealed class HostModelBuilder
{
    private readonly Compilation _compilation;
    private readonly ApacheConfiguration _apache;
    private readonly HostingOptions _options;
    private readonly LintRequest _request;

    // Wrappers and php.ini files are read into a staging compilation each, once, by whichever thread builds the
    // first vhost that needs one; the vhosts are then committed in order, and each file joins the compilation
    // when the first vhost that needed it does, exactly as if one thread had built them all.
    private sealed class StagedFile(object? result, Compilation? staged)
    {
        public readonly object? Result = result;
        public readonly Compilation? Staged = staged;
        public bool Committed;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<StagedFile>> _wrappers = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<StagedFile>> _iniFiles = new(StringComparer.Ordinal);

    // The staged files the vhost being built on this thread used, in the order it used them.
    private readonly ThreadLocal<List<StagedFile>> _filesOfVhost = new(() => new List<StagedFile>());

    /// <summary>Below this many vhosts (and the main server) a second thread costs more than it saves (process-wide; tests lower it).</summary>
    internal static int MinScopesForSecondThread { get; set; } = 64;

    // The php.ini files named on the command line, by host path: taken as they are rather than read again. Gathered before
    // the vhosts are built, since the vhosts' own files join the compilation while others are still being built.
    private Dictionary<string, PhpIniFile> _namedIniFiles = new(StringComparer.Ordinal);

    private HostModelBuilder(Compilation compilation, ApacheConfiguration apache, HostingOptions options, LintRequest request)
    {
        _compilation = compilation;
        _apache = apache;
        _options = options;
        _request = request;
        _walks = new ConfLint.Jail.JailWalks(compilation.FileSystem);
    }

    private HostFileSystem Fs => _compilation.FileSystem;

    /// <param name="walkJails">
    /// The jails will be walked (a lint, whose jail rules read them all): each is walked by the thread that builds the first
    /// vhost asking about a path inside it, and such paths are answered from the walk.
    /// </param>
    /// <param name="filesAhead">passwd, group and PHP-FPM's configuration, when they were read ahead (<see cref="HostFilesAhead"/>).</param>
    public static HostModel Build(Compilation compilation, ApacheConfiguration apache, HostingOptions options, LintRequest request, bool walkJails = false,
        HostFilesAhead? filesAhead = null) =>
        new HostModelBuilder(compilation, apache, options, request) { _filesAhead = filesAhead, _probeByWalks = walkJails }.Build();

    private readonly ConfLint.Jail.JailWalks _walks;
    private HostFilesAhead? _filesAhead;

    // Whether paths inside a jail may be answered from the jail's walk: only when the jails are walked anyway (a lint).
    private bool _probeByWalks;

    /// <summary>Where the model reads the host's users and groups.</summary>
    public const string PasswdPath = "/etc/passwd";
    public const string GroupPath = "/etc/group";

    private HostModel Build()
    {
        var ahead = _filesAhead?.Take();
        // Users or groups named on the command line win over /etc's; PHP-FPM's pools read ahead were checked against /etc's.
        if (ahead is not null && (_compilation.InputsOf<PasswdFile>().Any() || _compilation.InputsOf<GroupFile>().Any())) ahead = ahead with { Fpm = null };
        var passwd = LoadInput<PasswdFile>(InputKind.Passwd, PasswdPath, ahead?.Passwd);
        var group = LoadInput<GroupFile>(InputKind.Group, GroupPath, ahead?.Group);
        var fpm = LoadFpmConfigs(ahead);

        // One pass: each node goes to the scope of its outermost <VirtualHost>, or to the main server's. (The <VirtualHost>
        // nodes themselves belong to neither, so no vhost scans the others.) The walk is in tree order, so a vhost's nodes
        // are the run that follows it: its scope is that run of the walk, not a copy.
        var walk = _apache.ActiveWalk();
        var mainNodes = new List<ApacheNodeContext>();
        var scopes = new List<(ApacheConfigSection? Section, ArraySegment<ApacheNodeContext> Nodes)>();
        for (int i = 0; i < walk.Length; i++)
        {
            var context = walk[i];
            if (context.Node is ApacheConfigSection { Kind: ApacheSectionKind.VirtualHost } opened && !context.Sections.Any(s => s.Kind == ApacheSectionKind.VirtualHost))
            {
                int end = i + 1;
                while (end < walk.Length && Encloses(walk[end], opened)) end++;
                scopes.Add((opened, new ArraySegment<ApacheNodeContext>(walk, i + 1, end - i - 1)));
                i = end - 1;
                continue;
            }
            mainNodes.Add(context);
        }
        var mainScope = new ArraySegment<ApacheNodeContext>(mainNodes.ToArray());
        scopes.Insert(0, (null, mainScope));
        _mainDirectives = new MainDirectives(mainScope);
        var fastCgiWrapper = _mainDirectives.Last("FastCgiWrapper") is { } fw ? Fact(fw, ArgumentOrEmpty(fw, 0)) : null;

        // Jails are in use when a custom FastCgiWrapper is configured or any suexec user's home has `/./`.
        bool usesJails = _options.SuexecChroot switch
        {
            SuexecChrootMode.Yes => true,
            SuexecChrootMode.No => false,
            _ => (fastCgiWrapper is not null && fastCgiWrapper.Value.StartsWith('/'))
                || scopes.Any(s => SuexecOf(s.Nodes) is { } su && passwd?.FindUser(su.User.Value)?.JailRoot is not null),
        };

        // Each vhost is built on its own, so a large host builds them on two threads. They are committed in order as they are
        // built (the files each used first, then the vhost), by whichever thread finds the next one ready, while the other
        // builds on: committing them all after the last was built kept one thread alone for a millisecond at 1,000 sites.
        IndexPoolsBySocket(fpm);
        _namedIniFiles = _compilation.InputsOf<PhpIniFile>().GroupBy(f => f.HostPath).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var built = new (VirtualHostModel Model, StagedFile[] Files)[scopes.Count];
        var ready = new bool[scopes.Count];
        var vhosts = ImmutableArray.CreateBuilder<VirtualHostModel>();
        var commitLock = new object();
        int next = -1, nextToCommit = 0;
        void Commit(int i)
        {
            var (vhost, files) = built[i];
            foreach (var file in files)
            {
                if (file.Committed) continue;
                file.Committed = true;
                if (file.Staged is not null) _compilation.Append(file.Staged);
            }
            // The main server is modelled only when it runs PHP or sets a suexec user.
            if (vhost.Section is null && vhost.Backends.IsEmpty && vhost.SuexecUser is null) return;
            vhosts.Add(vhost);
        }
        // A thread that finds the other committing goes back to building: what it leaves is committed later, at the
        // latest after both are done.
        void CommitReady(bool wait)
        {
            if (wait) Monitor.Enter(commitLock);
            else if (!Monitor.TryEnter(commitLock)) return;
            try
            {
                while (nextToCommit < built.Length && Volatile.Read(ref ready[nextToCommit])) Commit(nextToCommit++);
            }
            finally { Monitor.Exit(commitLock); }
        }
        void BuildSome()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < scopes.Count)
            {
                var files = _filesOfVhost.Value!;
                files.Clear();
                var (section, nodes) = scopes[i];
                built[i] = (BuildVirtualHost(section, nodes, passwd, group, usesJails, fastCgiWrapper, fpm), files.ToArray());
                Volatile.Write(ref ready[i], true);
                CommitReady(wait: false);
            }
        }
        var helper = scopes.Count >= MinScopesForSecondThread ? Task.Run(BuildSome) : null;
        BuildSome();
        helper?.GetAwaiter().GetResult();
        CommitReady(wait: true);

        return new HostModel
        {
            Apache = _apache,
            FileSystem = Fs,
            Options = _options,
            Passwd = passwd,
            Group = group,
            FpmConfigs = fpm,
            FastCgiWrapper = fastCgiWrapper,
            UsesJails = usesJails,
            Walks = _walks,
            ProbesJailsByWalks = _probeByWalks,
            VirtualHosts = vhosts.ToImmutable(),
        };
    }

    private VirtualHostModel BuildVirtualHost(ApacheConfigSection? section, ArraySegment<ApacheNodeContext> nodes,
        PasswdFile? passwd, GroupFile? group, bool usesJails, Fact<string>? fastCgiWrapper, ImmutableArray<FpmConfig> fpm)
    {
        // Handler mappings and aliases of the main server apply to every vhost too (the vhost's own come later and win).
        var scope = section is null ? new DirectiveScope(null, nodes) : new DirectiveScope(_mainDirectives, nodes);
        var serverName = LastDirective(nodes, "ServerName") is { } sn ? Fact(sn, ArgumentOrEmpty(sn, 0)) : null;
        var aliases = ImmutableArray<Fact<string>>.Empty;
        if (Directives(nodes, "ServerAlias") is { Count: > 0 } serverAliases)
        {
            var names = ImmutableArray.CreateBuilder<Fact<string>>();
            foreach (var d in serverAliases)
                foreach (var a in d.Arguments) names.Add(new Fact<string>(a.Value, d.Location));
            aliases = names.ToImmutable();
        }
        // A vhost without its own DocumentRoot inherits the main server's.
        var docRoot = scope.Last("DocumentRoot") is { } dr
            ? Fact(dr, ArgumentOrEmpty(dr, 0)) : null;
        var suexec = SuexecOf(nodes);

        PasswdEntry? user = suexec is null ? null : passwd?.FindUser(suexec.Value.User.Value.TrimStart('~'));
        GroupEntry? groupEntry = suexec is null ? null : group?.FindGroup(suexec.Value.Group.Value);
        JailModel? jail = null;
        if (usesJails && user?.JailRoot is { } jailRoot && passwd is not null)
        {
            jail = new JailModel(HostFileSystem.NormalizeHostPath(jailRoot), user.HomeInJail, passwd.GetLocation(user.Home.Span));
        }

        var display = serverName?.Value ?? (section is null ? "(main server)" : section.ArgumentText);
        var addresses = section is null ? ImmutableArray<string>.Empty : section.Arguments.Select(a => a.Value).ToImmutableArray();
        var header = $"[Apache {(addresses.IsEmpty ? "" : string.Join(' ', addresses) + " ")}{display}]";

        var backends = ImmutableArray.CreateBuilder<PhpBackend>();
        // The handlers .php files get, found once for the two kinds of backend that start from them.
        var mappings = HandlerMappings(scope);
        AddActionBackends(backends, scope, mappings, docRoot, header, jail, fastCgiWrapper, suexec is not null);
        AddFcgidBackends(backends, scope, mappings, header, jail);
        AddProxyBackends(backends, scope, header, fpm);

        return new VirtualHostModel
        {
            Section = section,
            DisplayName = display,
            Location = section?.Location ?? Location.ForFile(_apache.Files.Count > 0 ? _apache.Files[0].Text.Path : _apache.MainHostPath, _apache.MainHostPath),
            Addresses = addresses,
            ServerName = serverName,
            ServerAliases = aliases,
            DocumentRoot = docRoot,
            SuexecUser = suexec?.User,
            SuexecGroup = suexec?.Group,
            SuexecLocation = suexec?.User.Location,
            User = user,
            Group = groupEntry,
            Jail = jail,
            Backends = backends.ToImmutable(),
        };
    }

    // mod_fastcgi (and plain CGI): AddHandler/SetHandler H for .php → Action H URL → ScriptAlias/Alias → the wrapper file.
    private void AddActionBackends(ImmutableArray<PhpBackend>.Builder backends, DirectiveScope scope, List<Fact<string>> mappings, Fact<string>? docRoot,
        string header, JailModel? jail, Fact<string>? fastCgiWrapper, bool hasSuexec)
    {
        var actions = Directives(scope, "Action");
        foreach (var mapping in mappings)
        {
            if (!IsPhpHandlerMapping(mapping)) continue;
            var handler = mapping.Value;
            ApacheConfigDirective? action = null;
            for (int i = actions.Count - 1; i >= 0 && action is null; i--)
                if (actions[i].Arguments.Length >= 2 && string.Equals(actions[i].Arguments[0].Value, handler, StringComparison.OrdinalIgnoreCase)) action = actions[i];
            if (action is null) continue;
            var url = action.Arguments[1].Value;
            var (wrapperHostPath, mappedBy) = MapUrl(scope, url, docRoot);
            bool isFastCgi = IsFastCgiHandled(scope, url, wrapperHostPath);
            var kind = isFastCgi ? PhpBackendKind.ModFastcgi : PhpBackendKind.Cgi;
            var chain = ImmutableArray.CreateBuilder<ChainStep>();
            chain.Add(new ChainStep("[client]", null));
            chain.Add(new ChainStep(header, mapping.Location));
            if (isFastCgi)
            {
                chain.Add(new ChainStep("[mod_fastcgi]", action.Location));
                chain.Add(new ChainStep("[fcgi-pm]", null));
                if (fastCgiWrapper is not null) chain.Add(new ChainStep($"[FastCgiWrapper {fastCgiWrapper.Value}]", fastCgiWrapper.Location));
            }
            else
            {
                chain.Add(new ChainStep(hasSuexec ? "[mod_cgi → suexec]" : "[mod_cgi]", action.Location));
            }
            var backend = CompleteWrapperBackend(kind, chain.ToImmutable(), mapping, new Fact<string>($"{handler} {url}", action.Location),
                wrapperHostPath is null ? null : new Fact<string>(wrapperHostPath, action.Location), jail);
            backends.Add(backend with
            {
                ActionTargetMapping = mappedBy,
                ActionIsVirtual = action.Arguments.Length > 2 && action.Arguments[2].Value.Equals("virtual", StringComparison.OrdinalIgnoreCase),
            });
        }
    }

    // mod_fcgid: FcgidWrapper COMMAND [suffix] [virtual], with AddHandler fcgid-script for .php.
    private void AddFcgidBackends(ImmutableArray<PhpBackend>.Builder backends, DirectiveScope scope, List<Fact<string>> mappings, string header, JailModel? jail)
    {
        // The last mapping of .php to fcgid-script is the one the chain starts from.
        var mapping = mappings.FindLast(m => string.Equals(m.Value, "fcgid-script", StringComparison.OrdinalIgnoreCase));
        if (mapping is null) return;
        foreach (var wrapper in Directives(scope, "FcgidWrapper", "FCGIWrapper"))
        {
            if (wrapper.Arguments.Length == 0) continue;
            var suffix = wrapper.Arguments.Length > 1 && wrapper.Arguments[1].Value.StartsWith('.') ? wrapper.Arguments[1].Value : null;
            if (suffix is not null && !suffix.StartsWith(".php", StringComparison.OrdinalIgnoreCase)) continue;
            var command = wrapper.Arguments[0].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            var hostPath = command.StartsWith('/') ? command : HostFileSystem.NormalizeHostPath(_apache.ServerRoot + "/" + command);
            var chain = ImmutableArray.Create(
                new ChainStep("[client]", null),
                new ChainStep(header, mapping.Location),
                new ChainStep("[mod_fcgid]", wrapper.Location),
                new ChainStep(jail is null ? "[suexec]" : "[suexec chroot]", null));
            var maxRequests = scope.Last("FcgidMaxRequestsPerProcess") ?? scope.Last("MaxRequestsPerProcess");
            var backend = CompleteWrapperBackend(PhpBackendKind.ModFcgid, chain, mapping, null, new Fact<string>(hostPath, wrapper.Location), jail);
            backends.Add(maxRequests is null ? backend : backend with { FcgidMaxRequests = new Fact<string>(ArgumentOrEmpty(maxRequests, 0), maxRequests.Location) });
        }
    }

    // mod_proxy_fcgi: SetHandler "proxy:unix:/sock|fcgi://…" (or ProxyPassMatch … unix:/sock|fcgi://…) → the FPM pool listening there.
    private void AddProxyBackends(ImmutableArray<PhpBackend>.Builder backends, DirectiveScope scope, string header, ImmutableArray<FpmConfig> fpm)
    {
        // SetHandler proxy:… first, then ProxyPass(Match) to a socket or fcgi://, each in the scope's order.
        List<(ApacheConfigDirective Directive, string Target)>? handlers = null;
        foreach (var d in Directives(scope, "SetHandler"))
            if (d.Arguments.Length > 0 && d.Arguments[0].Value.StartsWith("proxy:", StringComparison.OrdinalIgnoreCase))
                (handlers ??= new()).Add((d, d.Arguments[0].Value["proxy:".Length..]));
        foreach (var d in Directives(scope, "ProxyPassMatch", "ProxyPass"))
            if (d.Arguments.Length > 1 && (d.Arguments[1].Value.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || d.Arguments[1].Value.StartsWith("fcgi://", StringComparison.OrdinalIgnoreCase)))
                (handlers ??= new()).Add((d, d.Arguments[1].Value));
        if (handlers is null) return;
        foreach (var (directive, target) in handlers)
        {
            var socket = target.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) ? target[5..].Split('|')[0] : target.Split('|')[0];
            var pool = FindPool(fpm, socket);
            JailModel? jail = null;
            if (pool?.Chroot is { Length: > 0 } chroot && pool.Get("chroot") is { } chrootSetting)
            {
                jail = new JailModel(HostFileSystem.NormalizeHostPath(chroot), pool.Value("chdir") ?? "/", chrootSetting.Location);
            }
            var chain = ImmutableArray.CreateBuilder<ChainStep>();
            chain.Add(new ChainStep("[client]", null));
            chain.Add(new ChainStep(header, directive.Location));
            chain.Add(new ChainStep("[mod_proxy_fcgi]", directive.Location));
            chain.Add(new ChainStep(pool is null ? $"[no PHP-FPM pool listens on {socket}]" : $"[php-fpm pool {pool.Name}{(jail is null ? "" : " chroot " + jail.Root)}]", pool?.HeaderLocation));
            var scriptFilename = Directives(scope, "ProxyFCGISetEnvIf")
                .LastOrDefault(d => d.Arguments.Length >= 2 && d.Arguments[1].Value.TrimStart('!').Equals("SCRIPT_FILENAME", StringComparison.Ordinal));
            var backend = new PhpBackend
            {
                Kind = PhpBackendKind.ProxyFcgi,
                ScriptFilenameOverride = scriptFilename is null ? null : new Fact<string>(scriptFilename.ArgumentText, scriptFilename.Location),
                Chain = chain.ToImmutable(),
                Mapping = new Fact<string>(target, directive.Location),
                Socket = new Fact<string>(socket, directive.Location),
                Pool = pool,
                Jail = jail,
            };
            backends.Add(pool is null ? backend : WithIni(backend, FpmLaunch(pool), jail));
        }
    }

    // Pools by the socket path they listen on, indexed before the vhosts are built; TCP addresses are matched by port.
    private readonly Dictionary<string, FpmPool> _poolsBySocket = new(StringComparer.Ordinal);

    private void IndexPoolsBySocket(ImmutableArray<FpmConfig> fpm)
    {
        foreach (var pool in fpm.SelectMany(c => c.Pools))
            if (pool.Value("listen") is { } listen && listen.StartsWith('/'))
                _poolsBySocket.TryAdd(HostFileSystem.NormalizeHostPath(listen), pool);
    }

    private FpmPool? FindPool(ImmutableArray<FpmConfig> fpm, string socket)
    {
        if (socket.StartsWith('/'))
            return _poolsBySocket.TryGetValue(HostFileSystem.NormalizeHostPath(socket), out var byPath) ? byPath : null;
        return fpm.SelectMany(c => c.Pools).FirstOrDefault(p => ListenMatches(p.Value("listen"), socket));
    }

    private static bool ListenMatches(string? listen, string socket)
    {
        if (listen is null) return false;
        if (socket.StartsWith("fcgi://", StringComparison.OrdinalIgnoreCase))
        {
            var hostPort = socket["fcgi://".Length..].TrimEnd('/').Split('/')[0];
            var port = hostPort.Contains(':') ? hostPort[(hostPort.LastIndexOf(':') + 1)..] : "";
            return port.Length > 0 && (listen == hostPort || listen == port || listen.EndsWith(":" + port, StringComparison.Ordinal));
        }
        return HostFileSystem.NormalizeHostPath(listen) == HostFileSystem.NormalizeHostPath(socket);
    }

    private PhpLaunch FpmLaunch(FpmPool pool)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in pool.ArrayInEffect("env")) env[s.ArrayKey!] = s.Value;
        return new PhpLaunch("fpm-fcgi", "/usr/sbin/php-fpm8.2", null, env, null, false, _options.FpmIniDirectory, _options.FpmScanDirectory);
    }

    // The wrapper is read (a script: what it sets and execs; an ELF binary: PHP itself), then the php.ini PHP loads.
    private PhpBackend CompleteWrapperBackend(PhpBackendKind kind, ImmutableArray<ChainStep> chain, Fact<string> mapping, Fact<string>? action, Fact<string>? wrapperPath, JailModel? jail)
    {
        if (wrapperPath is not null) ShareWalk(jail, HostFileSystem.NormalizeHostPath(wrapperPath.Value));
        var (wrapper, wrapperIsProgram) = wrapperPath is null ? default : LoadWrapper(wrapperPath.Value);
        if (wrapper?.Interpreter is { } interpreter && interpreter.StartsWith('/')) ShareWalk(jail, ToHostPath(jail, interpreter));
        var steps = chain.ToBuilder();
        Fact<string>? phpBinary = null;
        var env = new Dictionary<string, Fact<string>>(StringComparer.Ordinal);
        string? iniOverride = null;
        bool noIni = false;
        var defines = new List<(string Key, string Value, Location Location)>();
        if (wrapper is not null)
        {
            steps.Add(new ChainStep($"[{Path.GetFileName(wrapper.HostPath)}{Describe(wrapper)}]", wrapper.Source.GetLineLocation(1)));
            foreach (var variable in wrapper.Variables.Where(v => v.Exported && v.Value is not null))
            {
                var at = variable.LastAssignment is { } a ? wrapper.GetLocation(a.Span) : wrapper.Source.GetLineLocation(1);
                env[variable.Name] = new Fact<string>(variable.Value!, at);
            }
            if (wrapper.Php is { } php)
            {
                foreach (var e in php.Environment.Where(e => e.Value is not null)) env[e.Name] = new Fact<string>(e.Value!, wrapper.GetLocation(e.Span));
                if (php.Program is not null) phpBinary = new Fact<string>(php.Program, wrapper.GetLocation(php.ProgramWord.Span));
                iniOverride = php.IniPath?.Value;
                noIni = php.NoIni;
                foreach (var d in php.Defines.Where(d => d.Key is not null))
                    defines.Add((d.Key!, d.Value ?? "1", wrapper.GetLocation(d.Span)));
                var children = env.TryGetValue("PHP_FCGI_CHILDREN", out var c) ? $" ×{c.Value}" : "";
                steps.Add(new ChainStep($"[{php.ProgramName ?? "php"}{children}]", wrapper.GetLocation(php.ProgramWord.Span)));
            }
        }
        else if (wrapperPath is not null && wrapperIsProgram)
        {
            // The process manager starts PHP itself, with no wrapper script in between.
            var inJail = jail is null ? wrapperPath.Value : InJailPath(jail, wrapperPath.Value) ?? wrapperPath.Value;
            phpBinary = new Fact<string>(inJail, wrapperPath.Location);
            steps.Add(new ChainStep($"[{Path.GetFileName(wrapperPath.Value)}]", wrapperPath.Location));
        }

        var backend = new PhpBackend
        {
            Kind = kind,
            Chain = steps.ToImmutable(),
            Mapping = mapping,
            Action = action,
            WrapperHostPath = wrapperPath,
            Wrapper = wrapper,
            PhpBinary = phpBinary,
            // The jail rules read the PHP binary (and the wrapper's interpreter): the walk tells how their paths resolve.
            PhpBinaryHostPath = phpBinary is null ? null : ShareWalk(jail, ToHostPath(jail, phpBinary.Value)),
            Jail = jail,
            Environment = env.AsReadOnly(),
        };
        if (phpBinary is null) return backend;
        var cwd = wrapper is not null ? InJailPath(jail, Path.GetDirectoryName(wrapper.HostPath) ?? "/") : null;
        var envForPhp = env.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
        var launch = new PhpLaunch("cgi-fcgi", phpBinary.Value, cwd, envForPhp, iniOverride, noIni, _options.CgiIniDirectory, _options.CgiScanDirectory);
        return WithIni(backend, launch, jail, defines);
    }

    private static string Describe(WrapperModel wrapper)
    {
        var children = wrapper.Variable("PHP_FCGI_CHILDREN");
        return children?.Value is { } n && children.Exported ? $" PHP_FCGI_CHILDREN={n}" : "";
    }

    // The files PHP sees, inside its jail if it has one. Most places PHP looks for php.ini are not there, and the jail's
    // walk has read the directories they would be in.
    private sealed class FilesPhpSees(HostModelBuilder builder, JailModel? jail) : PhpIniLocator.IFiles
    {
        private readonly bool _walked = builder._probeByWalks && jail is not null;

        public bool IsFile(string path) =>
            _walked ? builder._walks.FileExistsInJail(jail!.Root, path) : builder.Fs.FileExists(ToHostPath(jail, path));

        public bool IsDirectory(string path) =>
            _walked ? builder._walks.DirectoryExistsInJail(jail!.Root, path) : builder.Fs.DirectoryExists(ToHostPath(jail, path));

        public IEnumerable<string>? ListDirectory(string path) => builder.Fs.ListDirectory(ToHostPath(jail, path));
    }

    // Resolves which php.ini PHP loads (inside the jail), reads it, and computes the values in effect.
    private PhpBackend WithIni(PhpBackend backend, PhpLaunch launch, JailModel? jail, List<(string Key, string Value, Location Location)>? defines = null)
    {
        var resolution = PhpIniLocator.Resolve(launch, new FilesPhpSees(this, jail));
        var files = ImmutableArray.CreateBuilder<PhpIniFile>();
        if (resolution.LoadedFile is { } main && LoadIni(ShareWalk(jail, ToHostPath(jail, main)), PhpIniRole.Main) is { } mainIni) files.Add(mainIni);
        foreach (var scanned in resolution.ScannedFiles)
            if (LoadIni(ShareWalk(jail, ToHostPath(jail, scanned)), PhpIniRole.ScanDirectory) is { } ini) files.Add(ini);

        var effective = new Dictionary<string, EffectiveIniSetting>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var entry in file.Document.Entries)
                if (entry.IsGlobalSetting && entry.Offset is null)
                    effective[entry.Key] = new EffectiveIniSetting(entry.Key, entry.Value!.Text, file.Document.GetLocation(entry.Span), file.HostPath);
        }
        if (defines is not null)
            foreach (var (key, value, location) in defines)
                effective[key] = new EffectiveIniSetting(key, value, location, "-d");
        if (backend.Pool is { } pool)
        {
            // FPM applies the php_value/php_flag list, then the admin list (fpm_php_apply_defines): an admin setting wins.
            foreach (var list in new[] { pool.ArrayInEffect("php_value", "php_flag"), pool.ArrayInEffect("php_admin_value", "php_admin_flag") })
                foreach (var s in list)
                    effective[s.ArrayKey!] = new EffectiveIniSetting(s.ArrayKey!, s.Value, s.Location, $"{s.Key}[]");
        }
        return backend with { IniResolution = resolution, IniFiles = files.ToImmutable(), Effective = effective.AsReadOnly() };
    }

    // Lets the file system take a path inside a jail from the jail's walk (see JailWalks.ShareWithFileSystem), before it is read.
    private string ShareWalk(JailModel? jail, string hostPath)
    {
        if (_probeByWalks && jail is not null) _walks.ShareWithFileSystem(jail.Root, hostPath);
        return hostPath;
    }

    /// <summary>The host path of a path PHP (maybe jailed) names.</summary>
    public static string ToHostPath(JailModel? jail, string path) =>
        jail is null || jail.Root == "/" ? HostFileSystem.NormalizeHostPath(path) : HostFileSystem.NormalizeHostPath(jail.Root, path);

    /// <summary>The in-jail path of a host path, or null when it lies outside the jail.</summary>
    public static string? InJailPath(JailModel? jail, string hostPath)
    {
        var normalized = HostFileSystem.NormalizeHostPath(hostPath);
        if (jail is null || jail.Root == "/") return normalized;
        if (normalized == jail.Root) return "/";
        return normalized.StartsWith(jail.Root + "/", StringComparison.Ordinal) ? normalized[jail.Root.Length..] : null;
    }

    // A wrapper as read: the script's model, or that it is a compiled program (PHP itself, say), or neither (missing, unreadable).
    private sealed record WrapperRead(WrapperModel? Model, bool IsProgram);

    private (WrapperModel? Model, bool IsProgram) LoadWrapper(string hostPath) => Use(_wrappers, hostPath, path =>
    {
        if (!Fs.FileExists(path)) return new StagedFile(new WrapperRead(null, false), null);
        var staged = new Compilation(Fs, _compilation.Options);
        // A wrapper that is a compiled program is not read as a script (the ELF check and the read are one open).
        bool isProgram = new WrapperFrontEnd().Load(staged, path, _request, skipPrograms: true);
        return new StagedFile(new WrapperRead(staged.InputsOf<WrapperModel>().FirstOrDefault(), isProgram), staged);
    }) is WrapperRead read ? (read.Model, read.IsProgram) : default;

    private PhpIniFile? LoadIni(string hostPath, PhpIniRole role) => (PhpIniFile?)Use(_iniFiles, hostPath, path =>
    {
        if (_namedIniFiles.TryGetValue(path, out var named)) return new StagedFile(named, null);
        if (!Fs.FileExists(path)) return new StagedFile(null, null);
        var staged = new Compilation(Fs, _compilation.Options);
        var text = Fs.ReadText(path, staged.Diagnostics);
        PhpIniFile? ini = null;
        if (text is not null)
        {
            staged.AddSource(text);
            ini = PhpIniFrontEnd.Read(text, role, staged.Diagnostics);
            staged.AddInput(ini);
        }
        return new StagedFile(ini, staged);
    });

    // The file at hostPath, read once (by whichever thread asks first) and noted as used by this thread's vhost.
    private object? Use(System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<StagedFile>> files, string hostPath, Func<string, StagedFile> read)
    {
        var file = files.GetOrAdd(hostPath, path => new Lazy<StagedFile>(() => read(path))).Value;
        _filesOfVhost.Value!.Add(file);
        return file.Result;
    }

    // `readAhead`: the file as read into a staging compilation beforehand, joined here instead of reading it now.
    private T? LoadInput<T>(InputKind kind, string hostPath, Compilation? readAhead = null) where T : class
    {
        var existing = _compilation.InputsOf<T>().FirstOrDefault();
        if (existing is not null) return existing;
        if (readAhead is not null)
        {
            _compilation.Append(readAhead);
            return readAhead.InputsOf<T>().FirstOrDefault();
        }
        if (!Fs.FileExists(hostPath)) return null;
        int before = _compilation.Inputs.Count;
        FrontEnds.For(kind)?.Load(_compilation, hostPath, _request);
        return _compilation.Inputs.Skip(before).OfType<T>().FirstOrDefault();
    }

    private ImmutableArray<FpmConfig> LoadFpmConfigs(HostFilesAhead.Staged? ahead)
    {
        var loaded = _compilation.InputsOf<FpmConfig>().ToList();
        if (loaded.Count > 0) return loaded.ToImmutableArray();
        if (ahead is not null && ahead.Fpm is { } staged)
        {
            _compilation.Append(staged);
            return staged.InputsOf<FpmConfig>().FirstOrDefault() is { } read ? ImmutableArray.Create(read) : ImmutableArray<FpmConfig>.Empty;
        }
        var main = _options.FpmConfigCandidates.FirstOrDefault(Fs.FileExists);
        if (main is null) return ImmutableArray<FpmConfig>.Empty;
        return LoadInput<FpmConfig>(InputKind.Fpm, main) is { } config ? ImmutableArray.Create(config) : ImmutableArray<FpmConfig>.Empty;
    }

    // URL → file, as mod_alias maps it (ScriptAlias/Alias prefix with path-segment match; *Match as regex), else under DocumentRoot.
    private (string? Path, Fact<string>? MappedBy) MapUrl(DirectiveScope scope, string url, Fact<string>? documentRoot)
    {
        var aliases = Directives(scope, "ScriptAlias", "Alias");
        for (int i = aliases.Count - 1; i >= 0; i--)
        {
            var d = aliases[i];
            if (d.Arguments.Length < 2) continue;
            if (AliasMatches(url, d.Arguments[0].Value) is { } rest)
                return (HostFileSystem.NormalizeHostPath(d.Arguments[1].Value + "/" + rest), new Fact<string>(d.Name, d.Location));
        }
        var aliasMatches = Directives(scope, "ScriptAliasMatch", "AliasMatch");
        for (int i = aliasMatches.Count - 1; i >= 0; i--)
        {
            var d = aliasMatches[i];
            if (d.Arguments.Length < 2) continue;
            try
            {
                var m = Regex.Match(url, d.Arguments[0].Value, RegexOptions.None, TimeSpan.FromMilliseconds(200));
                if (m.Success) return (HostFileSystem.NormalizeHostPath(m.Result(d.Arguments[1].Value)), new Fact<string>(d.Name, d.Location));
            }
            catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
            {
                continue;
            }
        }
        return documentRoot is null
            ? (null, null)
            : (HostFileSystem.NormalizeHostPath(documentRoot.Value, url), new Fact<string>("DocumentRoot", documentRoot.Location));
    }

    // mod_alias alias_matches: the alias prefix must match whole path segments (slashes collapse).
    private static string? AliasMatches(string uri, string alias)
    {
        var a = alias.TrimEnd('/');
        if (a.Length == 0) return uri.TrimStart('/');
        if (!uri.StartsWith(a, StringComparison.Ordinal)) return null;
        var rest = uri[a.Length..];
        if (rest.Length > 0 && rest[0] != '/') return null;
        return rest.TrimStart('/');
    }

    // mod_fastcgi handles the Action target when a <Location> covering the URL (or a <Directory> holding the file)
    // sets the fastcgi-script handler, or FastCgiServer names the file.
    private bool IsFastCgiHandled(DirectiveScope scope, string url, string? wrapperHostPath)
    {
        if (wrapperHostPath is not null)
        {
            var servers = scope.Contexts("FastCgiServer");
            for (int i = 0; i < servers.Count; i++)
                if (servers[i].Directive is { Arguments.Length: > 0 } d && HostFileSystem.NormalizeHostPath(d.Arguments[0].Value) == wrapperHostPath) return true;
        }
        var handlers = scope.Contexts("SetHandler", "AddHandler");
        for (int i = 0; i < handlers.Count; i++)
        {
            var context = handlers[i];
            var d = context.Directive;
            if (d is null || d.Arguments.Length == 0 || !d.Arguments[0].Value.Equals("fastcgi-script", StringComparison.OrdinalIgnoreCase)) continue;
            var location = context.Sections.LastOrDefault(s => s.Kind is ApacheSectionKind.Location or ApacheSectionKind.Directory);
            if (location is null) continue;
            var target = location.Arguments.Length > 0 ? location.Arguments[0].Value : "";
            if (location.Kind == ApacheSectionKind.Location && AliasMatches(url, target) is not null) return true;
            if (location.Kind == ApacheSectionKind.Directory && wrapperHostPath is not null
                && (wrapperHostPath + "/").StartsWith(HostFileSystem.NormalizeHostPath(target) + "/", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Whether a handler .php files get (see <see cref="HandlerMappings"/>) is one an Action can name: not mod_fcgid's, mod_proxy's or mod_fastcgi's own.</summary>
    private static bool IsPhpHandlerMapping(Fact<string> m) =>
        !m.Value.Equals("fcgid-script", StringComparison.OrdinalIgnoreCase)
        && !m.Value.StartsWith("proxy:", StringComparison.OrdinalIgnoreCase)
        && !m.Value.Equals("fastcgi-script", StringComparison.OrdinalIgnoreCase);

    private static List<Fact<string>> HandlerMappings(DirectiveScope scope)
    {
        var mappings = new List<Fact<string>>();
        var handlers = scope.Contexts("AddHandler", "SetHandler");
        for (int i = 0; i < handlers.Count; i++)
        {
            var context = handlers[i];
            var d = context.Directive;
            if (d is null || d.Arguments.Length == 0) continue;
            bool mapsPhp = d.Is("AddHandler") ? NamesPhpExtension(d.Arguments)
                : d.Is("SetHandler") && context.Sections is { IsEmpty: false } sections && sections[^1] is var s
                    && s.Kind is ApacheSectionKind.FilesMatch or ApacheSectionKind.Files && s.ArgumentText.Contains("php", StringComparison.OrdinalIgnoreCase);
            if (mapsPhp && !Maps(mappings, d.Arguments[0].Value)) mappings.Add(new Fact<string>(d.Arguments[0].Value, d.Location));
        }
        return mappings;

        // Only the first mapping of each handler (in any case) is kept; a vhost maps a handful.
        static bool Maps(List<Fact<string>> mappings, string handler)
        {
            foreach (var m in mappings)
                if (m.Value.Equals(handler, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }

    // AddHandler's extensions (its arguments after the handler): one of PHP's?
    private static bool NamesPhpExtension(ImmutableArray<ApacheWord> arguments)
    {
        for (int i = 1; i < arguments.Length; i++)
            if (IsPhpExtension(arguments[i].Value)) return true;
        return false;
    }

    private static bool IsPhpExtension(string extension)
    {
        var e = extension.AsSpan().TrimStart('.');
        return e.StartsWith("php", StringComparison.OrdinalIgnoreCase) || e.Equals("phtml", StringComparison.OrdinalIgnoreCase);
    }

    private readonly record struct Suexec(Fact<string> User, Fact<string> Group);

    // Whether the node lies inside the section (one of the sections around it).
    private static bool Encloses(ApacheNodeContext context, ApacheConfigSection section)
    {
        foreach (var around in context.Sections)
            if (ReferenceEquals(around, section)) return true;
        return false;
    }

    private static Suexec? SuexecOf(ArraySegment<ApacheNodeContext> nodes) =>
        LastDirective(nodes, "SuexecUserGroup") is { Arguments.Length: >= 2 } d
            ? new Suexec(new Fact<string>(d.Arguments[0].Value, d.Location), new Fact<string>(d.Arguments[1].Value, d.Location))
            : null;

    /// <summary>The directives named <paramref name="name"/> or <paramref name="second"/> (any case) in the scope, in order; an empty list (shared: never to be changed) when there are none.</summary>
    private static IReadOnlyList<ApacheConfigDirective> Directives(DirectiveScope scope, string name, string? second = null) =>
        scope.Collect(name, second, static context => (ApacheConfigDirective)context.Node);

    // The main server's scope, shared by every vhost: its directives' places by name, found once before the vhosts are built.
    private MainDirectives? _mainDirectives;

    private sealed class MainDirectives
    {
        public readonly ArraySegment<ApacheNodeContext> Nodes;
        private readonly Dictionary<string, List<int>> _byName = new(StringComparer.OrdinalIgnoreCase);

        public MainDirectives(ArraySegment<ApacheNodeContext> nodes)
        {
            Nodes = nodes;
            for (int i = 0; i < nodes.Count; i++)
            {
                if (nodes[i].Node is not ApacheConfigDirective d) continue;
                if (!_byName.TryGetValue(d.Name, out var places)) _byName[d.Name] = places = new List<int>(1);
                places.Add(i);
            }
        }

        /// <summary>Adds what <paramref name="select"/> makes of each directive named <paramref name="name"/> or <paramref name="second"/>, in the scope's order.</summary>
        public void Collect<T>(ref List<T>? found, string name, string? second, Func<ApacheNodeContext, T> select)
        {
            _byName.TryGetValue(name, out var first);
            List<int>? other = null;
            if (second is not null) _byName.TryGetValue(second, out other);
            // Two ascending lists of places, merged.
            int i = 0, j = 0, firstCount = first?.Count ?? 0, otherCount = other?.Count ?? 0;
            while (i < firstCount || j < otherCount)
            {
                int place = j >= otherCount || (i < firstCount && first![i] < other![j]) ? first![i++] : other![j++];
                (found ??= new List<T>()).Add(select(Nodes[place]));
            }
        }

        public ApacheConfigDirective? Last(string name) =>
            _byName.TryGetValue(name, out var places) ? (ApacheConfigDirective)Nodes[places[^1]].Node : null;
    }

    // The directives a vhost's PHP chain is read from: the main server's (which apply to every vhost), then the vhost's
    // own, in that order. The main server's come from their index; a vhost's few are scanned.
    private sealed class DirectiveScope(MainDirectives? main, ArraySegment<ApacheNodeContext> own)
    {
        /// <summary>The contexts of the directives named <paramref name="name"/> or <paramref name="second"/> (any case), in order; an empty list (shared) when there are none.</summary>
        public IReadOnlyList<ApacheNodeContext> Contexts(string name, string? second = null) => Collect(name, second, static context => context);

        /// <summary>What <paramref name="select"/> makes of each directive named <paramref name="name"/> or <paramref name="second"/>, in order (the main server's first).</summary>
        // A list is made only when something matches: most names are looked up in vhosts that have none of them.
        public IReadOnlyList<T> Collect<T>(string name, string? second, Func<ApacheNodeContext, T> select)
        {
            List<T>? found = null;
            Collect(ref found, name, second, select);
            return found ?? (IReadOnlyList<T>)Array.Empty<T>();
        }

        private void Collect<T>(ref List<T>? found, string name, string? second, Func<ApacheNodeContext, T> select)
        {
            main?.Collect(ref found, name, second, select);
            foreach (var context in own)
                if (context.Node is ApacheConfigDirective d && (d.Is(name) || (second is not null && d.Is(second))))
                    (found ??= new List<T>()).Add(select(context));
        }

        /// <summary>The last directive named <paramref name="name"/> (what httpd keeps).</summary>
        public ApacheConfigDirective? Last(string name) => LastDirective(own, name) ?? main?.Last(name);
    }

    private static IReadOnlyList<ApacheConfigDirective> Directives(ArraySegment<ApacheNodeContext> nodes, string name) =>
        Directives(new DirectiveScope(null, nodes), name);

    // From the end: the last one is what httpd keeps, and most scopes are searched for several names.
    private static ApacheConfigDirective? LastDirective(ArraySegment<ApacheNodeContext> nodes, string name)
    {
        for (int i = nodes.Count - 1; i >= 0; i--)
            if (nodes[i].Node is ApacheConfigDirective d && d.Is(name)) return d;
        return null;
    }

    private static string ArgumentOrEmpty(ApacheConfigDirective d, int index) => d.Arguments.Length > index ? d.Arguments[index].Value : "";

    private static Fact<string> Fact(ApacheConfigDirective d, string value) => new(value, d.Location);
}
