// The contract every benchmark in bench/src/*.bench.ts keeps, and the helpers they share.
// `npm run bench` runs each at full size and writes bench/results/<name>.json;
// `npm test` runs each once at tiny size (bench/smoke.test.ts) so none of them rots.

export type BenchSize = 'tiny' | 'full';

export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** One or two sentences: the goal, and whether it was met. */
  readonly notes?: readonly string[];
}

export interface BenchResult {
  readonly tables: readonly BenchTable[];
  /** Machine-readable figures, written as JSON. */
  readonly data: Record<string, unknown>;
}

export interface Benchmark {
  /** File-safe name; the JSON goes to bench/results/<name>.json. */
  readonly name: string;
  run(size: BenchSize): Promise<BenchResult>;
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows].map((row) =>
    row.map((c) => (typeof c === 'number' ? fmt(c) : c)),
  );
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [
    `## ${table.title}`,
    line(cells[0] ?? []),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
  ];
  for (const row of cells.slice(1)) out.push(line(row));
  for (const note of table.notes ?? []) out.push(`> ${note}`);
  return out.join('\n');
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

/**
 * The middle sample (the upper one of an even count): what every benchmark reports, so that one slow
 * round on the shared machine does not move a figure.
 *
 * @example median([3, 1, 2]) // 2
 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Nanoseconds per call of `fn`, median of `rounds` rounds of `iterations` calls each. */
export async function nsPerCall(fn: () => unknown, iterations: number, rounds = 5): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await fn();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  return median(samples);
}
