// A module's dropped awaits (rules/errorValues.ts) as ModuleFacts carries them: their own concept, kept
// apart from ModuleFacts.ts, which re-exports it.

/** A module's dropped awaits (rules/errorValues.ts), as ModuleFacts carries them. */
export interface DroppedAwaits {
  /** Import sources a name in `names` may come from (with this module itself). */
  readonly sources: readonly string[];
  /** Called names whose defining module is not known from the call: a method, a local function. */
  readonly names: readonly string[];
  /** Bare calls of imported functions: the import as written and the name it exports. */
  readonly imported?: readonly { readonly source: string; readonly name: string }[];
}
