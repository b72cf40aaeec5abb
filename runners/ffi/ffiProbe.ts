// How an FFI probe declares itself, the way a C case does in its table: its parameters (name,
// description, required or not, in command-line order) and a function of their values by name.
// In a mechanism module's table, a plain function is a probe without parameters.
import type { FfiObservation } from './libc.js';

/** One parameter of an FFI probe; named like the C case's it mirrors. */
export interface FfiParam {
  readonly name: string;
  readonly description: string;
  /** Optional parameters come after the required ones. */
  readonly required: boolean;
}

/** The arguments of a probe by name, as the FFI entry received them (strings, like argv). */
export type FfiArgs = Readonly<Record<string, string | undefined>>;

/** An FFI probe: the parameters it declares and the observation it makes from their values. */
export interface FfiProbe {
  readonly params: readonly FfiParam[];
  run(args: FfiArgs): FfiObservation;
}

/** A mechanism module's `probes`: by id, a declared probe, or a function for one without parameters. */
export type FfiProbeTable = Record<string, FfiProbe | (() => FfiObservation)>;

/** The typed arguments of a parameter list: a required one is always there. */
type ArgsOf<P extends readonly FfiParam[]> = {
  readonly [K in P[number] as K['name']]: K['required'] extends true ? string : string | undefined;
};

/** A required parameter. */
export const param = <const N extends string>(name: N, description: string) => ({ name, description, required: true as const });
/** An optional parameter: the probe has a default for it. */
export const optionalParam = <const N extends string>(name: N, description: string) => ({ name, description, required: false as const });

/** Declares a probe with parameters; `run` gets their values by name. */
export function ffiProbe<const P extends readonly FfiParam[]>(params: P, run: (args: ArgsOf<P>) => FfiObservation): FfiProbe {
  return { params, run: run as unknown as FfiProbe['run'] };
}

/** Any table entry as a declared probe. */
export function asFfiProbe(entry: FfiProbe | (() => FfiObservation)): FfiProbe {
  return typeof entry === 'function' ? { params: [], run: () => entry() } : entry;
}

/**
 * The arguments by name from the words of a command line, in the order the parameters are
 * declared; or, when the words do not fit the declaration, what is wrong (a usage error).
 */
export function argsFromArgv(params: readonly FfiParam[], argv: readonly string[]): FfiArgs | string {
  if (argv.length > params.length) {
    return params.length === 0
      ? `takes no arguments, got ${argv.length}`
      : `takes at most ${params.length} (${params.map((p) => p.name).join(' ')}), got ${argv.length}`;
  }
  const missing = params.slice(argv.length).find((p) => p.required);
  if (missing) return `missing argument '${missing.name}' (${missing.description})`;
  return Object.fromEntries(argv.map((word, i) => [params[i]!.name, word]));
}
