// A thin batch handler that hands its whole event to a worker of another module and drops its answer
// (`export const handle = async (event, _ctx, done) => { await handleEvent(event, work); done(); }`), in
// several modules that all call one worker: the worker's loop is where the batch's answer is decided, so
// the one finding is the worker's, not one more at every handler that only hands the event on. Its event
// sources' findings stay merged away (batchTwins.ts): the worker's finding answers for them.
import type { Candidate } from './js/Candidate.js';
import type { EventTaker } from './js/eventTakers.js';
import { ownEntry } from './ownEntry.js';
import type { Project } from './project.js';

const RULE = 'batch-no-partial-failure';
/** Thin handlers handing on to thin handlers: past this many hops each keeps its own finding. */
const MAX_HOPS = 8;

/** The worker a thin handler's finding defers to: its module and the export it hands the event to. */
export interface BatchWorker {
  readonly file: string;
  readonly name: string;
}

/** A worker one hop on, with the finding of its own that stands for the handler's. */
interface Hop extends BatchWorker {
  readonly finding: Candidate;
}

/**
 * While a hop is judged, the worker's finding is kept or not on its own conditions (keepCandidate.ts asks
 * handsBatchToWorker, answered false then): the climb along thin handlers is batchWorkerOf's alone, one
 * hop at a time, so a chain or a diamond of them costs its length, not one keep per path.
 */
let judgingHop = false;

/**
 * Does this handler's finding only repeat its worker's? Each handler export it stands for only hands its
 * batch on (HandlerFact.delegatesBatch: no record named, no answer of their own), drops the answer of a
 * function it hands the event to, and that function keeps a batch finding of its own (as a typed batch
 * handler or a shared batch loop). A worker that is itself such a thin handler is followed on to the
 * worker whose finding stands; handlers handing their event round in a cycle (or along more than MAX_HOPS) defer to none. The answer is
 * that worker, else undefined.
 *
 * @example
 * batchWorkerOf(project, '/app/src/main.ts', candidate) // { file: '/app/src/handler/eventHandler.ts', name: 'handleEvent' }
 */
export function batchWorkerOf(project: Project, file: string, c: Candidate): BatchWorker | undefined {
  const seen = new Set<Candidate>([c]);
  let worker = hopOf(project, file, c);
  for (let hops = 1; worker !== undefined; hops++) {
    // A cycle, or a chain longer than any project writes: no finding along it stands for the rest.
    if (seen.has(worker.finding) || hops > MAX_HOPS) return undefined;
    seen.add(worker.finding);
    const next = hopOf(project, worker.file, worker.finding);
    if (next === undefined) return { file: worker.file, name: worker.name };
    worker = next;
  }
  return undefined;
}

/** Is this handler's finding its worker's (batchWorkerOf)? keepCandidate.ts drops it then. */
export const handsBatchToWorker = (project: Project, file: string, c: Candidate): boolean =>
  !judgingHop && batchWorkerOf(project, file, c) !== undefined;

/** The worker one hop on from a thin handler's finding, with the finding of its own it keeps. */
function hopOf(project: Project, file: string, c: Candidate): Hop | undefined {
  if (c.rule !== RULE || c.handlerExports === undefined || c.handlerExports.length === 0) return undefined;
  const handlers = project.factsOf(file)?.handlers;
  let worker: Hop | undefined;
  for (const name of c.handlerExports) {
    const fact = ownEntry(handlers, name);
    if (fact?.delegatesBatch !== true) return undefined;
    let found: Hop | undefined;
    // A handler of thousands of statements may hand its event to one function thousands of times.
    const asked = new Set<string>();
    for (const t of fact.passesEvent ?? []) {
      const key = `${t.source}#${t.name}`;
      if (t.discarded !== true || asked.has(key)) continue;
      asked.add(key);
      found = ownFinding(project, file, t);
      if (found !== undefined) break;
    }
    if (found === undefined) return undefined;
    worker ??= found;
  }
  return worker;
}

/** The batch finding the function a handler of `file` hands its event to keeps in its own right. */
function ownFinding(project: Project, file: string, t: EventTaker): Hop | undefined {
  const target = t.source === '' ? file : project.resolveModule(file, t.source);
  const facts = target === undefined ? undefined : project.factsOf(target);
  if (target === undefined || facts === undefined) return undefined;
  const outer = judgingHop;
  judgingHop = true;
  try {
    const finding = facts.candidates.find(
      (w) =>
        w.rule === RULE &&
        ((w.handlerExports ?? []).includes(t.name) || (w.onlyIfServesHandlers ?? []).includes(t.name)) &&
        project.keep(target, w),
    );
    return finding === undefined ? undefined : { file: target, name: t.name, finding };
  } finally {
    judgingHop = outer;
  }
}
