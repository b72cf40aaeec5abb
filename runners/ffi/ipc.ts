// What the FFI probes of the System V and POSIX IPC mechanisms share: the <sys/ipc.h> constants,
// and object keys and names in the forms the C fixtures use (so both paths make the same objects).

// <sys/ipc.h> on Linux (glibc): what msgget/semget/shmget and their *ctl calls take.
export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;
export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const IPC_INFO = 3;

/** (void *) -1 as koffi returns a pointer (a BigInt): what mmap and shmat give on failure. */
export const FAILED_POINTER = 0xffff_ffff_ffff_ffffn;

/** A System V key unique to this process, in the range of the fixtures' probe_ipc_key(n). */
export const probeKey = (n = 0) => 0x2000_0000 | ((process.pid & 0x3f_ffff) << 6) | (n & 63);

/** A POSIX IPC name unique to this process, in the form of the fixtures' probe_ipc_name(tag). */
export const probeName = (tag: string) => `/ipc-conformance-${process.pid}-${tag}`;
