// Stable identity for a finding: rule + file + the normalised source line + which occurrence of that
// line it is. Survives edits elsewhere in the file (unlike a line number).
import { createHash } from 'node:crypto';
import type { Finding } from '../Finding.js';

export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const hash = createHash('sha256')
      .update(`${f.rule}\0${f.file}\0${f.snippet.replace(/\s+/g, ' ')}`)
      .digest('hex')
      .slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}
