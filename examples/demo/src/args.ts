// The demo's command line: `--seed <n>`, `--size full|tiny`, `--out <file>`, `--plain`, `--logs`.
import type { SIZES } from './scenario.js';

/** The parsed command line. */
export interface DemoArgs {
  readonly seed: number;
  readonly size: keyof typeof SIZES;
  readonly out: string | undefined;
  /** Plain lines even on a TTY. */
  readonly plain: boolean;
  /** Powertools logs of the consumer (noisy; off by default). */
  readonly logs: boolean;
}

export const DEMO_USAGE =
  'usage: npm run demo -- [--seed <integer>] [--size full|tiny] [--out <file>] [--plain] [--logs]';

/**
 * Parses the arguments; a wrong one is an error naming it (the demo exits 2 with the usage).
 *
 * @example
 * ```ts
 * parseDemoArgs(['--seed', '7']); // { seed: 7, size: 'full', ... }
 * ```
 */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let seed = 1;
  let size: keyof typeof SIZES = 'full';
  let out: string | undefined;
  let plain = false;
  let logs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new TypeError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--seed') {
      const v = value();
      if (!/^\d{1,9}$/.test(v))
        throw new TypeError(`--seed must be a whole number from 0 to 999999999, got '${v}'`);
      seed = Number(v);
    } else if (arg === '--size') {
      const v = value();
      if (v !== 'full' && v !== 'tiny') throw new TypeError(`--size must be full or tiny, got '${v}'`);
      size = v;
    } else if (arg === '--out') out = value();
    else if (arg === '--plain') plain = true;
    else if (arg === '--logs') logs = true;
    else throw new TypeError(`unknown argument '${arg}'`);
  }
  return { seed, size, out, plain, logs };
}
