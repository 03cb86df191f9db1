// Whether a YAML text is a portfolio file by its content: its first document starts with
// `apiVersion: portfolio/v1` (comments, blank lines and a leading '---' aside).

const API_VERSION_LINE = /^apiVersion:\s*["']?portfolio\/v1["']?\s*(#.*)?$/;

export function startsLikePortfolio(head: string): boolean {
  for (const raw of head.slice(0, 4096).split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '').trimEnd();
    if (line === '' || line.startsWith('#') || line === '---') continue;
    return API_VERSION_LINE.test(line);
  }
  return false;
}
