// Characters from file content that must not reach a terminal, or a report row, as they are:
// C0 and C1 controls (ESC starts the sequences that set the window title or clear the screen)
// and the bidirectional overrides and isolates that reorder what follows them.

/** C0 controls but tab and line breaks, DEL, C1 controls, bidi embeddings/overrides/isolates. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, and every line break (for one-line output such as a diagnostic message). */
const UNSAFE_OR_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A carriage return that does not end a CRLF line break. */
const LONE_CR = /\r(?!\n)/g;

function escapeCode(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a terminal, with every control character written visibly (`\x1b`, `\u202e`). Tabs,
 * line feeds and CRLF line breaks are kept, so a whole report can be printed; a lone carriage
 * return, which would let a line overwrite the one shown before it, is escaped too.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escapeCode).replace(LONE_CR, '\\r');
}

/** One line for a terminal: as terminalText, and a line break (CR, LF or CRLF) becomes a space. */
export function terminalLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_OR_BREAK, (c) => (c === '\n' ? ' ' : escapeCode(c)));
}

/**
 * JSON text safe for a terminal and still the same JSON: the characters JSON.stringify leaves as
 * they are (C1 controls, bidi controls) are written as \u escapes, which parse to the same string.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text for a report cell, as the HTML report shows it (view.ts visibleText): every control
 * character and bidi control written as its code point, `[U+001B]`, `[U+202E]`. Line breaks are
 * left to the caller, which knows what a row is.
 */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
