// SHA-256 for the Content-Security-Policy hash of the standalone report's one <style>. The core
// must stay synchronous and run where node:crypto is missing (web worker), so it uses the audited
// @noble/hashes rather than WebCrypto, whose digest is asynchronous.
import { sha256 as digest } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

// btoa exists in every host the core runs in (Node 16+, browsers, web workers).
declare function btoa(data: string): string;

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return digest(bytes);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The CSP source that allows exactly this inline text: 'sha256-<base64>'. */
export function cspHash(text: string): string {
  return `'sha256-${base64(sha256(utf8(text)))}'`;
}
