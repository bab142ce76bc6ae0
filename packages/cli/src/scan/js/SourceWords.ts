// Answers "does this word occur in the module?" for the pre-parse gate (ruleGate.ts) with one pass over
// the text instead of one full search per word: most words are absent from most modules, and each
// absent word cost a search of the whole file (about forty of them over 10 MB on a large application).

/** 2^18 bits: few enough to clear cheaply per file, enough that a large file fills a small share. */
const BITS = 18;

/**
 * The bit of three characters (each case folded with `| 32` by the caller, in the text and in a queried
 * word alike): a multiplicative hash of their codes, top BITS bits.
 */
function hash3(a: number, b: number, c: number): number {
  return Math.imul((a << 14) ^ (b << 7) ^ c, 0x9e3779b1) >>> (32 - BITS);
}

/**
 * The three-character pieces of a source, hashed into a bit set in one pass. A word with a piece that
 * is not in the set cannot occur, so its search is skipped; otherwise the real search answers. Every
 * answer is therefore exactly that of `source.includes(word)`; only the work differs.
 * @example
 * const words = new SourceWords("import axios from 'axios';");
 * words.includes('axios'); // true
 * words.includes('superagent'); // false, without searching the text
 */
let last: SourceWords | undefined;

export class SourceWords {
  readonly source: string;
  private readonly bits = new Int32Array(1 << (BITS - 5));
  /**
   * The answers of the full searches made so far: the gate and the rules ask the same word of the same
   * text again (7,658 of 19,694 full searches on a 1,100-file application, about half the characters
   * searched), and a Map read is cheaper than a search that the bit set let through.
   */
  private readonly searched = new Map<string, boolean>();

  constructor(source: string) {
    this.source = source;
    const bits = this.bits;
    let a = 0;
    let b = 0;
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i) | 32;
      const h = hash3(a, b, c);
      bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
      a = b;
      b = c;
    }
  }

  /**
   * False when `word` cannot occur in the source, in any case of its ASCII letters (so it also rules
   * out a case-insensitive match of `word`); true when it may.
   */
  mayHave(word: string): boolean {
    if (word.length < 3) return true;
    let a = word.charCodeAt(0) | 32;
    let b = word.charCodeAt(1) | 32;
    for (let i = 2; i < word.length; i++) {
      const c = word.charCodeAt(i) | 32;
      const h = hash3(a, b, c);
      if (((this.bits[h >>> 5] as number) & (1 << (h & 31))) === 0) return false;
      a = b;
      b = c;
    }
    return true;
  }

  /**
   * The words of `source`, kept for the last text asked: the gate (ruleGate.ts) asks first, then the
   * rules of the same module ask of the same string (mayCallRandom, authText), reusing its one pass.
   */
  static of(source: string): SourceWords {
    if (last?.source !== source) last = new SourceWords(source);
    return last;
  }

  /**
   * Exactly `source.includes(word)`: a word with a piece missing from the bit set is ruled out without a
   * search. The gate asks through this and rules through ModuleContext.spells (this on the module's own
   * set); their callers need not repeat it. Take a predicate (`(w) => ctx.spells(w)` or
   * `(w) => words.includes(w)`) rather than a text, as SourceWords.of keeps one text only.
   */
  includes(word: string): boolean {
    if (!this.mayHave(word)) return false;
    let found = this.searched.get(word);
    if (found === undefined) {
      found = this.source.includes(word);
      this.searched.set(word, found);
    }
    return found;
  }
}

/**
 * Exactly `pattern.test(source)`, where every match of `pattern` holds one of `words` (in any case): a
 * whole-text expression that alternates words, which V8 runs at every position of a module, is asked
 * only when the bit set of the same text (kept from the gate) lets one of its words through.
 * @example
 * testSpelled(/typeorm|mongoose/, "import { Entity } from 'typeorm';", ['typeorm', 'mongoose']); // true
 */
export function testSpelled(pattern: RegExp, source: string, words: readonly string[]): boolean {
  const spelled = SourceWords.of(source);
  return words.some((w) => spelled.mayHave(w)) && pattern.test(source);
}
