using ConfLint.Diagnostics;
using ConfLint.Hosting;

namespace ConfLint.Tests.Rules;

/// <summary>
/// The one place where the doc-example tests call the lint pipeline: the same runner the CLI's
/// `lint` command uses, so an example behaves exactly as `conflint lint --root TREE TREE/input`.
/// </summary>
public static class DocExamplePipeline
{
    public static IReadOnlyList<Diagnostic> Run(LintRequest request) => LintRunner.Run(request).Diagnostics;
}
