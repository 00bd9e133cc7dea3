namespace ConfLint.Hosting.Model;

/// <summary>Whether the host's suexec-style wrappers chroot (model conventions of the rule catalogue).</summary>
public enum SuexecChrootMode
{
    /// <summary>Jails are in use when a custom FastCgiWrapper (a path) is configured or a suexec user's home has `/./`.</summary>
    Auto,
    Yes,

    /// <summary>A stock suexec: nothing is jailed, paths are host paths, jail rules are skipped.</summary>
    No,
}

/// <summary>Facts about the host that no file gives, with the defaults of Debian's packages.</summary>
public sealed record HostingOptions
{
    public static HostingOptions Default { get; } = new();

    public SuexecChrootMode SuexecChroot { get; init; } = SuexecChrootMode.Auto;

    /// <summary>suexec's AP_UID_MIN (Debian: 100).</summary>
    public long UidMin { get; init; } = 100;

    /// <summary>suexec's AP_GID_MIN (Debian: 100).</summary>
    public long GidMin { get; init; } = 100;

    /// <summary>suexec's AP_DOC_ROOT (Debian: /var/www).</summary>
    public string SuexecDocRoot { get; init; } = "/var/www";

    /// <summary>php-cgi's compiled php.ini directory and scan directory (Debian 8.2).</summary>
    public string CgiIniDirectory { get; init; } = "/etc/php/8.2/cgi";

    public string CgiScanDirectory { get; init; } = "/etc/php/8.2/cgi/conf.d";

    /// <summary>php-fpm's compiled php.ini directory and scan directory (Debian 8.2).</summary>
    public string FpmIniDirectory { get; init; } = "/etc/php/8.2/fpm";

    public string FpmScanDirectory { get; init; } = "/etc/php/8.2/fpm/conf.d";

    /// <summary>Where PHP-FPM's main configuration is looked for, in order (or the one named with --fpm-config).</summary>
    public IReadOnlyList<string> FpmConfigCandidates { get; init; } = new[]
    {
        "/etc/php/8.2/fpm/php-fpm.conf", "/etc/php-fpm.conf", "/usr/local/etc/php-fpm.conf",
    };
}
