// Stryker for @bulwark/policies: `npm run mutation -- policies` (see mutation/targets.mjs).
import { strykerConfig } from '../targets.mjs';

export default strykerConfig('policies');
