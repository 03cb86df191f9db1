// Whether a file's bytes can be read as the UTF-8 text a portfolio file is. Decoding them anyway
// would turn each bad byte into U+FFFD (text silently lost) or, for UTF-16, into a text of NUL
// characters that reads as "not a mapping". Pure: the CLI and the extension pass the bytes.

const HOW_TO_FIX = 'Save it as UTF-8 (in VS Code: click the encoding in the status bar, then "Save with Encoding" and "UTF-8").';

/** The byte order marks of the encodings a YAML file may be saved in, longest first. */
const BOMS: ReadonlyArray<{ bytes: readonly number[]; name: string }> = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32 little-endian' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32 big-endian' },
  { bytes: [0xff, 0xfe], name: 'UTF-16 little-endian' },
  { bytes: [0xfe, 0xff], name: 'UTF-16 big-endian' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence (WHATWG rules: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all of it is UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset, counting LF bytes (the same in UTF-8 and single-byte encodings). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Why these bytes cannot be read as a UTF-8 portfolio file, naming the encoding they seem to be
 * in and how to fix it; undefined when they are UTF-8 (with or without a byte order mark).
 */
export function encodingProblem(bytes: Uint8Array): string | undefined {
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom) return `This file is in ${bom.name} (it starts with that byte order mark), but portfolio files are read as UTF-8. ${HOW_TO_FIX}`;
  // UTF-16 saved without a byte order mark: every other byte of ASCII text is a NUL.
  if (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) {
    return `This file looks like UTF-16 ${bytes[0] === 0 ? 'big' : 'little'}-endian (every other byte is 0), but portfolio files are read as UTF-8. ${HOW_TO_FIX}`;
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return undefined;
  const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  return `This file is not valid UTF-8: line ${lineOfByte(bytes, bad)} has the byte 0x${byte}, as a file saved as Windows-1252 or ISO-8859-1 (Latin-1) does. It was not read, so that no character is lost. ${HOW_TO_FIX}`;
}
