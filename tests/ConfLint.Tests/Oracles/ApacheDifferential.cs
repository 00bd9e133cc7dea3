using System.Collections.Immutable;
using System.Text;
using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Oracles;

/// <summary>One case of a differential run: what httpd and ConfLint decided, and whether they agree.</summary>
public sealed record ApacheDifferentialResult(
    string Id,
    string Kind,
    string Description,
    ApacheVerdict Httpd,
    ApacheVerdict ConfLint,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<string> HttpdUndefinedVariables,
    string HttpdOutput)
{
    public bool Agrees => Httpd.Agrees(ConfLint);

    public string Explain() =>
        $"{Id}: {Description}\n  httpd:    {Httpd}\n  ConfLint: {ConfLint}\n" +
        string.Concat(Diagnostics.Where(d => d.Severity >= Severity.Warning).Take(8).Select(d => $"    {d.Location.HostPath}:{d.Location.Line}: {d.Severity.ToName()} {d.Id} [order {d.EngineOrder?.ToString() ?? "-"}] {d.Message}\n"));
}

/// <summary>
/// Compares ConfLint with httpd on Apache host trees. ConfLint's verdict is the error-severity
/// diagnostic with the smallest <see cref="Diagnostic.EngineOrder"/> among the rules httpd itself
/// enforces (<see cref="HttpdEnforcedRules"/>, extended by callers as more rules agree with
/// httpd), else "accepted"; it agrees when both accept, or both reject at the same file and line.
/// </summary>
public static class ApacheDifferential
{
    /// <summary>Rules whose errors httpd -t also rejects: structure, includes, LoadModule.</summary>
    public static ImmutableHashSet<string> HttpdEnforcedRules { get; } = ImmutableHashSet.Create("CL1001", "CL1002", "CL1006", "CL1013");

    /// <summary>
    /// Lints a setup with ConfLint's Apache front end and every analyzer, as the CLI would;
    /// <paramref name="adjust"/> changes the request (e.g. `--module mod_fastcgi.c`).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Lint(ApacheSetup setup, Func<LintRequest, LintRequest>? adjust = null)
    {
        var frontEnd = FrontEnds.For(InputKind.Apache)
            ?? throw new InvalidOperationException("no Apache front end is registered in Hosting/FrontEnds.cs");
        var request = setup.ToLintRequest();
        if (adjust is not null) request = adjust(request);
        var compilation = new Compilation(new HostFileSystem(request.Root ?? "/"));
        frontEnd.Load(compilation, setup.MainConfig, request);
        return compilation.Analyze();
    }

    /// <summary>ConfLint's verdict from its diagnostics, files named by <see cref="HostTree.DisplayPath"/>.</summary>
    public static ApacheVerdict VerdictOf(IEnumerable<Diagnostic> diagnostics, HostTree tree, ISet<string>? enforcedRules = null)
    {
        var rules = enforcedRules ?? HttpdEnforcedRules;
        var first = diagnostics
            .Where(d => d.Severity == Severity.Error && rules.Contains(d.Id))
            .OrderBy(d => d.EngineOrder ?? long.MaxValue)
            .FirstOrDefault();
        if (first is null) return ApacheVerdict.Ok;
        return ApacheVerdict.RejectedAt(tree.DisplayPath(first.Location.HostPath), first.Location.Line, $"{first.Id}: {first.Message}");
    }

    /// <summary>
    /// Runs both tools on one setup (already built and mutated). The setup is not disposed.
    /// </summary>
    public static ApacheDifferentialResult Compare(string id, string kind, string description, ApacheSetup setup, ISet<string>? enforcedRules = null)
    {
        var httpd = ApacheOracle.Check(setup.ToCheck());
        IReadOnlyList<Diagnostic> diagnostics;
        ApacheVerdict conflint;
        try
        {
            diagnostics = Lint(setup);
            conflint = VerdictOf(diagnostics, setup.Tree, enforcedRules);
        }
        catch (Exception e) when (e is not InvalidOperationException || !e.Message.StartsWith("no Apache front end", StringComparison.Ordinal))
        {
            diagnostics = Array.Empty<Diagnostic>();
            conflint = ApacheVerdict.RejectedAt(null, null, "ConfLint threw " + e.GetType().Name + ": " + e.Message);
        }
        return new ApacheDifferentialResult(id, kind, description, httpd.Verdict, conflint, diagnostics, httpd.UndefinedVariables, httpd.Stderr);
    }

    /// <summary>
    /// Runs every mutation of a base tree, each on a freshly built tree, <see cref="ApacheOracle.MaxParallel"/>
    /// at a time. <paramref name="build"/> builds the base tree (called once per mutation).
    /// </summary>
    public static IReadOnlyList<ApacheDifferentialResult> Run(Func<ApacheSetup> build, IReadOnlyList<ApacheMutation> mutations, ISet<string>? enforcedRules = null)
    {
        var results = new ApacheDifferentialResult[mutations.Count];
        Parallel.For(0, mutations.Count, new ParallelOptions { MaxDegreeOfParallelism = ApacheOracle.MaxParallel }, i =>
        {
            using var setup = build();
            mutations[i].ApplyTo(setup);
            results[i] = Compare(mutations[i].Id, mutations[i].Kind, mutations[i].Description, mutations[i].Configure(setup), enforcedRules);
        });
        return results;
    }

    /// <summary>A plain-text summary: agreement per kind, then every disagreement explained.</summary>
    public static string Report(IReadOnlyList<ApacheDifferentialResult> results, Func<ApacheDifferentialResult, string?>? documentedReason = null)
    {
        var sb = new StringBuilder();
        int agree = results.Count(r => r.Agrees);
        sb.AppendLine($"agreement: {agree}/{results.Count} ({(results.Count == 0 ? 0 : 100.0 * agree / results.Count):F1}%)");
        foreach (var g in results.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine($"  {g.Key,-36} {g.Count(r => r.Agrees),3}/{g.Count(),-3} (httpd rejects {g.Count(r => !r.Httpd.Accepted)})");
        foreach (var r in results.Where(r => !r.Agrees))
        {
            var reason = documentedReason?.Invoke(r);
            sb.Append(reason is null ? "DISAGREES " : $"documented ({reason}) ").Append(r.Explain());
        }
        return sb.ToString();
    }
}
