// Load and activation time of the extension, measured inside real VS Code (code-server).
export async function measureActivation(_root: string): Promise<{ median: number } | { error: string }> {
  return { error: 'code-server harness not available yet' };
}
