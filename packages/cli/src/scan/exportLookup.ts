// The fact behind a name a module exports, following re-exports through barrels (`export * from`,
// `export { a as b } from`, `import { x } from './y'; export { x }`) to the module that defines it. A
// deferred module (js/ruleGate.ts) is analysed in full when a lookup reaches it, so a lookup that can
// rule a deferred module out from its text alone saves that analysis.
import type { ExportFact, ModuleFacts } from './js/Candidate.js';
import { ownEntry } from './ownEntry.js';

// How many re-exports a name is followed through before the lookup gives up (see `via`).
const MAX_REEXPORT_HOPS = 64;

/** `export * from` / `export * as ns from`: a module that may pass on names its text never spells. */
const EXPORT_ALL = /\bexport\s*\*/;
/**
 * Every form in which a module can hand on a name it imports (js/analyzeModule.ts reExports: a source's
 * specifiers, `export { x }`, `export default x`, `export const a = x`, CommonJS `exports`).
 */
const MAY_PASS_ON = /\bexport\s*(?:type\s*)?[*{]|\bexport\s+(?:default|const|let|var)\b|\bexports\b/;

/** What the lookup needs from the project pass. */
export interface ExportSources {
  /** Sources of the modules not analysed yet. */
  readonly deferred: ReadonlyMap<string, string>;
  /** A module's facts, analysing a deferred module in full. */
  readonly factsOf: (file: string) => ModuleFacts | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
}

function remembered(answers: Map<string, boolean>, file: string, ask: () => boolean): boolean {
  let answer = answers.get(file);
  if (answer === undefined) {
    answer = ask();
    answers.set(file, answer);
  }
  return answer;
}

export class ExportLookup {
  private readonly sources: ExportSources;
  private readonly facts = new Map<string, ExportFact | undefined>();
  /** Per deferred module, the two text tests below: asked once per name looked up there, answered once. */
  private readonly exportsAll = new Map<string, boolean>();
  private readonly passesOn = new Map<string, boolean>();

  constructor(sources: ExportSources) {
    this.sources = sources;
  }

  /** The fact behind `name` exported from `file`, following re-exports (answered once per pair). */
  fact(file: string, name: string): ExportFact | undefined {
    const key = `${file}#${name}`;
    if (this.facts.has(key)) return this.facts.get(key);
    const fact = this.via(file, name, new Set<string>(), undefined, 0);
    this.facts.set(key, fact);
    return fact;
  }

  /**
   * The same lookup for a question only a module whose text passes `mayHold` can answer yes to: a
   * deferred module that fails it and cannot hand a name on is not analysed (its answer would have no
   * such fact). The answer may lack facts the plain lookup has, so it is not kept with theirs. (Were two
   * `export *` members to export the same name, an ambiguity TypeScript and ES modules reject, the member
   * passed over would not stop the search as the plain lookup's first answer does.)
   *
   * @example
   * lookup.factWhere('/app/index.ts', 'ApiClient', (text) => text.includes('timeout'))?.httpTimeoutArg
   */
  factWhere(file: string, name: string, mayHold: (text: string) => boolean): ExportFact | undefined {
    const key = `${file}#${name}`;
    if (this.facts.has(key)) return this.facts.get(key);
    return this.via(file, name, new Set<string>(), mayHold, 0);
  }

  private exportsAllOf(file: string, text: string): boolean {
    return remembered(this.exportsAll, file, () => EXPORT_ALL.test(text));
  }

  private passesOnOf(file: string, text: string): boolean {
    return remembered(this.passesOn, file, () => MAY_PASS_ON.test(text));
  }

  private via(
    file: string,
    name: string,
    seen: Set<string>,
    mayHold: ((text: string) => boolean) | undefined,
    hops: number,
  ): ExportFact | undefined {
    const key = `${file}#${name}`;
    // A chain of re-exports thousands of modules long (generated or hostile) would overflow the stack;
    // real barrels hand a name on a handful of times.
    if (seen.has(key) || hops > MAX_REEXPORT_HOPS) return undefined;
    seen.add(key);
    // `Stage.assumeRole`: a member of a namespace the module passes on (`export * as Stage from './stage'`).
    const dot = name.indexOf('.');
    const head = dot === -1 ? name : name.slice(0, dot);
    const text = this.sources.deferred.get(file);
    if (text !== undefined) {
      // A deferred module (often one of a barrel's `export *` targets) whose text never spells the name
      // and re-exports nothing wholesale cannot export it: not analysed in full just to learn that.
      if (name !== 'default' && !text.includes(head) && !this.exportsAllOf(file, text)) return undefined;
      if (mayHold !== undefined && !mayHold(text) && !this.passesOnOf(file, text)) return undefined;
    }
    const m = this.sources.factsOf(file);
    if (m === undefined) return undefined;
    const direct = ownEntry(m.exports, name);
    if (direct !== undefined) return direct;
    if (dot !== -1 && ownEntry(m.exports, head) !== undefined) return undefined;
    for (const re of m.reExports) {
      const target = this.sources.resolve(file, re.source);
      if (target === undefined) continue;
      if (re.names === undefined) {
        const f = this.via(target, name, seen, mayHold, hops + 1);
        if (f !== undefined) return f;
      } else {
        const pair = re.names.find(([exported]) => exported === head);
        if (pair === undefined) continue;
        // The namespace itself (`*`) hands on the member's own name; a renamed re-export keeps the member.
        const rest = dot === -1 ? '' : name.slice(dot);
        if (pair[1] === '*')
          return dot === -1 ? undefined : this.via(target, rest.slice(1), seen, mayHold, hops + 1);
        return this.via(target, pair[1] + rest, seen, mayHold, hops + 1);
      }
    }
    return undefined;
  }
}
