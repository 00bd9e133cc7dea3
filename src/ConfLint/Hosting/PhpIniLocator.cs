namespace ConfLint.Hosting;

/// <summary>How a PHP process is started: the facts that decide which php.ini it loads.</summary>
/// <param name="Sapi">The SAPI name: "cgi-fcgi" (php-cgi), "fpm-fcgi" (php-fpm) or "cli".</param>
/// <param name="BinaryPath">The PHP binary as the process sees it (an in-jail path for a jailed PHP).</param>
/// <param name="WorkingDirectory">The working directory, when known.</param>
/// <param name="Environment">The environment PHP really gets (PHPRC, PHP_INI_SCAN_DIR).</param>
/// <param name="IniOverride">`-c FILE|DIR`, which replaces the whole search.</param>
/// <param name="NoIni">`-n`: no php.ini and no scan directory.</param>
/// <param name="CompiledIniDirectory">PHP_CONFIG_FILE_PATH of the build (`php-cgi -i`: "Configuration File (php.ini) Path").</param>
/// <param name="CompiledScanDirectory">PHP_CONFIG_FILE_SCAN_DIR of the build ("Scan this dir for additional .ini files").</param>
public sealed record PhpLaunch(
    string Sapi,
    string BinaryPath,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? IniOverride,
    bool NoIni,
    string CompiledIniDirectory,
    string CompiledScanDirectory)
{
    /// <summary>Debian's PHP 8.2 builds: php-cgi reads /etc/php/8.2/cgi, php-fpm /etc/php/8.2/fpm.</summary>
    public static (string IniDirectory, string ScanDirectory) DebianDefaults(string sapi, string version = "8.2") => sapi switch
    {
        "fpm-fcgi" => ($"/etc/php/{version}/fpm", $"/etc/php/{version}/fpm/conf.d"),
        "cli" => ($"/etc/php/{version}/cli", $"/etc/php/{version}/cli/conf.d"),
        _ => ($"/etc/php/{version}/cgi", $"/etc/php/{version}/cgi/conf.d"),
    };
}

/// <summary>Which php.ini a PHP process loads, and every place it looked, in order.</summary>
public sealed record PhpIniResolution(
    string? LoadedFile,
    IReadOnlyList<string> Tried,
    IReadOnlyList<string> ScanDirectories,
    IReadOnlyList<string> ScannedFiles,
    bool WorkingDirectoryUnknown);

/// <summary>
/// PHP's php.ini search (main/php_ini.c php_init_config), checked against php-cgi 8.2:
/// `-n` loads nothing unless `-c` is also given, and scans nothing. `-c FILE` loads that file; `-c DIR` searches only DIR. Otherwise the
/// search path is PHPRC (a file there is loaded directly), the working directory (not for CLI
/// and FPM, which set php_ini_ignore_cwd), the binary's directory, then the compiled path; and
/// `php-SAPI.ini` is looked for along the whole path before `php.ini` is. Then every `*.ini` of
/// the scan directories (PHP_INI_SCAN_DIR, `:`-separated, an empty entry standing for the
/// compiled one; set but empty = none) is read in name order.
/// </summary>
public static class PhpIniLocator
{
    // "php-cgi-fcgi.ini" and the like, one string per SAPI name.
    private static string SapiIniName(string sapi) => SapiIniNames.GetOrAdd(sapi, static s => $"php-{s}.ini");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> SapiIniNames = new(StringComparer.Ordinal);

    public static PhpIniResolution Resolve(PhpLaunch launch, Func<string, bool> isFile, Func<string, bool> isDirectory, Func<string, IEnumerable<string>?> listDirectory) =>
        Resolve(launch, new DelegateFiles(isFile, isDirectory, listDirectory));

    /// <summary>What <see cref="Resolve(PhpLaunch, IFiles)"/> asks of the file system PHP sees (paths as PHP names them).</summary>
    public interface IFiles
    {
        bool IsFile(string path);
        bool IsDirectory(string path);
        /// <summary>The names in a directory, or null when it cannot be read.</summary>
        IEnumerable<string>? ListDirectory(string path);
    }

    private sealed class DelegateFiles(Func<string, bool> isFile, Func<string, bool> isDirectory, Func<string, IEnumerable<string>?> listDirectory) : IFiles
    {
        public bool IsFile(string path) => isFile(path);
        public bool IsDirectory(string path) => isDirectory(path);
        public IEnumerable<string>? ListDirectory(string path) => listDirectory(path);
    }

    /// <inheritdoc cref="Resolve(PhpLaunch, Func{string, bool}, Func{string, bool}, Func{string, IEnumerable{string}?})"/>
    public static PhpIniResolution Resolve(PhpLaunch launch, IFiles files)
    {
        var tried = new List<string>();
        string? loaded = null;
        bool cwdUnknown = false;
        // `-n` stops the search and the scan directory, but php-cgi still loads an explicit `-c`.
        if (launch.NoIni && string.IsNullOrEmpty(launch.IniOverride))
            return new PhpIniResolution(null, tried, Array.Empty<string>(), Array.Empty<string>(), false);

        var searchPath = new List<string>();
        if (!string.IsNullOrEmpty(launch.IniOverride))
        {
            var overridePath = Absolute(launch.IniOverride!, launch.WorkingDirectory);
            if (files.IsFile(overridePath))
            {
                tried.Add(overridePath);
                loaded = overridePath;
            }
            else
            {
                searchPath.Add(overridePath);
            }
        }
        else
        {
            if (launch.Environment.TryGetValue("PHPRC", out var phprc) && phprc.Length > 0)
            {
                var rcPath = Absolute(phprc, launch.WorkingDirectory);
                if (files.IsFile(rcPath))
                {
                    tried.Add(rcPath);
                    loaded = rcPath;
                }
                else
                {
                    searchPath.Add(rcPath);
                }
            }
            bool ignoresCwd = launch.Sapi is "cli" or "fpm-fcgi";
            if (!ignoresCwd)
            {
                if (launch.WorkingDirectory is { } cwd) searchPath.Add(cwd);
                else cwdUnknown = true;
            }
            var binaryDirectory = Path.GetDirectoryName(launch.BinaryPath);
            if (!string.IsNullOrEmpty(binaryDirectory)) searchPath.Add(binaryDirectory);
            searchPath.Add(launch.CompiledIniDirectory);
        }

        if (loaded is null)
        {
            for (int pass = 0; pass < 2 && loaded is null; pass++)
            {
                var name = pass == 0 ? SapiIniName(launch.Sapi) : "php.ini";
                foreach (var dir in searchPath)
                {
                    // Jailed PHPs look in the same in-jail places: one string for each of them.
                    var candidate = Text.SharedStrings.GetPath(dir.AsSpan().TrimEnd('/'), name);
                    tried.Add(candidate);
                    if (files.IsFile(candidate)) { loaded = candidate; break; }
                }
            }
        }

        var scanDirectories = new List<string>();
        if (launch.NoIni)
        {
            return new PhpIniResolution(loaded, tried, scanDirectories, Array.Empty<string>(), cwdUnknown);
        }
        if (launch.Environment.TryGetValue("PHP_INI_SCAN_DIR", out var scanEnv))
        {
            if (scanEnv.Length > 0)
                scanDirectories.AddRange(scanEnv.Split(':').Select(d => d.Length == 0 ? launch.CompiledScanDirectory : d));
        }
        else if (launch.CompiledScanDirectory.Length > 0)
        {
            scanDirectories.Add(launch.CompiledScanDirectory);
        }
        var scanned = new List<string>();
        foreach (var dir in scanDirectories)
        {
            if (!files.IsDirectory(dir)) continue;
            var names = files.ListDirectory(dir);
            if (names is null) continue;
            foreach (var name in names.Where(n => n.EndsWith(".ini", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
            {
                var file = dir.TrimEnd('/') + "/" + name;
                if (files.IsFile(file)) scanned.Add(file);
            }
        }
        return new PhpIniResolution(loaded, tried, scanDirectories, scanned, cwdUnknown);
    }

    private static string Absolute(string path, string? cwd) =>
        path.StartsWith('/') || cwd is null ? path : HostFileSystem.NormalizeHostPath(cwd, path);
}
