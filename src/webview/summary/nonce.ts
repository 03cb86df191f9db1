// The nonce that lets the page script run under the panel's Content-Security-Policy. It must be
// unguessable, so it comes from the platform's cryptographic generator (globalThis.crypto exists
// in Node 20 and in browsers, so both extension hosts have it), never from Math.random.

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** 128 random bits as 32 hex digits: valid in a CSP source expression and an HTML attribute. */
export function makeNonce(source: RandomSource = (globalThis as unknown as { crypto: RandomSource }).crypto): string {
  const bytes = source.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
