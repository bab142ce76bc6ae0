// Placeholder until the shared-state work lands `bulwark breaker`; the dispatcher in bin.ts calls this.
export async function breakerMain(_argv: readonly string[]): Promise<number> {
  process.stderr.write('bulwark breaker: not available in this build\n');
  return 2;
}
