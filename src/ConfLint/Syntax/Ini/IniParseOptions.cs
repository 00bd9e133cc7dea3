namespace ConfLint.Syntax.Ini;

/// <summary>Where `${name}` takes its value (zend_ini_parser.y zend_ini_get_var).</summary>
public enum IniVariableResolution
{
    /// <summary>
    /// parse_ini_string/parse_ini_file as run by `php -n`: the configuration hash is empty, so
    /// only the environment is consulted.
    /// </summary>
    Environment,

    /// <summary>
    /// php.ini read at startup: first the entries loaded so far (zend_get_configuration_directive),
    /// then the environment.
    /// </summary>
    LoadedEntriesThenEnvironment,
}

/// <summary>How to read an INI file.</summary>
public sealed record IniParseOptions
{
    public static IniParseOptions Default { get; } = new();

    public static IniParseOptions RawMode { get; } = new() { Mode = IniScannerMode.Raw };

    /// <summary>php.ini as PHP reads it at startup (NORMAL mode, variables from earlier entries then the environment).</summary>
    public static IniParseOptions PhpStartup { get; } = new() { Variables = IniVariableResolution.LoadedEntriesThenEnvironment };

    public IniScannerMode Mode { get; init; } = IniScannerMode.Normal;

    public IniVariableResolution Variables { get; init; } = IniVariableResolution.Environment;

    /// <summary>
    /// PHP's configuration hash as it stood before this file (zend_get_configuration_directive):
    /// for php.ini files read after the main one (conf.d), or for an FPM config read after php.ini.
    /// Consulted before the environment, after this file's own earlier entries.
    /// </summary>
    public Func<string, string?>? ConfigurationHash { get; init; }

    /// <summary>The environment `${name}` reads; defaults to this process's environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The PHP constants unquoted names resolve to; defaults to PHP 8.2's (<see cref="PhpConstants.Lookup"/>).</summary>
    public Func<string, string?> Constants { get; init; } = PhpConstants.Lookup;
}
