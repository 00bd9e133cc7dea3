using ConfLint.Hosting;
using Xunit;

namespace ConfLint.Tests.Hosting;

public sealed class LintMemoryTests
{
    private static readonly string[] Maps =
    {
        "55e4da400000-55e4da4e7000 r-xp 00010000 fe:00 11681846                   /opt/conflint/conflint-cli",
        "7f4118021000-7f411c000000 ---p 00000000 00:00 0 ",
        "7f413e800000-7f4146a70000 rw-p 00000000 00:00 0 ",
        "7f4147000000-7f414f667000 rw-s 00000000 00:05 42                         /dev/shm/x",
        "garbage line",
    };

    [Theory]
    [InlineData(0x7f413e800000L, 0x7f413e800000L, 0x8270000L)]  // the first byte of the young generation's mapping
    [InlineData(0x7f4146a6ffffL, 0x7f413e800000L, 0x8270000L)]  // its last byte
    [InlineData(0x7f4146a70000L, -1L, -1L)]                       // just past it: in no mapping listed
    [InlineData(0x7f4119000000L, -1L, -1L)]                       // a reservation nothing is committed in
    [InlineData(0x7f4147000010L, -1L, -1L)]                       // shared memory is not the heap
    [InlineData(0x55e4da400100L, -1L, -1L)]                       // code
    public void The_mapping_that_holds_an_address_is_found_when_it_is_private_and_writable(long address, long start, long length)
    {
        var found = LintMemory.WritableMappingOf(address, Maps);
        Assert.Equal(start < 0 ? null : (start, length), found);
    }

    [Fact]
    public void This_process_s_heap_is_in_a_writable_mapping()
    {
        if (!OperatingSystem.IsLinux()) return;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(new byte[1], System.Runtime.InteropServices.GCHandleType.Pinned);
        long address = handle.AddrOfPinnedObject();
        handle.Free();
        Assert.NotNull(LintMemory.WritableMappingOf(address, File.ReadLines("/proc/self/maps")));
    }
}
