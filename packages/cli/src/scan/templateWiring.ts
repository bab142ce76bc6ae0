// What templates wire each handler to, gathered by the scan pass from the IaC files and from the
// serverless.ts function modules the code pass read: a redelivered source (a queue, a stream, an
// asynchronous event), a schedule, an HTTP route. Matched to a module's export as BatchOneHandlers matches
// a handler string (batchOne.ts), a delegate handed the whole event included.
import { BatchOneHandlers, type BatchOneSources } from './batchOne.js';
import type { ModuleFacts } from './js/Candidate.js';

type Kind = 'eventHandlers' | 'scheduledHandlers' | 'requestHandlers';

/** The handlers templates wire to each kind of source, set once by the scan pass. */
export class TemplateWiring {
  private readonly sources: BatchOneSources;
  private readonly modules: () => Iterable<ModuleFacts>;
  private readonly wired = new Map<Kind, BatchOneHandlers>();

  constructor(sources: BatchOneSources, modules: () => Iterable<ModuleFacts>) {
    this.sources = sources;
    this.modules = modules;
  }

  /** Notes the handler strings the templates wire to one kind of source, with the code modules' own. */
  wire(kind: Kind, handlers: readonly string[]): void {
    const all = [...handlers, ...[...this.modules()].flatMap((m) => m[kind] ?? [])];
    if (all.length === 0) this.wired.delete(kind);
    else this.wired.set(kind, new BatchOneHandlers(all, this.sources, true));
  }

  /** Is `file`'s export `name` a handler a template wires to a queue, stream or asynchronous source? */
  isEventWired(file: string, name: string): boolean {
    return this.wired.get('eventHandlers')?.has(file, name) === true;
  }

  /** Is `file`'s export `name` a handler a template wires to a schedule? */
  isScheduled(file: string, name: string): boolean {
    return this.wired.get('scheduledHandlers')?.has(file, name) === true;
  }

  /** Is `file`'s export `name` a handler a template wires to an HTTP route? */
  isRouted(file: string, name: string): boolean {
    return this.wired.get('requestHandlers')?.has(file, name) === true;
  }
}
