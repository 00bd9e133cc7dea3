using System.Collections.Immutable;
using ConfLint.Text;

namespace ConfLint.Syntax.Passwd;

/// <summary>
/// One line of /etc/group: name:password:GID:members, as glibc's nss_files (files-grp.c) reads
/// it: members are the comma-separated rest of the line; a GID that is not a decimal number
/// makes the line unusable.
/// </summary>
public sealed record GroupEntry(
    int Line,
    TextSpan Span,
    PasswdField Name,
    PasswdField Password,
    PasswdField GidField,
    PasswdField MembersField,
    long? Gid,
    ImmutableArray<PasswdField> Members)
{
    public bool IsUsable => Gid is not null;
}

/// <summary>/etc/group as the system reads it, with every field's span. Problems are model facts (see <see cref="PasswdProblem"/>).</summary>
public sealed record GroupFile(SourceText Source, ImmutableArray<GroupEntry> Entries, ImmutableArray<PasswdProblem> Problems) : ConfLint.Reporting.Dumps.IDumpable
{
    public void WriteDump(TextWriter writer, ConfLint.Reporting.DumpOptions options) => ConfLint.Reporting.ModelDumps.Write(this, writer, options);

    public GroupEntry? FindGroup(string name) => ByName.TryGetValue(name, out var entry) ? entry : null;

    // The first usable entry of each name, indexed once.
    private Dictionary<string, GroupEntry>? _byName;

    private Dictionary<string, GroupEntry> ByName => _byName ??= PasswdFile.Index(Entries.Where(e => e.IsUsable), e => e.Name.Text);

    public GroupEntry? FindGid(long gid) => Entries.FirstOrDefault(e => e.IsUsable && e.Gid == gid);

    public Location GetLocation(TextSpan span) => Source.GetLocation(span);

    public static GroupFile Parse(SourceText source)
    {
        var entries = ImmutableArray.CreateBuilder<GroupEntry>();
        var problems = ImmutableArray.CreateBuilder<PasswdProblem>();
        var fields = new PasswdField[4]; // each line's, in turn
        for (int line = 1; line <= source.LineCount; line++)
        {
            var lineSpan = source.GetLineSpan(line);
            PasswdFields.Split(source, lineSpan, fields, out int separators, out bool skip);
            if (skip) continue;
            void Problem(TextSpan span, string message) => problems.Add(new PasswdProblem(line, span, message));
            if (separators < 3)
                Problem(lineSpan, $"has {separators + 1} fields, 4 are needed (name:password:GID:members); the missing ones read as empty");
            var gid = PasswdFields.ParseId(fields[2].Text);
            if (fields[0].Text.Length == 0) Problem(fields[0].Span.Length == 0 ? lineSpan : fields[0].Span, "has an empty group name");
            if (gid is null) Problem(fields[2].Span.Length == 0 ? lineSpan : fields[2].Span, $"has GID '{fields[2].Text}', not a decimal number: the system ignores this line");

            var m = fields[3];
            // Most groups of a host list no members: no builder for them.
            var members = m.Text.Length == 0 ? null : ImmutableArray.CreateBuilder<PasswdField>();
            int start = 0;
            for (int k = 0; k <= m.Text.Length; k++)
            {
                if (k < m.Text.Length && m.Text[k] != ',') continue;
                // files-grp.c: blanks after a comma are skipped, trailing ones are kept, empty members dropped.
                int first = start;
                while (first < k && m.Text[first] is ' ' or '\t') first++;
                if (first < k) members!.Add(new PasswdField(m.Text[first..k], new TextSpan(m.Span.Start + first, k - first)));
                start = k + 1;
            }
            entries.Add(new GroupEntry(line, lineSpan, fields[0], fields[1], fields[2], fields[3], gid, members?.ToImmutable() ?? ImmutableArray<PasswdField>.Empty));
        }
        return new GroupFile(source, entries.ToImmutable(), problems.ToImmutable());
    }
}
