// The tests that judge @bulwark/lambda's mutants (see mutation/targets.mjs).
import { mutationVitestConfig } from '../vitestConfig.js';

export default mutationVitestConfig('lambda');
