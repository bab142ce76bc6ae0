// A cheap upper bound on how deeply a source file nests, read before parsing. oxc-parser 0.159 kills the
// whole process (a segfault, exit 139, upstream oxc issue 24375) on code nested about 3,500 deep, and
// its JavaScript AST transfer overflows the stack from about 1,000: a file past the limit is reported
// and never parsed, so one hostile or generated file cannot take the scan down.

/** Files nesting deeper than this are not parsed (measured: 1,000 parses in every shape tried). */
export const MAX_NESTING = 900;

// Character classes, by char code: 1 opener, 2 closer, 3 `;` or `,`, 4 `?`, 5 `=`, 6 `/`, 7 a quote.
const CLASS = new Uint8Array(128);
for (const c of '([{') CLASS[c.charCodeAt(0)] = 1;
for (const c of ')]}') CLASS[c.charCodeAt(0)] = 2;
for (const c of ';,') CLASS[c.charCodeAt(0)] = 3;
CLASS[63] = 4;
CLASS[61] = 5;
CLASS[47] = 6;
for (const c of '\'"`') CLASS[c.charCodeAt(0)] = 7;

/**
 * An upper bound on the nesting of `source`: bracket depth, plus at each bracket level the ternaries and
 * arrows chained since the last `;` or `,` there (`a ? b : c ? d : ...` and `() => () => ...` nest
 * without brackets). Strings and comments are skipped; regular expressions are not recognised, which can
 * only move the bound by the brackets they contain.
 * @example
 * nestingBound('x = ((1));') // 2
 */
export function nestingBound(source: string): number {
  // chains[level]: ternaries and arrows chained at that bracket level since its last `;` or `,`.
  const chains = new Int32Array(4096);
  let level = 0;
  let chainSum = 0;
  let max = 0;
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    const k = c < 128 ? CLASS[c] : 0;
    if (k === 0) continue;
    if (k === 1) {
      if (level < 4095) chains[++level] = 0;
      else return 4096;
    } else if (k === 2) {
      if (level > 0) chainSum -= chains[level--] as number;
    } else if (k === 3) {
      chainSum -= chains[level] as number;
      chains[level] = 0;
    } else if (k === 4) {
      const next = source.charCodeAt(i + 1);
      if (next === 46 || next === 63) {
        i++; // `?.` and `??`
        continue;
      }
      chains[level] = (chains[level] as number) + 1;
      chainSum++;
    } else if (k === 5) {
      if (source.charCodeAt(i + 1) !== 62) continue;
      chains[level] = (chains[level] as number) + 1;
      chainSum++;
    } else if (k === 6) {
      const next = source.charCodeAt(i + 1);
      if (next === 47) {
        const end = source.indexOf('\n', i + 2);
        i = end === -1 ? n : end;
      } else if (next === 42) {
        const end = source.indexOf('*/', i + 2);
        i = end === -1 ? n : end + 1;
      }
      continue;
    } else {
      // A string or template literal (escapes honoured; a template's `${}` is skipped with it).
      let j = i + 1;
      while (j < n) {
        const d = source.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c || (c !== 96 && d === 10)) break;
        else j++;
      }
      i = j;
      continue;
    }
    const depth = level + chainSum;
    if (depth > max) max = depth;
  }
  return max;
}
