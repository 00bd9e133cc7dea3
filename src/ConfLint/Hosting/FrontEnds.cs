namespace ConfLint.Hosting;

/// <summary>Every front end, one line each.</summary>
public static class FrontEnds
{
    private static readonly IFrontEnd[] Each =
    {
        new PhpIniFrontEnd(),
        new WrapperFrontEnd(),
        new PasswdFrontEnd(),
        new GroupFrontEnd(),
        new FpmFrontEnd(),
        new ApacheFrontEnd(InputKind.Apache),
        new ApacheFrontEnd(InputKind.Htaccess),
    };

    public static IReadOnlyList<IFrontEnd> All => Each;

    public static IFrontEnd? For(InputKind kind)
    {
        foreach (var frontEnd in Each)
            if (frontEnd.Kind == kind) return frontEnd;
        return null;
    }
}
