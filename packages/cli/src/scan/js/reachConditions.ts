// The conditions of a code finding that hang on what calls it: the exports of its module that reach it, and
// whether a handler, an importer or only an operator script names them (settled in keepCandidate.ts).

/**
 * A candidate's reach conditions (part of Candidate.ts).
 * @example
 * const reached: ReachConditions = { reachedThrough: ['sendInvite'] };
 */
export interface ReachConditions {
  /**
   * A catch in a helper module, reached from these exports: kept only when a handler in another module
   * calls one of them on its must-complete path (js/handlerImports.ts).
   */
  readonly onlyIfExportOnHandlerPath?: readonly string[];
  /** Dropped when only callback-style handlers, which wait for the event loop, reach these exports (callbackEraCallers.ts). */
  readonly unlessCallbackEraOnly?: readonly string[];
  /**
   * A finding in a helper module, reached from these exports: kept only when another module of the
   * project names one of them (an export nothing imports sends nothing; rules/retrySuperagent.ts).
   */
  readonly onlyIfExportMentioned?: readonly string[];
  /**
   * A code finding in a module with no handler, reached from these exports (js/candidatePath.ts):
   * dropped when only operator scripts call them and no handler reaches them (scriptCallers.ts).
   */
  readonly reachedThrough?: readonly string[];
  /**
   * The finding sits in this method of a class reachedThrough hands out, which its own module never names
   * (js/reachedMethods.ts): dropped when no other module of the package names it either (unnamedMethods.ts).
   */
  readonly reachedMethod?: string;
  /** Kept only when a handler's path reaches one of these exports of the module (importerUses.ts onHandlerPath). */
  readonly onlyIfHandlerReaches?: readonly string[];
}
