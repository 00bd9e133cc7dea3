using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Passwd;

/// <summary>A `:`-separated field with its exact span.</summary>
public readonly record struct PasswdField(string Text, TextSpan Span);

/// <summary>
/// Why a line of /etc/passwd or /etc/group is not what it should be. These are model facts,
/// not diagnostics: no rule of the catalogue is about the passwd file's own shape, and the
/// system does not reject the file either (glibc's nss_files skips a line it cannot parse and
/// reads a short line with empty trailing fields). The rules that look a user or group up
/// (CL3002, CL3003…) name the malformed line when it is the reason a lookup fails.
/// </summary>
public sealed record PasswdProblem(int Line, TextSpan Span, string Message);

/// <summary>
/// One line of /etc/passwd: name:password:UID:GID:GECOS:home:shell, parsed as glibc's
/// nss_files (files-pwd.c LINE_PARSER) reads it: the shell is the rest of the line (it may
/// hold `:`), missing trailing fields are empty, a UID or GID that is not a decimal number
/// makes the line unusable (the user does not exist for the system).
/// </summary>
public sealed record PasswdEntry(
    int Line,
    TextSpan Span,
    PasswdField Name,
    PasswdField Password,
    PasswdField UidField,
    PasswdField GidField,
    PasswdField Gecos,
    PasswdField Home,
    PasswdField Shell,
    long? Uid,
    long? Gid)
{
    /// <summary>True when nss_files returns this entry (its UID and GID parse; an empty name is returned too, but no name lookup finds it).</summary>
    public bool IsUsable => Uid is not null && Gid is not null;

    /// <summary>
    /// The jail a chrooting wrapper (or a chroot-patched suexec) derives from the home:
    /// everything before the first `/./`; null when the home has none.
    /// </summary>
    public string? JailRoot
    {
        get
        {
            // Asked for by the model and several rules for each vhost: the shared copy, not a new string each time.
            int at = Home.Text.IndexOf("/./", StringComparison.Ordinal);
            return at < 0 ? null : (at == 0 ? "/" : SharedStrings.Get(Home.Text.AsSpan(0, at)));
        }
    }

    /// <summary>The home as seen inside the jail: the part after `/./`, starting with `/`; the plain home when there is no jail.</summary>
    public string HomeInJail
    {
        get
        {
            int at = Home.Text.IndexOf("/./", StringComparison.Ordinal);
            return at < 0 ? Home.Text : Home.Text[(at + 2)..];
        }
    }

    /// <summary>The span of the jail part of the home field (for diagnostics that point at it).</summary>
    public TextSpan? JailRootSpan
    {
        get
        {
            int at = Home.Text.IndexOf("/./", StringComparison.Ordinal);
            return at < 0 ? null : new TextSpan(Home.Span.Start, Math.Max(at, 1));
        }
    }
}

/// <summary>/etc/passwd as the system reads it, with every field's span.</summary>
public sealed record PasswdFile(SourceText Source, ImmutableArray<PasswdEntry> Entries, ImmutableArray<PasswdProblem> Problems) : ConfLint.Reporting.Dumps.IDumpable
{
    public void WriteDump(TextWriter writer, ConfLint.Reporting.DumpOptions options) => ConfLint.Reporting.ModelDumps.Write(this, writer, options);

    /// <summary>The user nss_files returns for a name: the first usable line with that name.</summary>
    public PasswdEntry? FindUser(string name) => ByName.TryGetValue(name, out var entry) ? entry : null;

    // The first usable entry of each name, indexed once (a host may have tens of thousands of users).
    private Dictionary<string, PasswdEntry>? _byName;

    private Dictionary<string, PasswdEntry> ByName => _byName ??= Index(Entries.Where(e => e.IsUsable), e => e.Name.Text);

    internal static Dictionary<string, T> Index<T>(IEnumerable<T> entries, Func<T, string> key)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in entries) index.TryAdd(key(entry), entry);
        return index;
    }

    public PasswdEntry? FindUid(long uid) => Entries.FirstOrDefault(e => e.IsUsable && e.Uid == uid);

    /// <summary>The problems of the lines that name a user (why a lookup of it fails or differs).</summary>
    public IEnumerable<PasswdProblem> ProblemsOf(string name) =>
        Entries.Where(e => e.Name.Text == name).SelectMany(e => Problems.Where(p => p.Line == e.Line));

    public Location GetLocation(TextSpan span) => Source.GetLocation(span);

    public static PasswdFile Parse(SourceText source)
    {
        var entries = ImmutableArray.CreateBuilder<PasswdEntry>();
        var problems = ImmutableArray.CreateBuilder<PasswdProblem>();
        var fields = new PasswdField[7]; // each line's, in turn
        for (int line = 1; line <= source.LineCount; line++)
        {
            var lineSpan = source.GetLineSpan(line);
            PasswdFields.Split(source, lineSpan, fields, out int separators, out bool skip);
            if (skip) continue;
            void Problem(TextSpan span, string message) => problems.Add(new PasswdProblem(line, span, message));
            if (separators != 6)
            {
                Problem(lineSpan, separators < 6
                    ? $"has {separators + 1} fields, 7 are needed (name:password:UID:GID:GECOS:home:shell); the missing ones read as empty"
                    : $"has {separators + 1} ':'-separated fields; the system takes everything after the sixth ':' as the shell");
            }
            var uid = PasswdFields.ParseId(fields[2].Text);
            var gid = PasswdFields.ParseId(fields[3].Text);
            if (fields[0].Text.Length == 0) Problem(fields[0].Span.Length == 0 ? lineSpan : fields[0].Span, "has an empty user name");
            if (uid is null) Problem(fields[2].Span.Length == 0 ? lineSpan : fields[2].Span, $"has UID '{fields[2].Text}', not a decimal number: the system ignores this line");
            if (gid is null) Problem(fields[3].Span.Length == 0 ? lineSpan : fields[3].Span, $"has GID '{fields[3].Text}', not a decimal number: the system ignores this line");
            entries.Add(new PasswdEntry(line, lineSpan, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], uid, gid));
        }
        return new PasswdFile(source, entries.ToImmutable(), problems.ToImmutable());
    }
}

/// <summary>Field splitting shared by passwd and group (files-parse.c STRING_FIELD / INT_FIELD).</summary>
internal static class PasswdFields
{
    /// <summary>
    /// Splits a line into exactly as many fields as <paramref name="fields"/> holds (each written): the last takes the rest
    /// of the line, missing ones are empty at the line end. Blank lines and `#` comments are skipped, as nss_files skips
    /// them (leading blanks ignored).
    /// </summary>
    public static void Split(SourceText source, TextSpan lineSpan, PasswdField[] fields, out int separators, out bool skip)
    {
        int count = fields.Length;
        // The line is read in place: only its fields become strings (shared: a host's passwd repeats shells and homes).
        var text = source.Slice(lineSpan);
        int p = 0;
        while (p < text.Length && text[p] is ' ' or '\t') p++;
        skip = p == text.Length || text[p] == '#';
        separators = 0;
        int start = p;
        for (int f = 0; f < count; f++)
        {
            if (f == count - 1)
            {
                fields[f] = new PasswdField(SharedStrings.Get(text[start..]), TextSpan.FromBounds(lineSpan.Start + start, lineSpan.Start + text.Length));
                separators += text[start..].Count(':');
                break;
            }
            int colon = text[start..].IndexOf(':');
            if (colon >= 0) colon += start;
            int end = colon < 0 ? text.Length : colon;
            fields[f] = new PasswdField(SharedStrings.Get(text[start..end]), TextSpan.FromBounds(lineSpan.Start + start, lineSpan.Start + end));
            if (colon >= 0) { separators++; start = colon + 1; }
            else start = text.Length;
        }
    }

    /// <summary>
    /// An ID as nss_files accepts it (files-parse.c INT_FIELD with strtou32): leading white space
    /// and a `+` are allowed, then decimal digits up to the end of the field; no sign `-`, no
    /// value above 4294967295.
    /// </summary>
    public static long? ParseId(string text)
    {
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        if (i < text.Length && text[i] == '+') i++;
        var digits = text.AsSpan(i);
        if (digits.Length == 0) return null;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return null;
        digits = digits.TrimStart('0');
        if (digits.Length > 10) return null;
        var v = digits.Length == 0 ? 0 : long.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        return v > uint.MaxValue ? null : v;
    }
}
