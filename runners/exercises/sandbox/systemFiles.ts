// Which files of this machine a sandbox shows, read-only. A student's program sees its dynamic
// loader and the folder of the C library (where libdbus and the other shared libraries live too)
// and nothing else of the machine: no /etc, /home, /root, /tmp, /var, no shell. The compiler sees
// /usr, because gcc, as, ld and the headers are spread over it.
import { closeSync, openSync, readFileSync, readSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

/** The folder the C library was loaded from, as this process's own mappings show it. */
export function libraryFolder(): string {
  const maps = readFileSync('/proc/self/maps', 'utf8');
  const libc = /\s(\/\S*\/libc\.so\.6)$/m.exec(maps)?.[1] ?? /\s(\/\S*\/libc[-.][^/\s]*\.so)$/m.exec(maps)?.[1];
  if (!libc) throw new Error('cannot find the C library among this process’s mappings');
  return dirname(realpathSync(libc));
}

const PT_INTERP = 3;

/** The dynamic loader an ELF program names (its PT_INTERP), or null for a static program. */
export function programInterpreter(program: string): string | null {
  const fd = openSync(program, 'r');
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${program} is not an ELF program`);
    if (header[4] !== 2 || header[5] !== 1) throw new Error(`${program} is not a 64-bit little-endian ELF program`);
    const phoff = Number(header.readBigUInt64LE(32));
    const phentsize = header.readUInt16LE(54);
    const phnum = header.readUInt16LE(56);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      const entry = i * phentsize;
      if (table.readUInt32LE(entry) !== PT_INTERP) continue;
      const offset = Number(table.readBigUInt64LE(entry + 8));
      const size = Number(table.readBigUInt64LE(entry + 32));
      const path = Buffer.alloc(size);
      readSync(fd, path, 0, size, offset);
      return path.toString('utf8').replace(/\0.*$/s, '');
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** A read-only bind: the machine's `source` shown at `target` inside. */
export interface ReadOnlyBind {
  source: string;
  target: string;
}

/** What a program needs of the machine to start: its loader and the libraries' folder. */
export function runtimeBinds(program: string): ReadOnlyBind[] {
  const folder = libraryFolder();
  const binds: ReadOnlyBind[] = [{ source: folder, target: folder }];
  const interpreter = programInterpreter(program);
  // The loader is named by a path through symlinks (/lib64/ld-linux-x86-64.so.2 → …); inside, the
  // name the program asks for is bound straight to the file.
  if (interpreter) binds.push({ source: realpathSync(interpreter), target: interpreter });
  return binds;
}
