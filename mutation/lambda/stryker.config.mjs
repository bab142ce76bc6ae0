// Stryker for @bulwark/lambda: `npm run mutation -- lambda` (see mutation/targets.mjs).
import { strykerConfig } from '../targets.mjs';

export default strykerConfig('lambda');
