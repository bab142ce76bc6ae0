// Options chosen at run time between two objects (`stage === 'local' ? { endpoint, httpOptions } : {}`): a
// client built from them runs unbounded whenever the condition picks the side with no timeout. That side
// is what the client is judged by, unless it is the local one (it names an `endpoint`, a local emulator's),
// since only the deployed side matters.
import type { OptionsShape } from './sdkOptions.js';

/** Keys whose presence means the options may bound requests (v3 handler, v2 httpOptions). */
const BOUNDING = ['requestHandler', 'httpOptions'] as const;

const bounds = (shape: OptionsShape) => BOUNDING.some((k) => shape.props.has(k));

/**
 * The side seen in full with no timeout and no endpoint, when another side does bound requests; else
 * undefined (the sides are then merged as before: a timeout key on either counts).
 *
 * @example
 * untimedSide([{ endpoint, httpOptions }, {}]) // the `{}` shape, flagged `untimedBranch`
 */
export function untimedSide(sides: readonly OptionsShape[]): OptionsShape | undefined {
  if (!sides.some(bounds)) return undefined;
  const open = sides.find(
    (s) => !s.unknown && s.deferred.length === 0 && !bounds(s) && !s.props.has('endpoint'),
  );
  return open === undefined ? undefined : { ...open, untimedBranch: true };
}
