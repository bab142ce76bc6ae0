// How an app wires its constructs across modules, as the per-file pass records it for the project pass:
// props handed to a project's own construct or helper (rules/cdkPassedProps.ts), and a construct's field
// handed to an API construct (rules/cdkApiProps.ts).

import type { ImportRef } from './Candidate.js';

/** The helper (exported names, or the local name in its own module) and the parts of its arguments read. */
export interface PropsFromCaller {
  readonly names: readonly string[];
  readonly local?: string;
  readonly parts: readonly {
    readonly arg: number;
    readonly key?: string;
    readonly keys: readonly string[];
    /** A value the caller hands in that the scan cannot read counts as omitting the keys (a function built elsewhere). */
    readonly unreadOmits?: true;
  }[];
}

/** A helper called or built with props: per argument, its keys and each key's nested literal keys (null: unseen). */
export interface PassedProps {
  readonly ref?: ImportRef;
  readonly local?: string;
  readonly args: readonly (Readonly<Record<string, readonly string[] | null>> | null)[];
}

/**
 * `new ApiStack(app, id, { key: owner.field })` where `owner` is an imported construct: the wiring of an app;
 * or, with `limit`, `new LambdaIntegration(owner.field)` / `(owner.field.through)` routed directly
 * (rules/cdkFieldRoutes.ts), `overridden` when the props written where `owner` is built set a timeout.
 */
export interface FieldRoute {
  readonly owner: ImportRef;
  readonly field: string;
  readonly api?: ImportRef;
  readonly key?: string;
  readonly limit?: number;
  readonly through?: string;
  readonly overridden?: true;
  /** An EventBridge rule that is no schedule invokes the field's function (rules/cdkTargetedFields.ts). */
  readonly asyncTarget?: true;
}
