// The tests that judge @bulwark/policies's mutants (see mutation/targets.mjs).
import { mutationVitestConfig } from '../vitestConfig.js';

export default mutationVitestConfig('policies');
