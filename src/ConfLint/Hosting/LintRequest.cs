namespace ConfLint.Hosting;

/// <summary>The kinds of file ConfLint reads. Auto = recognise by name and content.</summary>
public enum InputKind
{
    Auto,
    Apache,
    Htaccess,
    PhpIni,
    Fpm,
    Wrapper,
    Passwd,
    Group,
}

/// <summary>What the admin asked for: the inputs and the facts that cannot be read from files.</summary>
public sealed record LintRequest
{
    /// <summary>Files or directories as given on the command line (real paths on this machine).</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    /// <summary>The sysroot (--root); null = "/" unless a path argument is itself a host tree.</summary>
    public string? Root { get; init; }

    /// <summary>--server-root: httpd's ServerRoot when the config sets none (default: the main file's directory).</summary>
    public string? ServerRoot { get; init; }

    /// <summary>--module NAME (add to the loaded set) or --module !NAME (remove), as mod_x.c or x_module.</summary>
    public IReadOnlyList<string> Modules { get; init; } = Array.Empty<string>();

    /// <summary>--define NAME, like httpd's -D.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>--kind: how to read every named file; Auto recognises each file.</summary>
    public InputKind Kind { get; init; } = InputKind.Auto;

    public bool NoDisk { get; init; }

    /// <summary>Host facts no file gives (suexec's chroot, UID/GID minimums, PHP's compiled paths).</summary>
    public Model.HostingOptions Hosting { get; init; } = Model.HostingOptions.Default;

    /// <summary>--fpm-config: PHP-FPM main configurations to read instead of looking in the usual places.</summary>
    public IReadOnlyList<string> FpmConfigs { get; init; } = Array.Empty<string>();
}
