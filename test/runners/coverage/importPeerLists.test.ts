// The generator reads made-up checkouts (written here, not the suites' text) and keeps ids and facts only.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gtestNames } from '../../../runners/coverage/gvisorTests.js';
import { importPeerLists, mergedWith, writePeerLists } from '../../../runners/coverage/importPeerLists.js';
import { ltpTestNames } from '../../../runners/coverage/ltpTests.js';
import { parseAssertionsXml } from '../../../runners/coverage/openPosixAssertions.js';

const SEND_XML = `<assertions>
  <assertion id="2" tag="ref:XSH6:100:101 pt:MSG">
Made-up sentence two, which must not reach the lists.
  </assertion>
  <assertion id="1" tag="ref:XSH6:90:91 pt:MSG UNS">
Made-up sentence one.
  </assertion>
</assertions>
`;
const OPEN_XML = `<assertions>
  <assertion tag="ref:XSH6:{System Interfaces:shm_open:DESCRIPTION} pt:SHM" id="7">Made up.</assertion>
</assertions>
`;
const PIPE_CC = `#include "gtest/gtest.h"
TEST(PipeTest, MadeUpOne) { }
TEST_P(PipeTest, MadeUpTwo) {
}
  TEST_F(PipeFixture, MadeUpThree) {}
// TEST(Commented, Out) is matched only at the start of a line: this one is not.
`;

let root: string;
const write = async (path: string, text: string) => {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'peer-import-'));
  const posix = 'ltp/testcases/open_posix_testsuite/conformance/interfaces';
  await write(`${posix}/mq_send/assertions.xml`, SEND_XML);
  await write(`${posix}/shm_open/assertions.xml`, OPEN_XML);
  // An interface outside the scope is not imported.
  await write(`${posix}/aio_read/assertions.xml`, SEND_XML);
  const syscalls = 'ltp/testcases/kernel/syscalls';
  for (const name of ['msgsnd01.c', 'msgsnd02.c', 'libmsgsnd.c', 'msgsnd.h', 'Makefile']) await write(`${syscalls}/ipc/msgsnd/${name}`, '');
  for (const name of ['pipe2_01.c', 'pipe2_02.c']) await write(`${syscalls}/pipe2/${name}`, '');
  await write(`${syscalls}/open/open01.c`, '');
  const linux = 'gvisor/test/syscalls/linux';
  await write(`${linux}/pipe.cc`, PIPE_CC);
  await write(`${linux}/socket_unix_stream.cc`, 'TEST_P(StreamUnixSocketPairTest, MadeUp) {}\n');
  await write(`${linux}/socket_unix_util.cc`, '// no tests here\n');
  await write(`${linux}/bpf.cc`, 'TEST(BpfTest, MadeUp) {}\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('importing the peer lists', () => {
  test('Open POSIX: ids sorted, tag split into references and markers, only interfaces in scope', async () => {
    const found = await importPeerLists(join(root, 'ltp'), join(root, 'gvisor'));
    expect(found.openPosix.interfaces).toEqual({
      mq_send: [
        { id: 1, refs: ['ref:XSH6:90:91'], markers: ['pt:MSG', 'UNS'] },
        { id: 2, refs: ['ref:XSH6:100:101'], markers: ['pt:MSG'] },
      ],
      shm_open: [{ id: 7, refs: ['ref:XSH6:{System Interfaces:shm_open:DESCRIPTION}'], markers: ['pt:SHM'] }],
    });
    expect(found.missing).toContain('Open POSIX interface mq_open (no assertions.xml)');
  });

  test('LTP: test sources by syscall folder name, helpers and other folders left out', async () => {
    const found = await importPeerLists(join(root, 'ltp'), join(root, 'gvisor'));
    expect(found.ltp.syscalls).toEqual({ msgsnd: ['msgsnd01', 'msgsnd02'], pipe2: ['pipe2_01', 'pipe2_02'] });
    expect(found.missing).toContain('LTP folder ipc/msgctl');
  });

  test('gVisor: Suite.Test names of the files in scope, files without tests left out', async () => {
    const found = await importPeerLists(join(root, 'ltp'), join(root, 'gvisor'));
    expect(found.gvisor.files).toEqual({
      pipe: ['PipeFixture.MadeUpThree', 'PipeTest.MadeUpOne', 'PipeTest.MadeUpTwo'],
      socket_unix_stream: ['StreamUnixSocketPairTest.MadeUp'],
    });
    expect(found.missing).toContain('gVisor file mq.cc');
  });

  test('the written lists parse back and hold no sentence of the suites', async () => {
    const found = await importPeerLists(join(root, 'ltp'), join(root, 'gvisor'));
    const out = join(root, 'out');
    const files = await writePeerLists(found, out);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(['open-posix.json', 'ltp.json', 'gvisor.json']);
    const text = await readFile(join(out, 'open-posix.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(found.openPosix);
    expect(text).not.toContain('Made-up sentence');
  });

  test('merging keeps the groups and test names the checkouts lack; Open POSIX interfaces found are replaced', async () => {
    const found = await importPeerLists(join(root, 'ltp'), join(root, 'gvisor'));
    const existing = {
      openPosix: { source: 'old', interfaces: { kill: [{ id: 1, refs: [], markers: [] }], mq_send: [] } },
      ltp: { source: 'old', syscalls: { kill: ['kill01'], pipe2: ['pipe2_99'] } },
      gvisor: { source: 'old', files: { zzz_last: ['Old.Test'] } },
    };
    const merged = mergedWith(existing, found);
    expect(Object.keys(merged.openPosix.interfaces)).toEqual(['kill', 'mq_send', 'shm_open']);
    expect(merged.openPosix.interfaces.mq_send).toEqual(found.openPosix.interfaces.mq_send);
    expect(merged.ltp.syscalls).toEqual({
      kill: ['kill01'],
      msgsnd: ['msgsnd01', 'msgsnd02'],
      pipe2: ['pipe2_01', 'pipe2_02', 'pipe2_99'],
    });
    expect(Object.keys(merged.gvisor.files)).toEqual(['pipe', 'socket_unix_stream', 'zzz_last']);
  });
});

describe('the parsers', () => {
  test('an assertion without a numeric id, or a repeated id, is an error naming the file', () => {
    expect(() => parseAssertionsXml('<assertion id="x" tag="">', 'a.xml')).toThrow(/a.xml: assertion with id 'x'/);
    expect(() => parseAssertionsXml('<assertion id="3"></assertion><assertion id="3">', 'b.xml')).toThrow(
      /b.xml: assertion 3 appears twice/,
    );
  });

  test('gTest names: each name once, sorted, also when the name is wrapped onto the next line', () => {
    expect(gtestNames('TEST(A, B) {}\nTEST(A, B) {}\nTEST_P(A, A) {}\nTEST_P(Long,\n       WrappedName) {}\n')).toEqual([
      'A.A',
      'A.B',
      'Long.WrappedName',
    ]);
  });

  test('LTP test names end in a digit and are not libraries', () => {
    expect(ltpTestNames(['kill02.c', 'kill.h', 'libkill2.c', 'kill_helper.c', 'rt_sigaction01.c'])).toEqual(['kill02', 'rt_sigaction01']);
  });
});
