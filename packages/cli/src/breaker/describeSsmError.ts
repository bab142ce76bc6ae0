// What an operator should read when SSM refuses or does not answer: the cause in their words and what to do
// next. Every part SSM controls (the message) is escaped for the terminal.
import { terminalText } from './terminalText.js';

export interface SsmErrorContext {
  /** `read` or `write`. */
  readonly action: string;
  readonly parameter: string;
  /** The per-request timeout the client was given, in ms. */
  readonly timeoutMs: number;
}

export function describeSsmError(error: unknown, context: SsmErrorContext): string {
  const { action, parameter } = context;
  const name = (error as { name?: unknown } | null)?.name;
  const message = terminalText(error instanceof Error ? error.message : String(error));
  const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts;
  const after = attempts === undefined ? '' : ` (${attempts} attempt${attempts === 1 ? '' : 's'})`;
  switch (name) {
    case 'ParameterNotFound':
      return `no breaker parameter ${parameter}: the probe has not written it yet, or --prefix is wrong`;
    case 'AccessDeniedException':
      return (
        `access denied: ${action} on ${parameter} (${message}). ` +
        'The role needs ssm:GetParameter, ssm:GetParametersByPath and (to write) ssm:PutParameter on the prefix; ' +
        'see docs/shared-state.md, "IAM permissions"'
      );
    case 'ThrottlingException':
    case 'TooManyUpdates':
      return (
        `SSM throttled ${action} on ${parameter}${attempts === undefined ? '' : ` after ${attempts} attempts`} ` +
        `(${name}). Reads and writes share one account-and-region quota; wait and retry`
      );
    case 'CredentialsProviderError':
      return `no AWS credentials for ${action}: ${message}`;
    case 'TimeoutError':
      return (
        `SSM did not answer ${action} on ${parameter} within ${context.timeoutMs / 1000} s${after}: ${message}. ` +
        `Check the network path to SSM (VPC endpoint, proxy, AWS_ENDPOINT_URL_SSM), or raise --timeout` +
        (action === 'write'
          ? '; a write that timed out may still have happened: check with bulwark breaker status'
          : '')
      );
    default:
      return `SSM ${action} on ${parameter} failed: ${typeof name === 'string' ? `${terminalText(name)}: ` : ''}${message}`;
  }
}
