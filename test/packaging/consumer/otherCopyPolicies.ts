// Type-level only: a Powertools Logger from ANOTHER copy of the package than the one our packages resolve (a
// different 2.x version nested under another dependency, as a monorepo or a stale lockfile produces). Every
// `logger` option must take it: options are typed by the methods Bulwark calls, never by Powertools' classes,
// whose #private members make two copies incompatible (`Property '#private' ... refers to a different member`).
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { Logger } from 'powertools-logger-other-copy';

const logger = new Logger({ serviceName: 'other-copy' });

export const uses = [
  wrapDependency('edna', { logger }),
  ssmBreakerState({ parameterName: '/bulwark/breakers/edna', logger }),
];
