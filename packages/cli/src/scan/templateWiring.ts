// What templates wire each handler to, gathered by the scan pass from the IaC files and from the modules
// the code pass read (CDK, serverless.ts function modules): a redelivered source (a queue, a stream, an
// asynchronous event), an invoker that reads no answer (a schedule, an asynchronous source, a Step
// Functions task, an `InvocationType: 'Event'` call through an environment variable; unreadHandlers.ts),
// of those a schedule, and an HTTP route. One home for the rules' questions: swallowed-error asks whether
// anyone reads the answer, no-retry whether the handler is a scheduled job or a route. Matched to a
// module's export as BatchOneHandlers matches a handler string (batchOne.ts), a delegate handed the whole
// event included.
import { BatchOneHandlers, type BatchOneSources } from './batchOne.js';
import type { ModuleFacts } from './js/Candidate.js';
import { envInvokedHandlerStrings, unreadHandlerStrings } from './unreadHandlers.js';

type Kind =
  | 'eventHandlers'
  | 'unreadHandlers'
  | 'envInvokedHandlers'
  | 'scheduledHandlers'
  | 'requestHandlers';

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
  wire(kind: Exclude<Kind, 'unreadHandlers' | 'envInvokedHandlers'>, handlers: readonly string[]): void {
    this.set(kind, [...handlers, ...[...this.modules()].flatMap((m) => m[kind] ?? [])]);
  }

  /**
   * Notes the handler strings templates and modules hand to an invoker that reads no answer, with the
   * functions invoked with `InvocationType: 'Event'` through a variable a stack sets to their name.
   */
  wireUnread(handlers: readonly string[], envFunctions: readonly (readonly [string, string])[]): void {
    const modules = [...this.modules()];
    this.set('unreadHandlers', unreadHandlerStrings(handlers, envFunctions, modules));
    this.set('envInvokedHandlers', envInvokedHandlerStrings(envFunctions, modules));
  }

  private set(kind: Kind, all: readonly string[]): void {
    if (all.length === 0) this.wired.delete(kind);
    else this.wired.set(kind, new BatchOneHandlers(all, this.sources, true));
  }

  private has(kind: Kind, file: string, name: string): boolean {
    return this.wired.get(kind)?.has(file, name) === true;
  }

  /** Is `file`'s export `name` a handler a template wires to a queue, stream or asynchronous source? */
  isEventWired(file: string, name: string): boolean {
    return this.has('eventHandlers', file, name);
  }

  /**
   * Does `file`'s export `name` run again with an event it already had: a template wires it to a queue,
   * stream or asynchronous source, or code invokes it with `InvocationType: 'Event'` through a variable a
   * stack sets to its name, which Lambda retries twice (unreadHandlers.ts envInvokedHandlerStrings).
   */
  isRetriedAsync(file: string, name: string): boolean {
    return this.isEventWired(file, name) || this.has('envInvokedHandlers', file, name);
  }

  /** Is `file`'s export `name` invoked with nobody reading its answer (a redelivered source counts too)? */
  isAnswerUnread(file: string, name: string): boolean {
    return this.isEventWired(file, name) || this.has('unreadHandlers', file, name);
  }

  /** Is `file`'s export `name` a handler a template wires to a schedule (one whose answer nobody reads)? */
  isScheduled(file: string, name: string): boolean {
    return this.has('scheduledHandlers', file, name);
  }

  /** Is `file`'s export `name` a handler a template wires to an HTTP route? */
  isRouted(file: string, name: string): boolean {
    return this.has('requestHandlers', file, name);
  }
}
