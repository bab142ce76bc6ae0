// The tests that judge @bulwark/errors's mutants (see mutation/targets.mjs).
import { mutationVitestConfig } from '../vitestConfig.js';

export default mutationVitestConfig('errors');
