// Stryker for @bulwark/errors: `npm run mutation -- errors` (see mutation/targets.mjs).
import { strykerConfig } from '../targets.mjs';

export default strykerConfig('errors');
