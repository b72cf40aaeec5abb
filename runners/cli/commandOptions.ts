// The options several commands share, spelled and checked once. A value commander cannot check by
// itself (an empty --only, a port out of range) is refused as it is parsed, with the one line a
// UsageError gives, before any command starts. Each command names the options it takes, so an
// option another command takes is refused for this one.
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';

/** What a command's action hands back: its exit status. */
export type CommandAction = (...args: never[]) => Promise<number>;

/** `--env NAME`: checked against the registry by the command, whose modules are loaded lazily. */
export const envOption = (environments: readonly string[]) =>
  new Option(
    '--env <name>',
    `where probes run: ${environments.length ? `${environments.join(', ')} or ` : ''}qemu:<kernel package> (default host)`,
  );

/** `--envs A,B`: several environments. */
export const envsOption = (what: string) => new Option('--envs <names>', `comma-separated environments ${what}`);

/** `--only GLOBS`: never empty, so that a script's unset variable does not silently select everything. */
export const onlyOption = (over = 'property ids') =>
  new Option('--only <globs>', `comma-separated globs over ${over}, e.g. 'pipe.*,fifo.blocking.*'`).argParser((value: string) => {
    if (value.trim() === '') throw new UsageError('--only is empty: name at least one glob, e.g. --only pipe.*');
    return value;
  });

/** `--specs DIR`: absolute from here on, as the specs' loader wants. */
export const specsOption = () =>
  new Option('--specs <dir>', "a folder of *.spec.js files to check instead of the kit's own specs").argParser((value: string) =>
    resolve(value),
  );

/** `--output DIR`: where the command writes instead of reports/ (see outputFolder.ts for what is refused). */
export const outputOption = (what: string) => new Option('--output <dir>', `${what} (a new or empty folder, or one the kit wrote before)`);

/** A value that must be one of `choices`, refused in the kit's words. */
export function oneOf<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    const spelled = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices.join('');
    if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${flag} must be ${spelled}, not '${value}'`);
    return value as T;
  };
}

/** A TCP port: 0 (any free one) to 65535. */
export function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be a number from 0 (any free port) to 65535, not '${value}'`);
  return Number(value);
}

/** The options `command` takes, as its help lists them: for the line that refuses another. */
export function optionNames(command: Command): string {
  const names = command.options.map((option) => option.long ?? option.short ?? option.flags);
  return names.length ? names.join(', ') : 'no options';
}
