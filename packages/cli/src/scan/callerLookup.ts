// The two shapes the search for a shared module's callers (eventCallers.ts) is built on: what the project pass
// offers it, and what a rule asks of it about one request.

import type { ModuleFacts } from './js/Candidate.js';

/** What the project pass offers: module facts (analysing a deferred module), import resolution, source text. */
export interface CallerLookup {
  readonly modules: () => Iterable<ModuleFacts>;
  readonly deferred: ReadonlyMap<string, string>;
  readonly factsOf: (file: string) => ModuleFacts | undefined;
  readonly resolve: (from: string, source: string) => string | undefined;
  readonly read: (file: string) => string | undefined;
  /** Is `file`'s export `name` a handler a template wires to a schedule (a job, whatever it reads)? */
  readonly scheduled?: (file: string, name: string) => boolean;
  /** Is `file`'s export `name` a handler a template wires to an HTTP route (a user waits, whatever it reads)? */
  readonly routed?: (file: string, name: string) => boolean;
  /** Is `file`'s export `name` a handler whose invoker reads no answer (a schedule, an async source, an 'Event' invoke)? */
  readonly unread?: (file: string, name: string) => boolean;
}

/** A request in a shared module, as the rule saw it (js/callerNames.ts sharedRequest). */
export interface SharedRequest {
  readonly names: readonly string[];
  /** The exported class the request is made in. */
  readonly owner?: string;
  /** The interfaces that class implements, and where from: code handed the object calls it through them. */
  readonly interfaces?: readonly { readonly source: string; readonly name: string }[];
  /**
   * Kept only when a caller is found and leads to a handler given an event: the module shows no sign of
   * server code of its own (no Node or server import), so "cannot tell" is not enough.
   */
  readonly strict?: true;
  /**
   * A redelivered consumer (a queue or stream batch) counts like a job: a failure there is retried by
   * redelivery, so a request it reaches needs no retry of its own (no-retry). An asynchronous event does not.
   */
  readonly consumersRetry?: true;
  /**
   * A handler a template wires to a schedule counts as a job, whatever its code reads from its event
   * (no-retry: the next run is the retry).
   */
  readonly schedulesRetry?: true;
  /** A job counts like any handler: dropped only when every caller is an operator's script. */
  readonly scriptsOnly?: true;
}
