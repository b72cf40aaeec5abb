// IPC and network namespace isolation: ipc_namespaces(7), network_namespaces(7), unix(7),
// mq_overview(7), and docker-run(1) for the container IPC modes. Each property is a scenario
// between two places the environment makes: namespace holders (host, sandbox) or containers.
import { defineMechanism, type Property } from './schema.js';

const ipcNamespaces = (section: string) => ({ man: 'ipc_namespaces(7)', section });
const dockerIpc = { man: 'docker-run(1)', section: '--ipc' };

/** The four kinds of object an IPC namespace holds, with the names the claims use. */
const OBJECTS = [
  { kind: 'sysv-msg', en: 'A System V message queue', zh: 'System V 消息队列', man: 'msgget(2)' },
  { kind: 'sysv-shm', en: 'A System V shared memory segment', zh: 'System V 共享内存段', man: 'shmget(2)' },
  { kind: 'sysv-sem', en: 'A System V semaphore set', zh: 'System V 信号量集', man: 'semget(2)' },
  { kind: 'posix-mq', en: 'A POSIX message queue', zh: 'POSIX 消息队列', man: 'mq_overview(7)' },
] as const;

const objectProperties: Property[] = OBJECTS.flatMap(({ kind, en, zh, man }): Property[] => [
  {
    id: `isolation.${kind}.invisible-in-a-sibling-namespace`,
    kind: 'isolation',
    claim: {
      en: `${en} made in one IPC namespace cannot be found by its key or name from a sibling IPC namespace (ENOENT).`,
      zh: `在一个 IPC 命名空间中创建的${zh}，在另一个并列的 IPC 命名空间中按键值或名字查找不到（ENOENT）。`,
    },
    sources: [ipcNamespaces('DESCRIPTION'), { man, section: 'ERRORS' }],
    expect: { errno: 'ENOENT' },
    probes: [{ scenario: 'object-visibility', args: { relation: 'sibling', kind } }],
    requires: ['place-pairs'],
  },
  {
    id: `isolation.${kind}.visible-in-a-joined-namespace`,
    kind: 'isolation',
    claim: {
      en: `${en} made in one IPC namespace is found from another process that joined that namespace (setns, --ipc container:…).`,
      zh: `在一个 IPC 命名空间中创建的${zh}，可以被加入了同一命名空间的其他进程找到（setns、--ipc container:…）。`,
    },
    sources: [ipcNamespaces('DESCRIPTION'), { man: 'setns(2)', section: 'DESCRIPTION' }, dockerIpc],
    expect: { equals: 'visible' },
    probes: [{ scenario: 'object-visibility', args: { relation: 'joined', kind } }],
    requires: ['place-pairs'],
  },
  {
    id: `isolation.${kind}.host-object-visible-with-ipc-host`,
    kind: 'isolation',
    claim: {
      en: `${en} made on the host is found from a container or namespace set that shares the host's IPC namespace (--ipc host).`,
      zh: `在宿主机上创建的${zh}，可以被共享宿主机 IPC 命名空间（--ipc host）的容器或命名空间找到。`,
    },
    sources: [ipcNamespaces('DESCRIPTION'), dockerIpc],
    expect: { equals: 'visible' },
    probes: [{ scenario: 'object-visibility', args: { relation: 'ipc-host', kind } }],
    requires: ['place-pairs'],
  },
]);

export default defineMechanism({
  id: 'isolation',
  title: { en: 'IPC and network namespace isolation', zh: 'IPC 与网络命名空间隔离' },
  family: 'namespaces',
  manPages: ['ipc_namespaces(7)', 'network_namespaces(7)', 'namespaces(7)', 'unix(7)', 'docker-run(1)'],
  properties: [
    ...objectProperties,
    {
      id: 'isolation.sysv-shm.freed-when-its-namespace-dies',
      kind: 'isolation',
      claim: {
        en: 'When the last process of an IPC namespace exits, the namespace dies and its System V objects are destroyed: a filled 64 MiB segment that nobody removed gives its memory back.',
        zh: 'IPC 命名空间中的最后一个进程退出后，该命名空间随之销毁，其中的 System V 对象也被销毁：一个写满且无人删除的 64 MiB 共享内存段会归还其内存。',
      },
      sources: [ipcNamespaces('DESCRIPTION'), { man: 'shmctl(2)', section: 'IPC_RMID' }],
      // MiB freed of the 64 written; a little slack for unrelated shared memory coming and going.
      expect: { atLeast: 57 },
      probes: [{ scenario: 'shm-dies-with-namespace', args: { mib: 64 } }],
      requires: ['place-pairs'],
    },
    {
      id: 'isolation.abstract-socket.scoped-to-its-network-namespace',
      kind: 'isolation',
      claim: {
        en: 'An abstract UNIX socket address belongs to the network namespace it was bound in: a process in another network namespace cannot connect to it (ECONNREFUSED).',
        zh: '抽象命名空间的 UNIX 套接字地址属于绑定它的网络命名空间：另一个网络命名空间中的进程无法连接（ECONNREFUSED）。',
      },
      sources: [
        { man: 'unix(7)', section: 'Abstract sockets' },
        { man: 'network_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { errno: 'ECONNREFUSED' },
      probes: [{ scenario: 'socket-reach', args: { relation: 'sibling', mode: 'abstract' } }],
      requires: ['place-pairs'],
    },
    {
      id: 'isolation.path-socket.reachable-through-a-shared-mount',
      kind: 'isolation',
      claim: {
        en: 'A UNIX socket bound to a filesystem path is reachable from another network namespace that sees the same directory through a shared mount.',
        zh: '绑定到文件系统路径的 UNIX 套接字，可以被另一个网络命名空间中的进程通过共享挂载看到的同一目录连接。',
      },
      sources: [
        { man: 'unix(7)', section: 'Pathname sockets' },
        { man: 'network_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { equals: 'connected' },
      probes: [{ scenario: 'socket-reach', args: { relation: 'sibling', mode: 'path' } }],
      requires: ['place-pairs'],
    },
    {
      id: 'isolation.shared-file.record-lock-is-seen-across-a-shared-mount',
      kind: 'isolation',
      claim: {
        en: 'A write lock a process holds on a file in a folder two containers share (a bind mount) refuses another container’s F_SETLK on that file: record locks belong to the file, not to a namespace.',
        zh: '一个进程对两个容器共享目录（绑定挂载）中的文件持有写锁时，另一个容器对该文件的 F_SETLK 会被拒绝：记录锁属于文件本身，而不属于某个命名空间。',
      },
      sources: [
        { man: 'fcntl(2)', section: 'Advisory record locking' },
        { man: 'mount_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { oneOf: ['EAGAIN', 'EACCES'] },
      probes: [{ scenario: 'shared-file', args: { relation: 'sibling', use: 'record-lock' } }],
      requires: ['place-pairs'],
      peers: ['gvisor:FcntlLockTest.SetWriteLockMultiProc'],
    },
    {
      id: 'isolation.shared-file.mapping-stores-are-seen-across-a-shared-mount',
      kind: 'isolation',
      claim: {
        en: 'Two containers that map the same file of a shared folder (a bind mount) MAP_SHARED see each other’s stores through their own mappings, without msync.',
        zh: '两个容器以 MAP_SHARED 映射共享目录（绑定挂载）中的同一个文件时，无需 msync 就能通过各自的映射看到对方写入的数据。',
      },
      sources: [
        { man: 'mmap(2)', section: 'MAP_SHARED' },
        { posix: 'mmap()', section: 'DESCRIPTION' },
        { man: 'mount_namespaces(7)', section: 'DESCRIPTION' },
      ],
      expect: { equals: true },
      probes: [{ scenario: 'shared-file', args: { relation: 'sibling', use: 'mapping' } }],
      requires: ['place-pairs'],
    },
  ],
});
