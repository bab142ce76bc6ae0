// A mistake in a test's script (a sequence that ran out, an SSM operation the emulator does not
// know) happens inside msw, where a thrown error only becomes a 500 the code under test may retry
// past. Handlers record such mistakes here so useMswServer can fail the test that made them.

const kScriptErrors = Symbol.for('@bulwark/testing.scriptErrors');

/** A handler's record of script mistakes: every one, and the ones no test has failed on yet. */
export interface ScriptErrorSink {
  readonly all: readonly string[];
  report(message: string): void;
  attach(handler: object): void;
}

interface Carrier {
  [kScriptErrors]?: string[];
}

/** Creates a sink whose unreported messages {@link takeScriptErrors} can collect from the handler. */
export function trackScriptErrors(): ScriptErrorSink {
  const all: string[] = [];
  const unreported: string[] = [];
  return {
    all,
    report(message) {
      all.push(message);
      unreported.push(message);
    },
    attach(handler) {
      Object.defineProperty(handler, kScriptErrors, { value: unreported, enumerable: false });
    },
  };
}

/** Removes and returns the script mistakes recorded on `handlers` since the last call. */
export function takeScriptErrors(handlers: readonly unknown[]): string[] {
  const taken: string[] = [];
  for (const handler of handlers) {
    const list = (handler as Carrier | null)?.[kScriptErrors];
    if (list !== undefined) taken.push(...list.splice(0));
  }
  return taken;
}
