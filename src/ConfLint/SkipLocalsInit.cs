// Stack buffers are not zeroed on entry. The system-call wrappers (PosixFiles) encode each path into a 4 KiB buffer
// on the stack, and a whole-host lint makes tens of thousands of those calls: zeroing each buffer first cost more than
// the encoding. Every stackalloc in this assembly is written before it is read (the encoded path ends with the NUL it
// writes; a read buffer is used only up to the count the kernel returned); a new one must be too.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
