// Reads the `expect:` / `trap:` labels of the fixture corpus (comments beside the code, or a
// `<file>.labels` sidecar for JSON, which has no comments). Used by the accuracy test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Label {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly kind: 'expect' | 'trap';
}

const LIST = '([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)';
const EXPECT = new RegExp(`expect:\\s*${LIST}`);
const TRAP = new RegExp(`trap:\\s*${LIST}`);

function labelsOfLine(file: string, line: number, text: string): Label[] {
  const out: Label[] = [];
  for (const [re, kind] of [
    [EXPECT, 'expect'],
    [TRAP, 'trap'],
  ] as const) {
    const m = re.exec(text);
    if (m?.[1]) for (const rule of m[1].split(',')) out.push({ file, line, rule: rule.trim(), kind });
  }
  return out;
}

export function readLabels(root: string): Label[] {
  const labels: Label[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|cjs|ya?ml|tf)$/.test(entry.name)) {
        const rel = relative(root, path).split(sep).join('/');
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((text, i) => {
            // Only comment text carries labels.
            const at = Math.max(text.indexOf('//'), text.indexOf('#'));
            if (at !== -1) labels.push(...labelsOfLine(rel, i + 1, text.slice(at)));
          });
      } else if (entry.name.endsWith('.json') && existsSync(`${path}.labels`)) {
        const rel = relative(root, path).split(sep).join('/');
        for (const text of readFileSync(`${path}.labels`, 'utf8').split('\n')) {
          const m = /^(\d+):\s*(expect|trap)\s+(.*)$/.exec(text.trim());
          if (m) labels.push(...labelsOfLine(rel, Number(m[1]), `${m[2]}: ${m[3]}`));
        }
      }
    }
  };
  walk(root);
  return labels;
}
