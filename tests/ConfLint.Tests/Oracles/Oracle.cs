using Xunit;

namespace ConfLint.Tests.Oracles;

/// <summary>
/// The real engines the differential tests compare against (apache2, php, php-fpm8.2, …).
/// A test that needs one calls <see cref="Require"/> inside a [SkippableFact]/[SkippableTheory]:
/// where the engine is missing the test is skipped on a developer machine, but fails when
/// CI=true, so CI can never pass without having compared against the engine.
/// </summary>
public static class Oracle
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds an executable on PATH (or an absolute path) or skips/fails as described above.</summary>
    public static string Require(string program)
    {
        var found = Find(program);
        if (found is not null) return found;
        var message = $"oracle '{program}' is not installed (apt-get install apache2 apache2-suexec-pristine libapache2-mod-fcgid php-cgi php-fpm php-cli libnss-wrapper)";
        if (InCi) Assert.Fail(message + "; CI=true, so this test fails instead of skipping");
        Skip.If(true, message);
        return program;
    }

    /// <summary>Requires a file (e.g. libnss_wrapper.so) to exist, with the same skip/fail policy.</summary>
    public static string RequireFile(params string[] candidates)
    {
        foreach (var c in candidates) if (File.Exists(c)) return c;
        var message = $"oracle file not found: {string.Join(" or ", candidates)}";
        if (InCi) Assert.Fail(message + "; CI=true, so this test fails instead of skipping");
        Skip.If(true, message);
        return candidates[0];
    }

    public static string? Find(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/sbin" }))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
