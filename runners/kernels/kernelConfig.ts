// The kernel configuration options an IPC verdict can depend on, read from a kernel package's
// /boot/config-<release>: recorded in the environment's description, so that `diff` can say which
// kernel build a difference belongs to.
import { readFileSync } from 'node:fs';
import type { RootTransport } from './guestModules.js';

/** The options recorded; an option the file does not set is recorded as `n`. */
export const RECORDED_KERNEL_OPTIONS = [
  'CONFIG_SYSVIPC',
  'CONFIG_POSIX_MQUEUE',
  'CONFIG_PREEMPT_RT',
  'CONFIG_PREEMPT',
  'CONFIG_PREEMPT_VOLUNTARY',
  'CONFIG_PREEMPT_DYNAMIC',
  'CONFIG_HZ',
  'CONFIG_NO_HZ_FULL',
  'CONFIG_FUTEX',
  'CONFIG_FUTEX_PI',
  'CONFIG_EVENTFD',
  'CONFIG_SIGNALFD',
  'CONFIG_TIMERFD',
  'CONFIG_EPOLL',
  'CONFIG_MEMFD_CREATE',
  'CONFIG_SHMEM',
  'CONFIG_TMPFS',
  'CONFIG_UNIX',
  'CONFIG_IPC_NS',
  'CONFIG_PID_NS',
  'CONFIG_USER_NS',
  'CONFIG_CHECKPOINT_RESTORE',
  'CONFIG_SECCOMP',
] as const;

/** The recorded options' values in a kernel config file (`y`, `m`, a number, or `n`). */
export function readKernelConfig(path: string): Record<string, string> {
  const set = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^(CONFIG_[A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) set.set(match[1]!, match[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return Object.fromEntries(RECORDED_KERNEL_OPTIONS.map((option) => [option, set.get(option) ?? 'n']));
}

/** How a guest of this kernel can mount the host's root: 9p over virtio, else virtiofs. */
export function rootTransport(path: string): RootTransport {
  const text = readFileSync(path, 'utf8');
  const has = (option: string) => new RegExp(`^${option}=[ym]$`, 'm').test(text);
  if (has('CONFIG_9P_FS') && has('CONFIG_NET_9P_VIRTIO')) return '9p';
  if (has('CONFIG_VIRTIO_FS')) return 'virtiofs';
  throw new Error(`${path}: the kernel has neither 9p over virtio nor virtiofs, so its guest cannot see the host's root`);
}
