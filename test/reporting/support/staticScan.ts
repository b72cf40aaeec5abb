// A static scan of a generated report for what would make a browser fetch from outside it.
//
// A request is what the browser fetches by itself while it renders: the src or href of a script,
// stylesheet, image, frame or other embedded resource, a CSS url() or @import, a <base> that moves
// relative addresses elsewhere, a refresh, and the fetch/XHR/beacon/socket calls of a script.
// Navigation is what the reader may choose to follow: an <a href> (man7.org man pages, "Powered by
// Allure"), and any address written in the report's data (links, descriptions), which the page
// shows as such an anchor. So the scan reads the markup and the scripts, not the content.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** One address a report would load from outside itself. */
export interface ExternalLoad {
  file: string;
  /** How it would be loaded, e.g. `<script src>`, `css url()`, `fetch()`. */
  how: string;
  url: string;
}

/** Whether `url` leaves the report: an absolute address with a scheme other than data:/blob:/about:, or protocol-relative. */
export function leavesReport(url: string): boolean {
  const trimmed = url.trim().replace(/^["']|["']$/g, '');
  if (trimmed.startsWith('//')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  return scheme !== undefined && !['data', 'blob', 'about', 'javascript'].includes(scheme);
}

/** Elements whose attribute the browser loads by itself (not <a>, <area>, <form>: those navigate). */
const LOADING_ATTRIBUTES: [tag: string, attribute: string][] = [
  ['script', 'src'],
  ['link', 'href'],
  ['img', 'src'],
  ['img', 'srcset'],
  ['source', 'src'],
  ['source', 'srcset'],
  ['iframe', 'src'],
  ['frame', 'src'],
  ['embed', 'src'],
  ['object', 'data'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['track', 'src'],
  ['input', 'src'],
  ['image', 'href'],
  ['use', 'href'],
  ['base', 'href'],
];

/** <link rel> values that only describe the page and fetch nothing. */
const DESCRIPTIVE_RELS = new Set(['canonical', 'alternate', 'author', 'help', 'license', 'bookmark', 'external', 'nofollow', 'noreferrer']);

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[2] ?? match[3] ?? match[4]) : undefined;
}

/** External loads in CSS text (a stylesheet, a <style> block or a style attribute). */
export function cssLoads(css: string, file: string): ExternalLoad[] {
  const loads: ExternalLoad[] = [];
  for (const match of css.matchAll(/url\(\s*([^)]*?)\s*\)/gi))
    if (leavesReport(match[1]!)) loads.push({ file, how: 'css url()', url: match[1]! });
  for (const match of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi))
    if (leavesReport(match[1]!)) loads.push({ file, how: 'css @import', url: match[1]! });
  return loads;
}

/** Calls in a script that load a literal external address. */
const SCRIPT_LOADS =
  /\b(fetch|importScripts|sendBeacon|WebSocket|EventSource|open|import)\s*\(\s*(?:["'`]GET["'`]\s*,\s*)?["'`]((?:https?:|wss?:)?\/\/[^"'`]+)["'`]/g;
/** Analytics and tag services, wherever their address appears in a script. */
const TRACKERS = /(googletagmanager\.com|google-analytics\.com|doubleclick\.net|segment\.io|hotjar\.com|plausible\.io)/g;

/** External loads a script makes with a literal address. */
export function scriptLoads(script: string, file: string): ExternalLoad[] {
  const loads: ExternalLoad[] = [];
  for (const match of script.matchAll(SCRIPT_LOADS)) loads.push({ file, how: `${match[1]}()`, url: match[2]! });
  for (const match of script.matchAll(TRACKERS)) loads.push({ file, how: 'tracker address', url: match[1]! });
  return loads;
}

/** External loads of an HTML page, its inline scripts and styles, and the scripts it embeds as data: URLs. */
export function htmlLoads(html: string, file: string): ExternalLoad[] {
  const loads: ExternalLoad[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const name = /^<([a-z0-9-]+)/i.exec(tag)![1]!.toLowerCase();
    for (const [element, attribute] of LOADING_ATTRIBUTES) {
      if (element !== name) continue;
      const value = attributeOf(tag, attribute);
      if (value === undefined) continue;
      if (name === 'link' && (attributeOf(tag, 'rel') ?? '').split(/\s+/).every((rel) => DESCRIPTIVE_RELS.has(rel.toLowerCase()))) continue;
      const urls = attribute === 'srcset' ? value.split(',').map((entry) => entry.trim().split(/\s+/)[0]!) : [value];
      for (const url of urls) if (leavesReport(url)) loads.push({ file, how: `<${name} ${attribute}>`, url });
      if (name === 'script' && value.startsWith('data:text/javascript;base64,'))
        loads.push(
          ...scriptLoads(Buffer.from(value.slice(value.indexOf(',') + 1), 'base64').toString('utf8'), `${file} (embedded script)`),
        );
    }
    const refresh = /http-equiv\s*=\s*["']?refresh/i.test(tag) ? /url=([^"'>\s]+)/i.exec(attributeOf(tag, 'content') ?? '') : null;
    if (refresh && leavesReport(refresh[1]!)) loads.push({ file, how: '<meta refresh>', url: refresh[1]! });
    const style = attributeOf(tag, 'style');
    if (style) loads.push(...cssLoads(style, file));
  }
  for (const block of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) loads.push(...cssLoads(block[1]!, file));
  for (const block of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) loads.push(...scriptLoads(block[1]!, file));
  return loads;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every external load in a report folder: its pages, stylesheets and scripts (data files are content). */
export function externalLoads(reportFolder: string): ExternalLoad[] {
  return filesUnder(reportFolder).flatMap((path) => {
    const file = relative(reportFolder, path);
    const extension = extname(path).toLowerCase();
    if (extension === '.html' || extension === '.htm' || extension === '.svg') return htmlLoads(readFileSync(path, 'utf8'), file);
    if (extension === '.css') return cssLoads(readFileSync(path, 'utf8'), file);
    if (extension === '.js' || extension === '.mjs') return scriptLoads(readFileSync(path, 'utf8'), file);
    return [];
  });
}
