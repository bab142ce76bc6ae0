// Stryker for @bulwark/service: `npm run mutation -- service` (see mutation/targets.mjs).
import { strykerConfig } from '../targets.mjs';

export default strykerConfig('service');
