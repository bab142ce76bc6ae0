// What importers do with a module's exports, for findings the exporting module cannot settle alone: is an
// export called on some handler's must-complete path (js/handlerImports.ts), and does every call of an
// export read its awaited result (js/resultUse.ts)? Built once from every analysed module's facts.
import type { ModuleFacts } from './js/Candidate.js';

export class ImporterUses {
  /** `file#export` keys some module's handler path calls. */
  private readonly handlerPath = new Set<string>();
  /** `file#export` -> every call of it in other modules reads the awaited result. */
  private readonly reads = new Map<string, boolean>();

  constructor(modules: Iterable<ModuleFacts>, resolve: (from: string, source: string) => string | undefined) {
    for (const m of modules) {
      for (const ref of m.handlerCalls ?? []) {
        const target = resolve(ref.from, ref.source);
        if (target !== undefined) this.handlerPath.add(`${target}#${ref.name}`);
      }
      for (const use of m.resultUses ?? []) {
        const target = resolve(use.ref.from, use.ref.source);
        if (target === undefined) continue;
        const key = `${target}#${use.ref.name}`;
        this.reads.set(key, use.reads && (this.reads.get(key) ?? true));
      }
    }
  }

  /**
   * Does a handler in some scanned module call one of `names` exported from `file`?
   *
   * @example
   * uses.onHandlerPath('/app/initMenu.js', ['initMenu']) // true when app.js's handler calls initMenu()
   */
  onHandlerPath(file: string, names: readonly string[]): boolean {
    return names.some((n) => this.handlerPath.has(`${file}#${n}`));
  }

  /**
   * Some module calls one of `names` exported from `file`, and every such call reads the result.
   *
   * @example
   * uses.callersRead('/app/ddb.js', ['getItem']) // true when every caller does `result.Items...` first
   */
  callersRead(file: string, names: readonly string[]): boolean {
    const found = names.map((n) => this.reads.get(`${file}#${n}`)).filter((r) => r !== undefined);
    return found.length > 0 && found.every((r) => r);
  }
}
