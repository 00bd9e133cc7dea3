namespace ConfLint.Hosting;

/// <summary>Every front end, one line each.</summary>
public static class FrontEnds
{
    public static IReadOnlyList<IFrontEnd> All { get; } = new IFrontEnd[]
    {
        new PhpIniFrontEnd(),
        new WrapperFrontEnd(),
        new PasswdFrontEnd(),
        new GroupFrontEnd(),
        new FpmFrontEnd(),
        new ApacheFrontEnd(InputKind.Apache),
        new ApacheFrontEnd(InputKind.Htaccess),
    };

    public static IFrontEnd? For(InputKind kind) => All.FirstOrDefault(f => f.Kind == kind);
}
