// One finding per batch consumer: a handler that builds no batchItemFailures is usually also wired by an
// event source without ReportBatchItemFailures, and the template and the code would each report it. The
// scan reports it once, at the handler's code (where the change starts: the handler must answer which
// records failed before the template's setting means anything), and names the template in the message.
// A template finding whose handler's code is not in the scan, or is not reported (it does answer
// batchItemFailures: the template setting alone is missing), stays where it is. A stream source that
// neither reports nor bisects merges the same way: it feeds the same consumer, whose one fix (answer the
// failed records) starts at the code, so a second finding at the source would count one consumer twice.
import type { FileOutcome } from './analyzeFile.js';
import { batchWorkerOf } from './batchWorkerHandOff.js';
import { HandlerJoin, stemOf } from './handlerJoin.js';
import { namesPackageModule } from './iac/packageFolderHandlers.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';
import { servedText, sharedAt, sharedServes } from './sharedBatchServes.js';

const RULE = 'batch-no-partial-failure';

/** Template findings merged into their handler's code finding, both ways. */
export interface BatchTwins {
  /** Drops a template finding (in the template `rel`) whose handler's code reports the same consumer. */
  readonly mergedIntoCode: (c: Candidate, rel: string) => boolean;
  /** The template files that wire this code finding's handler without partial batch responses. */
  readonly templatesOf: (file: string, c: Candidate) => readonly string[];
  /** Those of templatesOf whose merged source is a stream that does not bisect either (`unsplit`). */
  readonly unsplitOf: (file: string, c: Candidate) => readonly string[];
  /** A handler that throws for the whole batch, wired only by stream sources that bisect (bisectedStreams.ts). */
  readonly bisectedOnly: (file: string, c: Candidate) => boolean;
  /**
   * The handlers (`stem#export`) a shared batch function's finding serves (sharedBatchServes.ts); empty for
   * any other finding, and for a shared function that serves no template-wired handler (then not reported).
   */
  readonly servedBy: (file: string, c: Candidate) => readonly string[];
}

/**
 * Batch twins when the pass that pairs them could not run: nothing merged, nothing bisected, no shared batch
 * function serving a wired handler (so those are not reported: a guess either way would be worse).
 * @example
 * const pairs = projectPassOr('batch twins', problems, NO_TWINS, () => batchTwins(outcomes, project));
 */
export const NO_TWINS: BatchTwins = {
  mergedIntoCode: () => false,
  templatesOf: () => [],
  unsplitOf: () => [],
  bisectedOnly: () => false,
  servedBy: () => [],
};

/**
 * @param terraformHandlers the handler strings of each Terraform event source mapping, by `file:line`
 * (iac/terraformHandlers.ts): a Terraform function names its code by handler and package, matched like
 * any handler string (a source file whose stem ends in the module path).
 */
export function batchTwins(
  outcomes: readonly FileOutcome[],
  project: Project,
  terraformHandlers: ReadonlyMap<string, readonly string[]> = new Map(),
): BatchTwins {
  const linked = new Map<string, string[]>();
  /** Whether every source linked to a handler key bisects. */
  const bisecting = new Map<string, boolean>();
  const link = (key: string, rel: string, bisects: boolean): void => {
    linked.set(key, [...(linked.get(key) ?? []), rel]);
    bisecting.set(key, (bisecting.get(key) ?? true) && bisects);
  };
  /**
   * Stream sources that neither report item failures nor bisect (`no-record-work` links): a finding of
   * their own only while the handler's code is not reported; then it merges into the code finding.
   */
  const unsplit = new Map<string, string[]>();
  const linkUnsplit = (key: string, rel: string): void => {
    unsplit.set(key, [...(unsplit.get(key) ?? []), rel]);
  };
  /** Sources whose handler strings name code by the end of its path: Terraform's, and packaged artifacts'. */
  const terraform: {
    readonly at: string;
    readonly rel: string;
    readonly handlers: readonly string[];
    readonly beside: (codeRel: string, codePath: string) => boolean;
  }[] = [];
  for (const o of outcomes) {
    if (o.kind === 'code') {
      // Serverless configuration written in TypeScript (js/rules/serverlessTs.ts) links like a template.
      for (const c of o.facts.candidates) {
        const hl = c.rule === RULE ? c.handlerLink : undefined;
        if (hl?.clearWhen === 'no-record-work')
          for (const stem of hl.stems) linkUnsplit(`${stemOf(stem)}#${hl.export}`, o.file.rel);
        if (hl?.clearWhen === 'reported-in-code')
          for (const stem of hl.stems) link(`${stemOf(stem)}#${hl.export}`, o.file.rel, hl.bisects === true);
      }
      continue;
    }
    if (o.kind !== 'iac') continue;
    for (const c of o.result.candidates) {
      const handlers = terraformHandlers.get(`${o.file.rel}:${c.line}`);
      const rel = o.file.rel;
      if (c.rule === RULE && handlers !== undefined && handlers.length > 0)
        terraform.push({
          at: `${rel}:${c.line}`,
          rel,
          handlers,
          beside: (code) => besideTerraform(rel, code),
        });
      const hl = c.handlerLink;
      if (c.rule === RULE && hl?.clearWhen === 'no-record-work')
        for (const stem of hl.stems) linkUnsplit(`${stemOf(stem)}#${hl.export}`, o.file.rel);
      if (c.rule !== RULE || hl?.clearWhen !== 'reported-in-code') continue;
      // A function's own artifact names its code under the service's folder (iac/artifactHandlers.ts).
      if (hl.packaged !== undefined)
        terraform.push({
          at: `${rel}:${c.line}`,
          rel,
          handlers: hl.packaged,
          beside: (code, path) =>
            hl.packagedUnder !== undefined ? path.startsWith(`${hl.packagedUnder}/`) : under(rel, code),
        });
      for (const stem of hl.stems) link(`${stemOf(stem)}#${hl.export}`, o.file.rel, hl.bisects === true);
    }
  }
  const reported = new Set<string>();
  /** Handler keys whose code is reported and which an unsplit stream source wires: that source merges. */
  const unsplitReported = new Set<string>();
  // `index.handler` of a function whose package the scan cannot place names no one index module.
  const join = new HandlerJoin(() => project.files);
  /** Terraform mappings (`file:line`) whose handler's code is reported, and the templates of each code key. */
  const terraformMerged = new Set<string>();
  const terraformOf = new Map<string, string[]>();
  /**
   * Handlers whose finding is their worker's (batchWorkerHandOff.ts), by the worker's `stem#export`: merged
   * after sharedServes, which must not see them reported, and named in the worker's message.
   */
  const handedOn = new Map<string, string[]>();
  if (linked.size > 0 || terraform.length > 0 || unsplit.size > 0)
    for (const o of outcomes) {
      if (o.kind !== 'code') continue;
      for (const c of o.facts.candidates) {
        const names = c.handlerExports;
        if (c.rule !== RULE || names === undefined) continue;
        const keys = names.map((name) => `${stemOf(o.facts.file)}#${name}`);
        const mappings = terraform.filter((t) =>
          t.handlers.some(
            (h) =>
              (t.beside(o.file.rel, o.file.path) || namesPackageModule(h)) &&
              names.some((name) => join.names(h, o.facts.file, name)),
          ),
        );
        const streamed = keys.some((key) => unsplit.has(key));
        if (!keys.some((key) => linked.has(key)) && mappings.length === 0 && !streamed) continue;
        if (!project.keep(o.file.path, c)) {
          // Its worker's finding stands for it (batchWorkerHandOff.ts): its event sources stay merged.
          const worker = batchWorkerOf(project, o.facts.file, c);
          const at = worker === undefined ? undefined : `${stemOf(worker.file)}#${worker.name}`;
          if (at !== undefined) handedOn.set(at, [...(handedOn.get(at) ?? []), ...keys]);
          continue;
        }
        for (const key of keys) reported.add(key);
        if (streamed) for (const key of keys) unsplitReported.add(key);
        for (const t of mappings) {
          terraformMerged.add(t.at);
          for (const key of keys) terraformOf.set(key, [...(terraformOf.get(key) ?? []), t.rel]);
        }
      }
    }
  // A handler with no loop of its own that hands its event to a shared function reported for it: its
  // template findings are that function's, as a handler's are its own code's.
  const shared = sharedServes(outcomes, project, {
    linked: (key) => linked.has(key) || unsplit.has(key),
    reportedInCode: (key) => reported.has(key),
    bisectsOnly: (key) => bisecting.get(key) === true && !unsplit.has(key),
  });
  for (const keys of [...shared.values(), ...handedOn.values()])
    for (const key of keys) {
      reported.add(key);
      if (unsplit.has(key)) unsplitReported.add(key);
    }
  /** The handler keys a code finding stands for: its own exports, or those a shared body serves. */
  const keysOf = (file: string, c: Candidate): readonly string[] => {
    if (c.rule !== RULE) return [];
    return c.onlyIfServesHandlers !== undefined
      ? (shared.get(sharedAt(file, c)) ?? [])
      : (c.handlerExports ?? []).flatMap((name) => {
          const key = `${stemOf(file)}#${name}`;
          return [key, ...(handedOn.get(key) ?? [])];
        });
  };
  return {
    mergedIntoCode: (c, rel) =>
      c.rule === RULE &&
      (terraformMerged.has(`${rel}:${c.line}`) ||
        (c.handlerLink?.clearWhen === 'reported-in-code' &&
          c.handlerLink.stems.some((s) => reported.has(`${stemOf(s)}#${c.handlerLink?.export}`))) ||
        (c.handlerLink?.clearWhen === 'no-record-work' &&
          c.handlerLink.stems.some((s) => unsplitReported.has(`${stemOf(s)}#${c.handlerLink?.export}`)))),
    templatesOf: (file, c) => {
      const templates = keysOf(file, c).flatMap((key) => [
        ...(reported.has(key) ? (linked.get(key) ?? []) : []),
        ...(unsplitReported.has(key) ? (unsplit.get(key) ?? []) : []),
        ...(terraformOf.get(key) ?? []),
      ]);
      return [...new Set(templates)];
    },
    unsplitOf: (file, c) => [
      ...new Set(
        keysOf(file, c).flatMap((key) => (unsplitReported.has(key) ? (unsplit.get(key) ?? []) : [])),
      ),
    ],
    servedBy: (file, c) =>
      c.rule === RULE && c.onlyIfServesHandlers !== undefined ? (shared.get(sharedAt(file, c)) ?? []) : [],
    bisectedOnly: (file, c) => {
      if (c.rule !== RULE || c.unlessBisected !== true || c.handlerExports === undefined) return false;
      const all = c.handlerExports.map((name) => `${stemOf(file)}#${name}`);
      // A source that neither reports nor bisects blocks its shard on a poison record: never bisected only
      // (it merged into this finding, so dropping the finding would drop that source's too).
      if (all.some((key) => unsplit.has(key))) return false;
      const keys = all.filter((k) => linked.has(k));
      return (
        keys.length > 0 &&
        keys.every((key) => bisecting.get(key) === true && (terraformOf.get(key) ?? []).length === 0)
      );
    },
  };
}

/**
 * Is the code file in the application the Terraform file deploys: under the folder that holds the
 * Terraform folder (`backend/tf/x.tf` and `backend/src/...`)? A handler string names a module path, not a
 * place, so a folder at the scan's root (`terraform/`, `tf/`) links nothing: another application of the
 * repository may have a module of the same name.
 */
function besideTerraform(terraformRel: string, codeRel: string): boolean {
  const parts = terraformRel.replace(/\\/g, '/').split('/');
  if (parts.length < 3) return false;
  return codeRel.replace(/\\/g, '/').startsWith(`${parts.slice(0, -2).join('/')}/`);
}

/** Is the code file under the folder of the configuration file `rel` (a serverless.yml's service folder)? */
function under(rel: string, codeRel: string): boolean {
  const dir = rel.replace(/\\/g, '/').split('/').slice(0, -1).join('/');
  return dir === '' || codeRel.replace(/\\/g, '/').startsWith(`${dir}/`);
}

/**
 * A batch finding's message with the event sources merged into it named. Sorted: the templates are met in
 * file order, and a report must not depend on it (one handler, two stages). A handler that drops records in
 * its own flow (`dropsRecords`) is fixed in its code or by `BatchSize: 1`: naming the missing
 * ReportBatchItemFailures would point at a setting that brings nothing back. A merged stream source that
 * does not bisect either (`unsplit`) keeps its own fix in the message: bisecting on a function error
 * isolates a poison record with no change to the code, the one fix the code finding does not give.
 * @example
 * withEventSources('Batch handler ...', candidate, ['serverless.yml']);
 * // 'Batch handler ...; its event source in serverless.yml has no ReportBatchItemFailures either'
 */
export function withEventSources(
  message: string,
  c: Candidate,
  templates: readonly string[],
  unsplit: readonly string[] = [],
): string {
  if (templates.length === 0) return message;
  const where = [...templates].sort().join(', ');
  if (c.dropsRecords)
    return `${message}; its event source in ${where} is merged here (no setting there but BatchSize: 1 brings these records back): continue instead of return, or return after the loop; or BatchSize: 1`;
  const merged = `${message}; its event source in ${where} has no ReportBatchItemFailures either`;
  if (unsplit.length === 0) return merged;
  return `${merged}, and the stream source in ${[...unsplit].sort().join(', ')} does not bisect on a function error (that alone isolates a poison record, with no change to the code)`;
}

/**
 * A code finding's message with what the batch pass knows added: the handlers a shared batch function serves,
 * then the event sources merged into it (`withEventSources`).
 * @example
 * codeBatchMessage(pairs, '/app', '/app/src/consume.ts', candidate); // 'Batch handler ...; its event source in ...'
 */
export function codeBatchMessage(pairs: BatchTwins, root: string, file: string, c: Candidate): string {
  const served = pairs.servedBy(file, c);
  const message = served.length > 0 ? `${c.message} ${servedText(root, served)}` : c.message;
  return withEventSources(message, c, pairs.templatesOf(file, c), pairs.unsplitOf(file, c));
}
