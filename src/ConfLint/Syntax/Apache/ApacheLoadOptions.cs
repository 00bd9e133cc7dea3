using ConfLint.Hosting;

namespace ConfLint.Syntax.Apache;

/// <summary>What the Apache loader needs beyond the files: facts given on the command line and injectable knowledge.</summary>
public sealed record ApacheLoadOptions
{
    public static ApacheLoadOptions Default { get; } = new();

    /// <summary>httpd's ServerRoot when the configuration sets none (host path); default: the main file's directory.</summary>
    public string? ServerRoot { get; init; }

    /// <summary>Modules assumed loaded (<c>rewrite_module</c>, <c>mod_rewrite.c</c>) or, with a leading <c>!</c>, assumed absent.</summary>
    public IReadOnlyList<string> Modules { get; init; } = Array.Empty<string>();

    /// <summary>Names defined as with httpd's <c>-D</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = Array.Empty<string>();

    /// <summary>httpd's environment for <c>${VAR}</c> (after Define). Debian's envvars beside the main file is added to it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Read <c>envvars</c> (Debian) when it sits beside the main file.</summary>
    public bool ReadEnvvars { get; init; } = true;

    /// <summary>The httpd version &lt;IfVersion&gt; compares against.</summary>
    public string HttpdVersion { get; init; } = "2.4.71";

    /// <summary>
    /// Whether a directive name is known to httpd with the loaded modules (for &lt;IfDirective&gt;);
    /// null = unknown: such blocks are treated as skipped and CL0004 is said once.
    /// </summary>
    public Func<string, ApacheModuleSet, bool>? IsKnownDirective { get; init; } = ApacheDirectiveDictionary.IsKnownDirective;

    /// <summary>Whether a section name is known (for &lt;IfSection&gt;); null = unknown, as above.</summary>
    public Func<string, ApacheModuleSet, bool>? IsKnownSection { get; init; } = ApacheDirectiveDictionary.IsKnownSection;

    /// <summary>Do not look at the disk beyond the configuration files (LoadModule files, IfFile).</summary>
    public bool NoDisk { get; init; }

    /// <summary>Read the input as a .htaccess file (AllowOverride All, 8192-character lines).</summary>
    public bool IsHtaccess { get; init; }

    public static ApacheLoadOptions FromRequest(LintRequest request, bool isHtaccess = false) => new()
    {
        ServerRoot = request.ServerRoot,
        Modules = request.Modules,
        Defines = request.Defines,
        NoDisk = request.NoDisk,
        IsHtaccess = isHtaccess,
    };
}
