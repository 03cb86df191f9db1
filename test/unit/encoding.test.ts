// The pure helpers the CLI and the extension share for bytes and text from files: encoding
// detection (encoding.ts), control characters (controlChars.ts), the unreadable-file diagnostic.
import * as assert from 'node:assert/strict';
import { terminalJson, terminalLine, terminalText, visibleControls } from '../../src/core/text/controlChars';
import { encodingProblem, firstInvalidUtf8 } from '../../src/core/syntax/encoding';
import { Workspace } from '../../src/core/check/workspace';
import { TODAY } from './helpers';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('encoding problems', () => {
  it('UTF-8, with or without a byte order mark, has none', () => {
    assert.equal(encodingProblem(utf8('apiVersion: portfolio/v1\ntitle: Entrepôt €𝄞\n')), undefined);
    assert.equal(encodingProblem(utf8('\ufeffapiVersion: portfolio/v1\n')), undefined);
    assert.equal(encodingProblem(bytes()), undefined);
  });

  it('names UTF-16 and UTF-32 by their byte order marks, and UTF-16 without one', () => {
    assert.match(encodingProblem(bytes(0xff, 0xfe, 0x61, 0x00))!, /UTF-16 little-endian .*Save it as UTF-8/);
    assert.match(encodingProblem(bytes(0xfe, 0xff, 0x00, 0x61))!, /UTF-16 big-endian/);
    assert.match(encodingProblem(bytes(0xff, 0xfe, 0x00, 0x00))!, /UTF-32 little-endian/);
    assert.match(encodingProblem(bytes(0x00, 0x00, 0xfe, 0xff))!, /UTF-32 big-endian/);
    assert.match(encodingProblem(new Uint8Array(Buffer.from('apiVersion', 'utf16le')))!, /looks like UTF-16 little-endian/);
  });

  it('gives the line and the byte of invalid UTF-8', () => {
    assert.match(
      encodingProblem(new Uint8Array(Buffer.from('a: 1\nb: Entrepôt\n', 'latin1')))!,
      /not valid UTF-8: line 2 has the byte 0xF4, .*Windows-1252/,
    );
  });

  it('finds the first invalid UTF-8 sequence by the WHATWG rules', () => {
    assert.equal(firstInvalidUtf8(utf8('ascii é € 𝄞')), -1);
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80)), 1, 'overlong');
    assert.equal(firstInvalidUtf8(bytes(0xe0, 0x80, 0x80)), 0, 'overlong three bytes');
    assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0, 'surrogate');
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0, 'above U+10FFFF');
    assert.equal(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82)), 2, 'cut short');
    assert.equal(firstInvalidUtf8(bytes(0xff)), 0);
  });

  it('an unreadable file is one yaml-syntax error at its start, and nothing else', () => {
    const workspace = new Workspace();
    workspace.setUnreadableFile('a.portfolio.yaml', 'This file is in UTF-16 little-endian.');
    const result = workspace.check({ today: TODAY });
    assert.deepEqual(
      result.files[0]!.diagnostics.map((d) => [d.code, d.severity, d.message, d.range.start.line, d.range.start.character]),
      [['yaml-syntax', 'error', 'This file is in UTF-16 little-endian.', 0, 0]],
    );
    assert.equal(result.summary.problems.errors, 1);
  });
});

describe('control characters', () => {
  const hostile = 'a\u001b]0;x\u0007\u009b2J\u202eb\u2066\tc\r\nd\re\nf';

  it('terminalText writes C0, C1 and bidi controls and a lone CR visibly, and keeps tabs and line breaks', () => {
    assert.equal(terminalText(hostile), 'a\\x1b]0;x\\x07\\x9b2J\\u202eb\\u2066\tc\r\nd\\re\nf');
  });

  it('terminalLine makes one line of it', () => {
    assert.equal(terminalLine(hostile), 'a\\x1b]0;x\\x07\\x9b2J\\u202eb\\u2066\tc d e f');
  });

  it('terminalJson reads back as the same value', () => {
    const json = JSON.stringify({ hostile });
    assert.doesNotMatch(terminalJson(json), /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.deepEqual(JSON.parse(terminalJson(json)), { hostile });
  });

  it('visibleControls shows them as the HTML report shows bidi controls', () => {
    assert.equal(visibleControls('x\u001by\u202ez'), 'x[U+001B]y[U+202E]z');
  });
});
