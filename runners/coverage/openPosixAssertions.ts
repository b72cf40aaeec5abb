// Reads the Open POSIX Test Suite's assertions.xml files: each assertion's number and the facts its
// tag carries. The assertion sentences are not kept (the lists hold ids and facts only).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PosixAssertion } from '../../specs/peers/peerLists.js';

/** Where the interfaces' folders are inside an LTP checkout. */
export const OPEN_POSIX_INTERFACES_DIR = join('testcases', 'open_posix_testsuite', 'conformance', 'interfaces');

const ASSERTION_TAG = /<assertion\b([^>]*)>/g;
const ATTRIBUTE = /([a-z]+)\s*=\s*"([^"]*)"/g;
// A tag's words; a reference such as `ref:XSH6:{System Interfaces:shm_open:DESCRIPTION}` holds spaces
// inside its braces and stays one word.
const TAG_WORD = /[^\s{]*\{[^}]*\}[^\s]*|\S+/g;

const decodeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The assertions of one assertions.xml text, in file order; an assertion without a numeric id is an error. */
export function parseAssertionsXml(xml: string, where = 'assertions.xml'): PosixAssertion[] {
  const assertions: PosixAssertion[] = [];
  const seen = new Set<number>();
  for (const [, attributeText] of xml.matchAll(ASSERTION_TAG)) {
    const attributes = new Map([...attributeText!.matchAll(ATTRIBUTE)].map(([, name, value]) => [name!, decodeXml(value!)]));
    const idText = attributes.get('id') ?? '';
    if (!/^[1-9][0-9]*$/.test(idText)) throw new Error(`${where}: assertion with id '${idText}' (expected a positive number)`);
    const id = Number(idText);
    if (seen.has(id)) throw new Error(`${where}: assertion ${id} appears twice`);
    seen.add(id);
    const words = (attributes.get('tag') ?? '').match(TAG_WORD) ?? [];
    // `ref:` and `def:` point into the standard; everything else (pt:…, UNS, UND, IMP …) is a marker.
    const isReference = (word: string) => word.startsWith('ref:') || word.startsWith('def:');
    assertions.push({ id, refs: words.filter(isReference), markers: words.filter((w) => !isReference(w)) });
  }
  return assertions.sort((a, b) => a.id - b.id);
}

/** The assertions of each interface found under an LTP checkout, and the interfaces that have no assertions.xml. */
export async function readOpenPosixAssertions(
  ltpRoot: string,
  interfaces: readonly string[],
): Promise<{ interfaces: Record<string, PosixAssertion[]>; missing: string[] }> {
  const found: Record<string, PosixAssertion[]> = {};
  const missing: string[] = [];
  for (const name of [...interfaces].sort()) {
    const file = join(ltpRoot, OPEN_POSIX_INTERFACES_DIR, name, 'assertions.xml');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text === undefined) missing.push(name);
    else found[name] = parseAssertionsXml(text, file);
  }
  return { interfaces: found, missing };
}
