// Type-level promises of the shared-state API, checked by `tsc -p packages/policies/tsconfig.json`.
import { Logger } from '@aws-lambda-powertools/logger';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { expectTypeOf } from 'vitest';
import type { BreakerDocumentResult } from './breakerDocument.js';
import type { BreakerStateDocument, FleetBreakerState, SharedBreakerState } from './SharedBreakerState.js';
import { ssmBreakerState } from './ssmBreakerState.js';
import type { SharedStateLogger } from './ssmBreakerStateOptions.js';
import type { SsmBreakerState } from './ssmBreakerStateTypes.js';

// A Powertools Logger and console are both accepted as the logger.
expectTypeOf(new Logger()).toExtend<SharedStateLogger>();
expectTypeOf(console).toExtend<SharedStateLogger>();

// What ssmBreakerState returns is what wrapDependency's `sharedState` takes.
expectTypeOf(ssmBreakerState({ parameterName: '/a' })).toExtend<SharedBreakerState>();
expectTypeOf<SsmBreakerState['current']>().returns.toEqualTypeOf<BreakerStateDocument | undefined>();
expectTypeOf<SharedBreakerState['ready']>().returns.toEqualTypeOf<Promise<void>>();

// A Powertools provider is accepted as is, or a function (sync or async) that builds one.
ssmBreakerState({ parameterName: '/a', provider: new SSMProvider() });
ssmBreakerState({ parameterName: '/a', provider: async () => new SSMProvider() });

// Unknown keys are TypeErrors at run time; in an object literal TypeScript catches them first.
// @ts-expect-error: maxAge is not an option (maxAgeSeconds is)
ssmBreakerState({ parameterName: '/a', maxAge: 5 });

// cockatiel's Isolated is not a fleet state.
expectTypeOf<'isolated'>().not.toExtend<FleetBreakerState>();

// A parse result must be narrowed before its document is read.
declare const result: BreakerDocumentResult;
// @ts-expect-error: `document` exists only when ok
result.document;
if (result.ok) expectTypeOf(result.document).toEqualTypeOf<BreakerStateDocument>();
