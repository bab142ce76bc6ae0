// While a call is in flight the process must not exit under it: a call to a dependency that never
// settles must still reach its timeout, its catch and its fallback (a top-level await would otherwise
// exit 13). Ref'ing every attempt timer does that but costs ~0.2 µs a call (Node toggles its timer
// handle's ref through C++ each time the count of ref'd timers goes 0 -> 1 -> 0), so attempt timers stay
// unref'd and this holds the process instead, only when it is about to exit: on 'beforeExit' with calls
// in flight, one ref'd timer keeps the loop alive (the unref'd attempt timers then fire as usual); it is
// cleared the moment the last call ends. An idle process is never held: with no call in flight there is
// no ref'd handle of ours at all.

import { MAX_TIMER_MS } from '@bulwark/errors';

let inFlight = 0;
let holder: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/** A call started: from now until {@link callEnded}, the process does not exit under it. */
export function callStarted(): void {
  inFlight++;
  if (!listening) listen();
}

/** A call settled. */
export function callEnded(): void {
  // Stryker disable next-line ConditionalExpression: with no holder armed, going on clears an undefined timer and sets undefined to undefined
  if (--inFlight > 0 || holder === undefined) return;
  clearTimeout(holder);
  holder = undefined;
}

/** Calls in flight in this process (every dependency), for tests. */
export function callsInFlight(): number {
  return inFlight;
}

function listen(): void {
  listening = true;
  if (typeof process === 'undefined' || typeof process.on !== 'function') return;
  process.on('beforeExit', () => {
    if (inFlight > 0 && holder === undefined) {
      holder = setTimeout(() => {
        holder = undefined; // the next 'beforeExit' arms another if calls are still in flight
      }, MAX_TIMER_MS);
    }
  });
}
