// The tests that judge @bulwark/service's mutants (see mutation/targets.mjs).
import { mutationVitestConfig } from '../vitestConfig.js';

export default mutationVitestConfig('service');
