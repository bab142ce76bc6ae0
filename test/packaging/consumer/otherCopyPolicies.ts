// Type-level only: Powertools objects from ANOTHER copy of the packages than the one our packages resolve (a
// different 2.x version nested under another dependency, as a monorepo or a stale lockfile produces). Every
// option that takes a Powertools object must take it: options are typed by the methods Bulwark calls, never
// by Powertools' classes, whose private members make two copies incompatible (`Property '#private' ...
// refers to a different member`).
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import { Logger, SSMProvider } from 'powertools-other-copy';

const logger = new Logger({ serviceName: 'other-copy' });
const provider = new SSMProvider();

export const uses = [
  wrapDependency('edna', { logger }),
  ssmBreakerState({ parameterName: '/bulwark/breakers/edna', logger }),
  ssmBreakerState({ parameterName: '/bulwark/breakers/edna', provider }),
];
