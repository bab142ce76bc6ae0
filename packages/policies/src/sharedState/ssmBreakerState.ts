// Reads a fleet breaker state from one SSM parameter through Powertools parameters, without ever
// making a call wait on SSM beyond the first, bounded read (fail-static). The first read starts when
// the state is created, so a state made at module scope reads during Lambda's init phase.
import { parseBreakerDocument } from './breakerDocument.js';
import { checkDependencyName } from './dependencyName.js';
import { loadSsmProvider } from './loadSsmProvider.js';
import type { BreakerStateDocument } from './SharedBreakerState.js';
import {
  normalizeSsmBreakerStateOptions,
  type ParameterReader,
  type SsmBreakerStateOptions,
} from './ssmBreakerStateOptions.js';
import type { SsmBreakerState } from './ssmBreakerStateTypes.js';
import { answerText, describeReadError, isParameterNotFound } from './ssmReadAnswer.js';

/**
 * A fleet breaker state kept in one SSM parameter, for `wrapDependency(name, { sharedState })`.
 *
 * - The first read starts now (create it at module scope: in Lambda that is the init phase).
 * - `ready()` resolves once that read has answered, or `readTimeoutMs` after the SSM client has loaded
 *   (loading is bounded by `refreshTimeoutMs`); never rejects. A dependency's first call awaits it, and
 *   `await edna.ready()` at the top of an ESM handler awaits it during init.
 * - `current()` is synchronous and returns the last valid document; when it is older than
 *   `maxAgeSeconds` it starts ONE background refresh (concurrent calls share it) and returns at once.
 * - SSM throttled, failing, hanging, or a refused document (another dependency's included): `current()`
 *   keeps the last good document (until `staleAfterSeconds`) or `undefined`, logs once per
 *   `logIntervalSeconds`, never throws, and nothing it does becomes an unhandled rejection.
 *
 * @throws TypeError at construction for an invalid or unknown option, naming the field and the value.
 * @example
 * ```ts
 * import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
 * const edna = wrapDependency('edna', {
 *   sharedState: ssmBreakerState({ parameterName: '/bulwark/breakers/edna', maxAgeSeconds: 5 }),
 * });
 * await edna.ready(); // top-level await: the first call already follows the fleet
 * ```
 */
export function ssmBreakerState(options: SsmBreakerStateOptions): SsmBreakerState {
  const o = normalizeSsmBreakerStateOptions(options);
  let expected = o.dependency;
  let good: BreakerStateDocument | undefined;
  let goodAt = 0;
  let loaded: ParameterReader | undefined;
  let loading: Promise<ParameterReader> | undefined;
  let inFlight: number | undefined;
  let nextAttemptAt = 0;
  let attempts = 0;
  let lastAdopted = 0;
  let consecutiveFailures = 0;
  let lastLogAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  const stats = { reads: 0, successes: 0, failures: 0, invalidDocuments: 0, notFound: 0, timeouts: 0 };

  function log(level: 'warn' | 'info', message: string, attributes: Record<string, unknown>): void {
    const now = Date.now();
    if (level === 'warn' && now - lastLogAt < o.logIntervalMs) {
      suppressed++;
      return;
    }
    if (level === 'warn') lastLogAt = now;
    const extra = suppressed > 0 ? { suppressedSinceLastLog: suppressed } : {};
    suppressed = 0;
    try {
      o.logger[level](message, { parameterName: o.parameterName, ...attributes, ...extra });
    } catch {
      // A broken logger must not turn a state read into a failed call.
    }
  }

  function count(name: string): void {
    try {
      // Stryker disable next-line OptionalChaining: without metrics the call throws a TypeError, caught below: nothing is counted either way
      o.metrics?.addMetric(name, 'Count', 1);
    } catch {
      // Same as above: metrics are advisory.
    }
  }

  function failed(kind: 'failure' | 'timeout', error: unknown): void {
    consecutiveFailures++;
    nextAttemptAt = Date.now() + Math.min(o.maxAgeMs * 2 ** (consecutiveFailures - 1), o.maxBackoffMs);
    if (kind === 'timeout') stats.timeouts++;
    else stats.failures++;
    count(kind === 'timeout' ? 'SharedStateReadTimeout' : 'SharedStateReadFailure');
    log('warn', 'Shared breaker state could not be read; the local breaker decides', {
      error: describeReadError(error),
      consecutiveFailures,
      keeping: good === undefined ? 'nothing' : good.state,
      nextAttemptInMs: nextAttemptAt - Date.now(),
    });
  }

  function refused(problem: string, detail: string): void {
    stats.invalidDocuments++;
    count('SharedStateInvalidDocument');
    log('warn', 'Shared breaker state document refused; it is ignored', {
      problem,
      detail,
      keeping: good === undefined ? 'nothing' : good.state,
    });
  }

  function adopt(value: unknown): void {
    const now = Date.now();
    nextAttemptAt = now + o.maxAgeMs;
    if (value === undefined) {
      // No parameter: no fleet opinion. Not a failure; the probe has simply not written yet.
      stats.notFound++;
      recovered();
      good = undefined;
      return;
    }
    const text = answerText(value);
    if (typeof text !== 'string') {
      refused('unparseable', text.problem);
      return;
    }
    const parsed = parseBreakerDocument(text, expected === undefined ? {} : { dependency: expected });
    if (!parsed.ok) {
      refused(parsed.problem, parsed.message);
      return;
    }
    stats.successes++;
    recovered();
    good = parsed.document;
    goodAt = now;
  }

  function recovered(): void {
    if (consecutiveFailures > 0) {
      log('info', 'Shared breaker state readable again', { afterFailures: consecutiveFailures });
    }
    consecutiveFailures = 0;
  }

  /** The provider, loading it once (again after a failed load). Never throws; may reject. */
  function provider(): Promise<ParameterReader> {
    loading ??= loadSsmProvider(o).then(
      (p) => {
        loaded = p;
        return p;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  /**
   * One read: load the provider if needed, then GetParameter. Each phase is given up after
   * `refreshTimeoutMs`; the promise always resolves, whatever the provider does.
   */
  function refresh(): Promise<void> {
    const seq = ++attempts;
    inFlight = seq;
    stats.reads++;
    return new Promise<void>((resolve) => {
      const giveUpAfter = (what: string): ReturnType<typeof setTimeout> => {
        const timer = setTimeout(() => {
          // Stryker disable next-line ConditionalExpression: the timer is cleared whenever its read settles, so it fires only while that read is still the one in flight
          if (inFlight === seq) {
            inFlight = undefined;
            failed('timeout', new Error(`${what} within ${o.refreshTimeoutMs} ms`));
          }
          resolve();
        }, o.refreshTimeoutMs);
        // Stryker disable next-line OptionalChaining: Node's timers always have unref(); ?. is for runtimes whose setTimeout answers a number
        timer.unref?.();
        return timer;
      };
      const onError = (timer: ReturnType<typeof setTimeout>) => (error: unknown) => {
        // Stryker disable next-line CallExpression: a timer left running finds inFlight moved on and only resolves an already-resolved promise (it is unref'd)
        clearTimeout(timer);
        if (inFlight === seq) {
          inFlight = undefined;
          // Stryker disable next-line StringLiteral: failed() tells only 'timeout' apart; any other kind is a failure
          failed('failure', error);
        }
        resolve();
      };
      const readWith = (reader: ParameterReader): void => {
        const timer = giveUpAfter('no answer from SSM');
        read(reader)
          .then((value) => {
            clearTimeout(timer);
            if (inFlight === seq) inFlight = undefined;
            // A late answer is still news, unless a newer read has already been adopted.
            if (seq > lastAdopted) {
              lastAdopted = seq;
              adopt(value);
            }
            resolve();
          }, onError(timer))
          .catch(onError(timer)); // adopt() does not throw; this is the belt to its braces
      };
      // Stryker disable next-line ConditionalExpression,BlockStatement: going through provider() again answers the same loaded reader one microtask later
      if (loaded !== undefined) {
        readWith(loaded);
        return;
      }
      const timer = giveUpAfter('the SSM client did not load');
      provider().then((reader) => {
        clearTimeout(timer);
        if (inFlight === seq) readWith(reader);
        else {
          // Loaded after this read was given up (its timer has resolved it): read now rather than at the
          // next interval.
          if (inFlight === undefined) void refresh();
        }
      }, onError(timer));
    });
  }

  async function read(reader: ParameterReader): Promise<unknown> {
    try {
      return await reader.get(o.parameterName, { maxAge: o.maxAgeSeconds });
    } catch (error: unknown) {
      if (isParameterNotFound(error)) return undefined;
      throw error;
    }
  }

  const first = refresh();
  const readyPromise = new Promise<void>((resolve) => {
    void first.then(resolve);
    // The read's own bound starts once the client has loaded: loading is not the read.
    provider().then(
      () => {
        const bound = setTimeout(resolve, o.readTimeoutMs);
        // Stryker disable next-line OptionalChaining: Node's timers always have unref(); ?. is for runtimes whose setTimeout answers a number
        bound.unref?.();
        // Stryker disable next-line ArrowFunction: a bound left running resolves an already-resolved promise (it is unref'd)
        void first.then(() => clearTimeout(bound));
      },
      () => undefined,
    );
  });

  return {
    parameterName: o.parameterName,
    retryHintMs: o.retryHintMs,
    ready: () => readyPromise,
    attach(dependency: string): void {
      const name = checkDependencyName('ssmBreakerState', 'dependency', dependency);
      if (expected !== undefined && expected !== name) {
        throw new TypeError(
          `wrapDependency('${name}'): sharedState reads documents for "${expected}" (${o.parameterName}); give each dependency its own ssmBreakerState`,
        );
      }
      expected = name;
      if (good !== undefined && good.dependency !== name) {
        const other = good.dependency;
        good = undefined;
        refused(
          'invalid',
          `"dependency" is "${other}", expected "${name}" (a document for another dependency)`,
        );
      }
    },
    current(): BreakerStateDocument | undefined {
      const now = Date.now();
      // Strictly after: Powertools' cache entry expires at the same instant, so the refresh is a real read.
      if (inFlight === undefined && now > nextAttemptAt) void refresh();
      // Once per document: it is dropped here, and only a newly adopted one can go stale again.
      if (good !== undefined && now - goodAt > o.staleAfterMs) {
        log('warn', 'Shared breaker state is stale; dropped until SSM answers again', {
          droppedState: good.state,
          ageMs: now - goodAt,
        });
        good = undefined;
      }
      return good;
    },
    stats: () => ({ ...stats }),
  };
}
