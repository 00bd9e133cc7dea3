using System.Collections.Immutable;
using ConfLint.Syntax.Apache;
using ConfLint.Syntax.Ini;
using ConfLint.Syntax.Passwd;
using ConfLint.Syntax.Shell;
using ConfLint.Text;

namespace ConfLint.Hosting.Model;

/// <summary>A value and the place it was read from: every fact of the model keeps its source.</summary>
public sealed record Fact<T>(T Value, Location Location);

/// <summary>How a vhost runs PHP.</summary>
public enum PhpBackendKind
{
    /// <summary>mod_fastcgi: AddHandler → Action → ScriptAlias → SetHandler fastcgi-script, started through FastCgiWrapper.</summary>
    ModFastcgi,

    /// <summary>mod_fcgid: FcgidWrapper, started through suexec when SuexecUserGroup is set.</summary>
    ModFcgid,

    /// <summary>mod_proxy_fcgi to a PHP-FPM pool (SetHandler "proxy:unix:…|fcgi://…" or ProxyPassMatch).</summary>
    ProxyFcgi,

    /// <summary>An Action whose target has no FastCGI handling: PHP runs as plain CGI, one process per request.</summary>
    Cgi,
}

/// <summary>The jail a chrooting wrapper derives from the suexec user's passwd home (the part before `/./`).</summary>
public sealed record JailModel(string Root, string HomeInJail, Location Source);

/// <summary>One link of the request flow, for `conflint model` and for diagnostics that name the chain.</summary>
public sealed record ChainStep(string Label, Location? Location)
{
    // Most labels repeat from vhost to vhost ("[mod_fcgid]", "[php-wrapper PHP_FCGI_CHILDREN=3]"): one string each.
    public string Label { get; init; } = SharedStrings.Get(Label);
}

/// <summary>A php.ini value in effect for a PHP backend, and where it was set (php.ini line, `-d`, FPM php_admin_value…).</summary>
public sealed record EffectiveIniSetting(string Name, string Value, Location Location, string Origin)
{
    /// <summary>
    /// A boolean setting read as PHP reads it after INI parsing (Off/No/False already became ""):
    /// empty or a number equal to 0 is off.
    /// </summary>
    public bool IsOff
    {
        get
        {
            var v = Value.Trim();
            return v.Length == 0 || (long.TryParse(v, out var n) && n == 0);
        }
    }
}

/// <summary>How a vhost's PHP is reached and what it runs with.</summary>
public sealed record PhpBackend
{
    public required PhpBackendKind Kind { get; init; }

    /// <summary>The request flow, client first.</summary>
    public required ImmutableArray<ChainStep> Chain { get; init; }

    /// <summary>The directive that maps .php to this backend (AddHandler, SetHandler, FcgidWrapper, ProxyPassMatch).</summary>
    public required Fact<string> Mapping { get; init; }

    /// <summary>The Action line (mod_fastcgi / CGI).</summary>
    public Fact<string>? Action { get; init; }

    /// <summary>How the Action URL became a file: "ScriptAlias", "Alias", "ScriptAliasMatch", "AliasMatch" (at that directive) or "DocumentRoot".</summary>
    public Fact<string>? ActionTargetMapping { get; init; }

    /// <summary>True when the Action has the `virtual` modifier (the target need not exist as a file).</summary>
    public bool ActionIsVirtual { get; init; }

    /// <summary>The wrapper (or PHP binary) the process manager starts, as a host path, and the directive that names it.</summary>
    public Fact<string>? WrapperHostPath { get; init; }

    public WrapperModel? Wrapper { get; init; }

    /// <summary>The PHP binary as the started process names it (an in-jail path when jailed), and where it is named.</summary>
    public Fact<string>? PhpBinary { get; init; }

    /// <summary>The PHP binary as a host path (jail root + in-jail path).</summary>
    public string? PhpBinaryHostPath { get; init; }

    /// <summary>The jail this PHP runs in: the suexec user's (mod_fastcgi/mod_fcgid) or the FPM pool's `chroot`.</summary>
    public JailModel? Jail { get; init; }

    /// <summary>The environment PHP really gets: what the wrapper sets (suexec drops what Apache sets).</summary>
    public IReadOnlyDictionary<string, Fact<string>> Environment { get; init; } = EmptyEnvironment;

    /// <summary>Which php.ini PHP loads (in-jail paths), following PHP's search order.</summary>
    public PhpIniResolution? IniResolution { get; init; }

    /// <summary>The php.ini files PHP reads, main file first, then the scan directory's.</summary>
    public ImmutableArray<PhpIniFile> IniFiles { get; init; } = ImmutableArray<PhpIniFile>.Empty;

    /// <summary>The values in effect after php.ini, the scan directory, `-d` and FPM overrides (later wins).</summary>
    public IReadOnlyDictionary<string, EffectiveIniSetting> Effective { get; init; } = EmptyEffective;

    // Read-only views over dictionaries the builder fills once (a host has thousands of backends, and an immutable
    // dictionary costs a tree of nodes for each handful of entries).
    private static readonly IReadOnlyDictionary<string, Fact<string>> EmptyEnvironment = new Dictionary<string, Fact<string>>().AsReadOnly();
    private static readonly IReadOnlyDictionary<string, EffectiveIniSetting> EmptyEffective = new Dictionary<string, EffectiveIniSetting>().AsReadOnly();

    /// <summary>The FPM pool (mod_proxy_fcgi).</summary>
    public FpmPool? Pool { get; init; }

    /// <summary>The FPM socket or address the handler names (mod_proxy_fcgi).</summary>
    public Fact<string>? Socket { get; init; }

    /// <summary>mod_proxy_fcgi: a `ProxyFCGISetEnvIf … SCRIPT_FILENAME …` in scope, which can send the in-jail path.</summary>
    public Fact<string>? ScriptFilenameOverride { get; init; }

    /// <summary>mod_fcgid: FcgidMaxRequestsPerProcess in scope (mod_fcgid's default is 0, unlimited).</summary>
    public Fact<string>? FcgidMaxRequests { get; init; }


    public EffectiveIniSetting? Setting(string name) => Effective.TryGetValue(name, out var s) ? s : null;
}

/// <summary>One virtual host (or the main server) with everything bound to it across files.</summary>
public sealed class VirtualHostModel
{
    /// <summary>The &lt;VirtualHost&gt; section; null for the main server.</summary>
    public ApacheConfigSection? Section { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The location that stands for the vhost (its open tag, or the main file).</summary>
    public required Location Location { get; init; }

    public ImmutableArray<string> Addresses { get; init; } = ImmutableArray<string>.Empty;

    public Fact<string>? ServerName { get; init; }

    public ImmutableArray<Fact<string>> ServerAliases { get; init; } = ImmutableArray<Fact<string>>.Empty;

    public Fact<string>? DocumentRoot { get; init; }

    public Fact<string>? SuexecUser { get; init; }

    public Fact<string>? SuexecGroup { get; init; }

    /// <summary>The directive line of SuexecUserGroup (where user/group findings point).</summary>
    public Location? SuexecLocation { get; init; }

    public PasswdEntry? User { get; init; }

    public GroupEntry? Group { get; init; }

    /// <summary>The jail from the suexec user's home, when the host uses jails.</summary>
    public JailModel? Jail { get; init; }

    public ImmutableArray<PhpBackend> Backends { get; init; } = ImmutableArray<PhpBackend>.Empty;
}

/// <summary>
/// The hosting model: the host's vhosts bound to their users, jails, handler chains, wrappers,
/// PHP binaries and php.ini files. Analyzers of the cross-file rules inspect this input.
/// </summary>
public sealed class HostModel
{
    public required ApacheConfiguration Apache { get; init; }

    public required HostFileSystem FileSystem { get; init; }

    public required HostingOptions Options { get; init; }

    public PasswdFile? Passwd { get; init; }

    public GroupFile? Group { get; init; }

    public ImmutableArray<FpmConfig> FpmConfigs { get; init; } = ImmutableArray<FpmConfig>.Empty;

    /// <summary>The server-wide FastCgiWrapper (mod_fastcgi), if set.</summary>
    public Fact<string>? FastCgiWrapper { get; init; }

    /// <summary>True when the host chroots its PHP (see <see cref="HostingOptions.SuexecChroot"/>).</summary>
    public bool UsesJails { get; init; }

    public ImmutableArray<VirtualHostModel> VirtualHosts { get; init; } = ImmutableArray<VirtualHostModel>.Empty;

    /// <summary>Every vhost's PHP backends, vhost by vhost (a dozen rules look at each; made once).</summary>
    public ImmutableArray<PhpBackend> Backends
    {
        get
        {
            if (_backends is { IsDefault: false } made) return made;
            var all = ImmutableArray.CreateBuilder<PhpBackend>();
            foreach (var vhost in VirtualHosts) all.AddRange(vhost.Backends);
            return _backends = all.ToImmutable();
        }
    }

    private ImmutableArray<PhpBackend> _backends;

    private ConfLint.Jail.JailWalks? _walks;

    /// <summary>The walks of the jails on disk (the builder may have started reading them ahead).</summary>
    public ConfLint.Jail.JailWalks Walks
    {
        get => _walks ??= new ConfLint.Jail.JailWalks(FileSystem);
        init => _walks = value;
    }

    /// <summary>Whether the jails are walked in this run (a lint), so that paths inside a jail may be answered from its walk.</summary>
    public bool ProbesJailsByWalks { get; init; }

    /// <summary>What stat(2) finds at a host path inside a jail, from the jail's walk when it can tell (see <see cref="ConfLint.Jail.JailWalk.Probe"/>).</summary>
    public ConfLint.Jail.JailPathAnswer ProbeInJail(JailModel? jail, string hostPath) =>
        ProbesJailsByWalks && jail is not null ? Walks.Probe(jail.Root, HostFileSystem.NormalizeHostPath(hostPath)) : ConfLint.Jail.JailPathAnswer.Unknown;

    /// <summary>Whether a host path inside a jail names something that is not a directory (symlinks followed), as <see cref="HostFileSystem.FileExists"/>.</summary>
    public bool FileExistsInJail(JailModel? jail, string hostPath) =>
        ProbesJailsByWalks && jail is not null ? Walks.FileExists(jail.Root, HostFileSystem.NormalizeHostPath(hostPath)) : FileSystem.FileExists(hostPath);

    /// <summary>Whether anything is at a host path inside a jail (symlinks followed), as <see cref="HostFileSystem.Exists"/>.</summary>
    public bool ExistsInJail(JailModel? jail, string hostPath) =>
        ProbesJailsByWalks && jail is not null ? Walks.Exists(jail.Root, HostFileSystem.NormalizeHostPath(hostPath)) : FileSystem.Exists(hostPath);

    private ConfLint.Jail.JailInspector? _inspector;

    /// <summary>lstat(2) for the jail rules, one per run so that the ancestors jails share are read once.</summary>
    public ConfLint.Jail.JailInspector Inspector => _inspector ??= new ConfLint.Jail.JailInspector(FileSystem);

    /// <summary>Every path inside a jail as lstat sees it (walked once per run, shared by the jail rules).</summary>
    public ConfLint.Jail.JailWalk JailEntries(string jailRoot) => Walks.Walk(jailRoot);

    /// <summary>
    /// lstat of a host path (see <see cref="ConfLint.Jail.JailInspector.Lstat"/>), taken from the jail's walk when the
    /// walk reached it: the walk lstat'ed that very path, unless a symlinked directory lies on the way, which the walk
    /// does not follow and a lookup does.
    /// </summary>
    public ConfLint.Jail.JailFileInfo Lstat(JailModel? jail, string hostPath)
    {
        if (jail is not null && jail.Root != "/")
        {
            var normalized = HostFileSystem.NormalizeHostPath(hostPath);
            var root = jail.Root;
            if (normalized == root) return Walks.Walk(root) is { Count: > 0 } walk ? walk[0] : Inspector.Lstat(hostPath);
            if (ConfLint.Jail.JailWalks.TryPathInJail(root, normalized, out var pathInJail) && Walks.Walk(root).Find(pathInJail) is { } entry)
                return entry;
        }
        return Inspector.Lstat(hostPath);
    }

    /// <summary>
    /// Every jail PHP runs in (suexec users' and FPM pools' chroots), once each, with the vhost and
    /// backend that first lead to it and the UID/GID that runs inside (null when unknown).
    /// </summary>
    public IReadOnlyList<JailUse> Jails => _jails ??= FindJails().ToList();

    private List<JailUse>? _jails;

    private IEnumerable<JailUse> FindJails()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vhost in VirtualHosts)
        {
            foreach (var backend in vhost.Backends)
            {
                if (backend.Jail is null || !seen.Add(backend.Jail.Root)) continue;
                long? uid = backend.Kind == PhpBackendKind.ProxyFcgi
                    ? (backend.Pool?.Value("user") is { } u ? Passwd?.FindUser(u)?.Uid : null)
                    : vhost.User?.Uid;
                long? gid = backend.Kind == PhpBackendKind.ProxyFcgi
                    ? (backend.Pool?.Value("group") is { } g ? Group?.FindGroup(g)?.Gid : null)
                    : vhost.User?.Gid;
                yield return new JailUse(backend.Jail, vhost, backend, uid, gid);
            }
            if (vhost.Jail is { } jail && seen.Add(jail.Root))
                yield return new JailUse(jail, vhost, null, vhost.User?.Uid, vhost.User?.Gid);
        }
    }
}

/// <summary>A jail, the vhost (and backend) that runs PHP in it, and the IDs PHP runs as there.</summary>
public sealed record JailUse(JailModel Jail, VirtualHostModel VirtualHost, PhpBackend? Backend, long? Uid, long? Gid);
