using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace ConfLint.Jail;

/// <summary>What the dynamic loader needs to start an ELF program: its interpreter (PT_INTERP), DT_NEEDED libraries, RPATH/RUNPATH.</summary>
public sealed record ElfFacts(bool Is64Bit, string? Interpreter, IReadOnlyList<string> Needed, IReadOnlyList<string> RunPaths)
{
    /// <summary>Reads the facts, or null when the file is not an ELF object (a script, a text file, unreadable).</summary>
    public static ElfFacts? TryRead(string realPath)
    {
        // Four bytes through one open tell most files apart (jails hold scripts too); the ELF reader opens a buffered stream.
        if (!PosixFiles.StartsWithElfMagic(realPath)) return null;
        try
        {
            if (!ELFReader.TryLoad(realPath, out IELF elf)) return null;
            using (elf)
            {
                string? interpreter = null;
                foreach (var segment in elf.Segments)
                {
                    if (segment.Type != SegmentType.Interpreter) continue;
                    var bytes = segment.GetFileContents();
                    interpreter = System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\0');
                }
                var needed = new List<string>();
                var runPaths = new List<string>();
                var dynamicSection = elf.Sections.FirstOrDefault(s => s.Type == SectionType.Dynamic);
                var dynstr = elf.Sections.FirstOrDefault(s => s.Name == ".dynstr") as IStringTable;
                if (dynamicSection is IDynamicSection dyn && dynstr is not null)
                {
                    foreach (var entry in dyn.Entries)
                    {
                        long offset = entry switch
                        {
                            DynamicEntry<ulong> e64 => (long)e64.Value,
                            DynamicEntry<uint> e32 => e32.Value,
                            _ => -1,
                        };
                        if (offset < 0) continue;
                        switch (entry.Tag)
                        {
                            case DynamicTag.Needed: needed.Add(dynstr[offset]); break;
                            case DynamicTag.RPath:
                            case DynamicTag.RunPath: runPaths.AddRange(dynstr[offset].Split(':', StringSplitOptions.RemoveEmptyEntries)); break;
                        }
                    }
                }
                return new ElfFacts(elf.Class == Class.Bit64, interpreter, needed, runPaths);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }
}
