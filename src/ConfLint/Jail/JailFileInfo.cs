namespace ConfLint.Jail;

/// <summary>What lstat(2) says about one path inside a jail (symlinks are not followed).</summary>
public enum JailFileKind
{
    Missing,
    File,
    Directory,
    Symlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}

/// <summary>
/// One path as lstat(2) sees it: kind, owner, group, permission bits (including setuid, setgid,
/// sticky), link count and, for a symlink, its target. HostPath is the path the host names. (Its real
/// path under the lint root is not kept: a walk holds every entry of every jail until the jail rules ran.)
/// </summary>
public sealed record JailFileInfo(string HostPath, JailFileKind Kind, long Uid, long Gid, int Mode, long LinkCount, string? LinkTarget)
{
    public const int SetUid = 0x800;   // S_ISUID 04000
    public const int SetGid = 0x400;   // S_ISGID 02000
    public const int Sticky = 0x200;   // S_ISVTX 01000
    public const int GroupWrite = 0x10; // S_IWGRP 020
    public const int OtherWrite = 0x2;  // S_IWOTH 02
    public const int UserExecute = 0x40; // S_IXUSR 0100

    public bool Exists => Kind != JailFileKind.Missing;

    public bool IsSetUid => (Mode & SetUid) != 0;

    public bool IsSetGid => (Mode & SetGid) != 0;

    public bool IsGroupOrOtherWritable => (Mode & (GroupWrite | OtherWrite)) != 0;

    public bool IsSticky => (Mode & Sticky) != 0;

    /// <summary>Permission bits as octal text, e.g. "4755" or "1777".</summary>
    public string OctalMode => Convert.ToString(Mode & 0xFFF, 8).PadLeft(4, '0');

    public static JailFileInfo Missing(string hostPath) => new(hostPath, JailFileKind.Missing, -1, -1, 0, 0, null);
}
