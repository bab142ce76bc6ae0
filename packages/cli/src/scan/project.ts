// Project pass: follows relative imports between the scanned files to settle findings that depend on
// another file (a wrapper or an async function defined elsewhere), and applies IaC facts to code.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type {
  Candidate,
  ExportFact,
  HandlerFact,
  HandlerLink,
  ImportRef,
  ModuleFacts,
  Protection,
} from './js/Candidate.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export class Project {
  private readonly modules = new Map<string, ModuleFacts>();
  private readonly batchOneHandlers: string[];

  constructor(modules: readonly ModuleFacts[], batchOneHandlers: readonly string[]) {
    const all = [...batchOneHandlers];
    for (const m of modules) {
      this.modules.set(m.file, m);
      if (m.batchOneHandlers !== undefined) all.push(...m.batchOneHandlers);
    }
    this.batchOneHandlers = all.map((h) => h.replace(/^\.\//, ''));
  }

  /** The facts of the handler a CDK construct points at, when that module was scanned. */
  private linkedHandler(link: HandlerLink): HandlerFact | undefined {
    for (const stem of link.stems)
      for (const ext of EXTENSIONS) {
        const m = this.modules.get(stem + ext);
        if (m !== undefined) return m.handlers?.[link.export];
      }
    return undefined;
  }

  resolveModule(from: string, source: string): string | undefined {
    if (!source.startsWith('.') && !source.startsWith('/')) return undefined;
    const base = resolve(dirname(from), source);
    const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    const candidates = [
      base,
      ...EXTENSIONS.map((e) => stem + e),
      ...EXTENSIONS.map((e) => `${base}/index${e}`),
    ];
    for (const c of candidates) if (this.modules.has(c)) return c;
    for (const c of candidates) if (existsSync(c) && this.modules.has(c)) return c;
    return undefined;
  }

  /** The fact behind `name` exported from `file`, following re-exports. */
  exportFact(file: string, name: string, seen = new Set<string>()): ExportFact | undefined {
    const key = `${file}#${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const m = this.modules.get(file);
    if (m === undefined) return undefined;
    const direct = m.exports[name];
    if (direct !== undefined) return direct;
    for (const re of m.reExports) {
      const target = this.resolveModule(file, re.source);
      if (target === undefined) continue;
      if (re.names === undefined) {
        const f = this.exportFact(target, name, seen);
        if (f !== undefined) return f;
      } else {
        const pair = re.names.find(([exported]) => exported === name);
        if (pair !== undefined) return this.exportFact(target, pair[1], seen);
      }
    }
    return undefined;
  }

  provides(ref: ImportRef, kind: Protection, depth = 0): boolean {
    if (depth > 6) return false;
    const target = this.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    const fact = this.exportFact(target, ref.name);
    if (fact === undefined) return false;
    if (fact.provides.includes(kind)) return true;
    return fact.via.some((v) => this.provides(v, kind, depth + 1));
  }

  isAsync(ref: ImportRef): boolean {
    const target = this.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    return this.exportFact(target, ref.name)?.async === true;
  }

  /** Is `file`'s export `name` a handler whose event source is configured with BatchSize 1? */
  isBatchOne(file: string, name: string): boolean {
    const stem = file.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, '');
    return this.batchOneHandlers.some((h) => {
      const dot = h.lastIndexOf('.');
      if (dot === -1 || h.slice(dot + 1) !== name) return false;
      const modulePath = h.slice(0, dot);
      return stem.endsWith(`/${modulePath}`) || stem === modulePath;
    });
  }

  /** Keeps a candidate unless another file settles it. */
  keep(file: string, c: Candidate): boolean {
    if (c.unlessImportProvides !== undefined) {
      const { kind, imports } = c.unlessImportProvides;
      if (imports.some((ref) => this.provides(ref, kind))) return false;
    }
    if (c.onlyIfImportAsync !== undefined && !this.isAsync(c.onlyIfImportAsync)) return false;
    if (c.handlerExport !== undefined && this.isBatchOne(file, c.handlerExport)) return false;
    if (c.handlerLink !== undefined) {
      const fact = this.linkedHandler(c.handlerLink);
      if (fact !== undefined && !(c.handlerLink.clearWhen === 'no-work' ? fact.work : fact.recordWork))
        return false;
    }
    return true;
  }
}
