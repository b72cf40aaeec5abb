// The report's counting on made-up specs and lists: covered, not applicable, todo and percentages.
import { describe, expect, test } from 'vitest';
import { coverageMarkdown, mechanismTable } from '../../../runners/coverage/coverageMarkdown.js';
import { computeCoverage } from '../../../runners/coverage/coverageReport.js';
import type { MechanismScope } from '../../../runners/coverage/peerScope.js';
import type { NotApplicable } from '../../../specs/peers/not-applicable.js';
import type { PeerLists, PosixAssertion } from '../../../specs/peers/peerLists.js';
import type { MechanismSpec, PeerRef, Property } from '../../../specs/schema.js';

const assertions = (...ids: number[]): PosixAssertion[] => ids.map((id) => ({ id, refs: [], markers: [] }));

const lists: PeerLists = {
  openPosix: { source: 'made up', interfaces: { q_send: assertions(1, 2, 3, 4, 5), q_open: assertions(1, 2), sig_x: assertions(1, 2, 3) } },
  ltp: { source: 'made up', syscalls: { qsend: ['qsend01', 'qsend02', 'qsend03'], sigx: ['sigx01'] } },
  gvisor: { source: 'made up', files: { q: ['QTest.A', 'QTest.B'], socket_q_one: ['S.One'], socket_q_two: ['S.Two'] } },
};

const notApplicable: Record<string, NotApplicable> = {
  'q_send/4': { reason: 'undefined', note: 'made up' },
  'q_send/5': { reason: 'trivial', note: 'made up' },
  // Named by a property as well: covered wins.
  'q_open/2': { reason: 'trivial', note: 'made up' },
};

const scope: MechanismScope[] = [
  { mechanisms: ['q'], openPosix: ['q_send', 'q_open', 'q_missing'], ltp: ['ipc/qsend'], gvisor: ['q', 'socket_q_*'] },
  { mechanisms: ['sig'], openPosix: ['sig_x'], ltp: ['sigx'], gvisor: ['sigfile'] },
];

const property = (id: string, peers: PeerRef[]): Property => ({
  id,
  kind: 'capacity',
  claim: { en: 'made up', zh: '虚构' },
  sources: [{ man: 'x(7)' }],
  expect: { equals: 1 },
  probes: [{ ffi: 'x' }],
  peers,
});

const specs: MechanismSpec[] = [
  {
    id: 'q',
    title: { en: 'Q', zh: 'Q' },
    family: 'posix',
    manPages: ['q(7)'],
    properties: [
      property('q.one', ['posix:q_send/1', 'posix:q_open/2', 'ltp:qsend02', 'gvisor:S.Two']),
      property('q.two', ['posix:q_send/1', 'posix:q_send/2', 'gvisor:QTest.B', 'posix:mmap/7']),
      property('q.three', []),
    ],
  },
];

describe('coverage counting', () => {
  const report = computeCoverage(specs, lists, notApplicable, scope);

  test('each assertion is covered, not applicable or todo; percent of the applicable ones', () => {
    const send = report.interfaces.find((i) => i.interface === 'q_send')!;
    expect(send).toMatchObject({ assertions: 5, covered: 2, notApplicable: 2, todo: 1, percent: 66.7, todoList: [3] });
    expect(send.coveredBy).toEqual([
      { id: 1, properties: ['q.one', 'q.two'] },
      { id: 2, properties: ['q.two'] },
    ]);
    expect(send.notApplicableList.map((n) => [n.id, n.reason])).toEqual([
      [4, 'undefined'],
      [5, 'trivial'],
    ]);
  });

  test('an assertion a property names counts as covered even when listed as not applicable, and is flagged', () => {
    const open = report.interfaces.find((i) => i.interface === 'q_open')!;
    expect(open).toMatchObject({ assertions: 2, covered: 1, notApplicable: 0, todo: 1, percent: 50, decidedAnyway: [2] });
  });

  test('nothing decided gives 0 %, nothing applicable gives no percentage', () => {
    expect(report.interfaces.find((i) => i.interface === 'sig_x')).toMatchObject({ covered: 0, todo: 3, percent: 0 });
    const allOut = computeCoverage(
      specs,
      lists,
      { 'sig_x/1': notApplicable['q_send/4']!, 'sig_x/2': notApplicable['q_send/4']!, 'sig_x/3': notApplicable['q_send/4']! },
      scope,
    );
    expect(allOut.interfaces.find((i) => i.interface === 'sig_x')?.percent).toBeNull();
  });

  test('totals add the interfaces up and recompute the percentage; unlisted interfaces are named', () => {
    expect(report.total).toEqual({ assertions: 10, covered: 3, notApplicable: 2, todo: 5, percent: 37.5 });
    expect(report.interfacesNotListed).toEqual(['q_missing']);
  });

  test('LTP and gVisor columns per mechanism: named tests of its groups, prefix patterns included', () => {
    const [q, sig] = report.mechanisms;
    expect(q!.posix).toMatchObject({ assertions: 7, covered: 3 });
    expect(q!.ltp).toEqual({ total: 3, named: [{ test: 'qsend02', properties: ['q.one'] }], listed: true });
    expect(q!.gvisor.total).toBe(4);
    expect(q!.gvisor.named.map((n) => n.test)).toEqual(['QTest.B', 'S.Two']);
    expect(sig!.gvisor).toEqual({ total: 0, named: [], listed: false });
  });

  test('peers named outside the counted scope are reported apart', () => {
    expect(report.outsideScope).toEqual([{ peer: 'posix:mmap/7', properties: ['q.two'] }]);
  });

  test('the Markdown shows the totals, the table and the todo list', () => {
    const markdown = coverageMarkdown(report);
    expect(markdown).toContain('3 of 8 applicable assertions decided (37.5 %); target 75 % not met');
    expect(markdown).toContain('| q_send | 5 | 2 | 2 | 1 | 66.7 % |');
    expect(markdown).toContain('- todo: 3');
    expect(markdown).toContain('- 4: not applicable (undefined): made up');
    expect(mechanismTable(report.mechanisms, report.total)).toContain('| sig | 0 / 3 | 0.0 % | 0 | 3 | 0 / 1 | not listed |');
  });
});
