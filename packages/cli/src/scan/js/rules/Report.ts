import type { Node } from '../ast.js';
import type { Candidate } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';

export type Extra = Pick<
  Candidate,
  | 'unlessImportProvides'
  | 'onlyIfImportAsync'
  | 'onlyIfTypedAsync'
  | 'onlyIfParamAsync'
  | 'handlerExports'
  | 'handlerLink'
  | 'onlyIfMessageGroupsVary'
  | 'unlessHandlersOnlyLog'
  | 'onlyIfOptionsUntimed'
  | 'maxReceive'
  | 'onlyIfWrapperUnsafe'
  | 'onlyIfWrapperUncapped'
  | 'onlyIfImportVerifier'
  | 'onlyIfImportSdkSubclass'
  | 'onlyIfRequestTimeoutWarns'
  | 'onlyIfImportHttpTimeoutArg'
  | 'onlyIfImportRemote'
  | 'onlyIfImportAuthError'
  | 'onlyIfAuthGated'
  | 'onlyIfExportOnHandlerPath'
  | 'onlyIfExportMentioned'
  | 'unlessCallersRead'
  | 'callersReadAs'
  | 'onlyIfResultDropped'
  | 'orIfUsedAsData'
  | 'onlyIfBatchAnswerMethod'
  | 'onlyIfImportBatchResult'
  | 'onlyIfEventCaller'
  | 'onlyIfConsumerCaller'
  | 'onlyIfImportRandom'
  | 'onlyIfImportGoogleClient'
  | 'onlyIfImportServerlessApi'
  | 'onlyIfImportSstApi'
  | 'onlyIfInvokedAsync'
  | 'onlyIfImportBatchEvent'
  | 'unlessImportRefusesBatch'
  | 'onlyIfEventWired'
  | 'onlyIfAnswerUnread'
  | 'onlyIfImportApiRoute'
  | 'onlyIfFieldRouted'
  | 'onlyIfFieldTargeted'
  | 'unlessFieldBuilt'
  | 'onlyIfCallerClients'
  | 'onlyIfProjectClientsUntimed'
  | 'onlyIfHandlerReaches'
  | 'onlyIfPackageSdkUntimed'
  | 'onlyIfCallersOmit'
  | 'onlyIfCallerOmitsTimeout'
  | 'onlyIfImportAnswersErrors'
  | 'onlyIfImportFailureValue'
  | 'onlyIfImportNullOnError'
  | 'unlessImportsLog'
  | 'unlessImportsEnd'
  | 'onlyIfImportQueueSubclass'
  | 'onlyIfImportFunctionBuilder'
  | 'severity'
>;

/** Rules report through this; the position comes from the node. */
export type Report = (rule: string, node: Node, message: string, extra?: Extra) => void;

/** A rule family: looks at the indexed nodes of one module and reports candidates. */
export type Rule = (ctx: ModuleContext, report: Report) => void;
