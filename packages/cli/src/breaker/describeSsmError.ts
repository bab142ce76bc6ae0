// What an operator should read when SSM refuses: the cause in their words and what to do next.

export function describeSsmError(error: unknown, action: string, parameter: string): string {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  const attempts = (error as { $metadata?: { attempts?: number } } | null)?.$metadata?.attempts;
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
    default:
      return `SSM ${action} on ${parameter} failed: ${typeof name === 'string' ? `${name}: ` : ''}${message}`;
  }
}
