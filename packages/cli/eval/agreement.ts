// `npm run scan:agreement -- <name>`: how far two reviewers who labelled the same repository independently
// agree, scored exactly as `npm run scan:eval` scores the scan. The first reading is labels/<name>.labels,
// the second agreement/<name>.labels. Only files inside BOTH scopes count, and only the rules neither file
// restricts away. Read the second reviewer's positives as "findings" against the first's labels: the
// precision and recall printed are what a scan that labelled like the second reviewer would score. It is
// the ceiling the 0.9 / 0.8 bar should be read against: no scan can agree with a reviewer more closely than
// a second careful reviewer does, except by chance.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Label, readLabels, scopeMatcher } from './labelFile.js';
import { matchPlaces, trapAt } from './matching.js';

// The same slack score.ts allows the scan; a wider one shows what differs only in the line chosen.
const LINE_SLACK = 2;
const WIDE_SLACK = 10;

function filesUnder(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(root, path, out);
    else if (entry.isFile() || statSync(path, { throwIfNoEntry: false })?.isFile())
      out.push(relative(root, path));
  }
  return out;
}

interface Agreement {
  readonly matched: number;
  readonly onlyFirst: Label[];
  readonly onlySecond: Label[];
  /** Second-reading positives that sit where the first reading wrote a trap: an explicit disagreement. */
  readonly contradicted: number;
}

function compare(first: Label[], second: Label[], slack: number): Agreement {
  const m = matchPlaces(
    second.filter((l) => l.kind === '+'),
    first,
    slack,
  );
  return {
    matched: m.matched.size,
    onlyFirst: m.unmatchedPositives,
    onlySecond: m.unmatchedPlaces,
    contradicted: m.unmatchedPlaces.filter((s) => trapAt(first, s, slack) !== undefined).length,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? '  -  ' : (a / b).toFixed(3));

function main(): void {
  const name = process.argv[2];
  if (name === undefined || name.startsWith('-'))
    throw new Error('usage: npm run scan:agreement -- <name> [--verbose]  (name as in repos.json)');
  const verbose = process.argv.includes('--verbose');
  const here = import.meta.dirname;
  const { corpusDir } = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')) as { corpusDir: string };
  const root = join(process.env.BULWARK_EVAL_CORPUS ?? corpusDir, name);
  const a = readLabels(join(here, 'labels', `${name}.labels`));
  const b = readLabels(join(here, 'agreement', `${name}.labels`));
  const inA = scopeMatcher(root, a.scope);
  const inB = scopeMatcher(root, b.scope);
  const both = new Set(filesUnder(root).filter((f) => inA(f) && inB(f)));
  const ruleOk = (r: string) =>
    (a.rules.length === 0 || a.rules.includes(r)) && (b.rules.length === 0 || b.rules.includes(r));
  const keep = (ls: Label[]) =>
    ls.filter((l) => both.has(l.file) && inA(l.file, l.line) && inB(l.file, l.line) && ruleOk(l.rule));
  const first = keep(a.labels);
  const second = keep(b.labels);
  console.log(
    `${name}: ${both.size} files in both scopes; first reading ${first.filter((l) => l.kind === '+').length} positives, second ${second.filter((l) => l.kind === '+').length}`,
  );
  for (const slack of [LINE_SLACK, WIDE_SLACK]) {
    const g = compare(first, second, slack);
    console.log(
      `line slack ${String(slack).padStart(2)}: second scored against first: precision ${ratio(g.matched, g.matched + g.onlySecond.length)} recall ${ratio(g.matched, g.matched + g.onlyFirst.length)} (matched ${g.matched}, only second ${g.onlySecond.length} of which ${g.contradicted} on a first-reading trap, only first ${g.onlyFirst.length})`,
    );
  }
  const rules = [...new Set([...first, ...second].filter((l) => l.kind === '+').map((l) => l.rule))].sort();
  console.log(`${'rule'.padEnd(36)} first second matched`);
  for (const rule of rules) {
    const g = compare(
      first.filter((l) => l.rule === rule),
      second.filter((l) => l.rule === rule),
      LINE_SLACK,
    );
    console.log(
      `${rule.padEnd(36)} ${String(g.matched + g.onlyFirst.length).padStart(5)} ${String(g.matched + g.onlySecond.length).padStart(6)} ${String(g.matched).padStart(7)}`,
    );
  }
  if (verbose) {
    const g = compare(first, second, LINE_SLACK);
    for (const l of g.onlyFirst) console.log(`  only first  ${l.file}:${l.line} ${l.rule}: ${l.why}`);
    for (const l of g.onlySecond) console.log(`  only second ${l.file}:${l.line} ${l.rule}: ${l.why}`);
  }
}

main();
