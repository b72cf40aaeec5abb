// /etc/passwd and /etc/group for a sandbox: one line each, naming the sandbox's uid. The machine's
// own files are not shown (they list its users), yet programs ask who they are — and dbus-daemon
// refuses a client whose uid it cannot look up.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The two files, written into `folder`; bind them read-only at /etc/passwd and /etc/group. */
export function writeIdentityFiles(folder: string, uid: number): { passwd: string; group: string } {
  const passwd = join(folder, 'passwd');
  const group = join(folder, 'group');
  writeFileSync(passwd, `student:x:${uid}:${uid}:exercise sandbox:/work:/usr/sbin/nologin\n`, { mode: 0o644 });
  writeFileSync(group, `student:x:${uid}:\n`, { mode: 0o644 });
  return { passwd, group };
}
