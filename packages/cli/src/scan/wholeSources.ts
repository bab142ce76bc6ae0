// The modules an importer may call any export of, read from its text once. `importedUnnamed`
// (eventCallers.ts) asks it of every importer of a module, once per candidate in that module: a shared
// client imported by hundreds of modules had each importer's text blanked (codeOnly.ts) and searched again
// for every candidate, a third of a CPU-second on a large CDK application (round 51, speed).
import { namespaceWholeSources, reExportSources } from './callerText.js';

/** The sources each importer re-exports or imports whole and uses whole, remembered per importer file. */
export class WholeSources {
  private readonly byFile = new Map<string, readonly string[]>();

  /**
   * The sources `text` (the text of `file`) re-exports (`export * from`) or imports as a namespace it uses
   * whole (callerText.ts): each may call any name. The answer depends only on the text, which the caller
   * reads once per file (EventCallers.textOf), so remembering it by file cannot change a finding.
   *
   * @example
   * new WholeSources().of('/app/a.ts', "export * from './orders';") // ['./orders']
   */
  of(file: string, text: string): readonly string[] {
    let sources = this.byFile.get(file);
    if (sources === undefined) {
      sources = [...reExportSources(text), ...namespaceWholeSources(text)];
      this.byFile.set(file, sources);
    }
    return sources;
  }
}
