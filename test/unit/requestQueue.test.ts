// The supervisor's request queue (requestQueue.ts) over a scripted transport that answers only
// when the test says so, and over the real engine on the main thread: a check waits for the
// requests made after it, and a request cancelled or superseded while it waits is never sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Request, RequestMessage, ResponseMessage } from '../../src/engine/protocol';
import type { Transport } from '../../src/extension/engineClient';
import { EngineSupervisor } from '../../src/extension/engineSupervisor';
import { InProcessTransport } from '../../src/extension/inProcessTransport';
import { nextToSend, RequestCancelledError, type CancelSignal } from '../../src/extension/requestQueue';
import { REPO_ROOT, TODAY } from './helpers';

const FOLDER = 'file:///portfolio';
const FILE = 'file:///portfolio/initiatives.portfolio.yaml';
const TEXT = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/workspace/initiatives.portfolio.yaml'), 'utf8');
const SETTINGS = { today: TODAY, rules: {}, defaultModel: 'provider' as const };
const UPDATE = { type: 'update', folder: FOLDER, path: FILE, text: TEXT, version: 1 } satisfies Request;
const CHECK = { type: 'check', folder: FOLDER } satisfies Request;
const HOVER = { type: 'hover', folder: FOLDER, path: FILE, position: { line: 3, character: 4 } } satisfies Request;

/** A transport that keeps what it is sent and answers a request (with null) only when told to. */
class ScriptedTransport implements Transport {
  readonly sent: RequestMessage[] = [];
  private listener: ((message: ResponseMessage) => void) | undefined;

  post(message: RequestMessage): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: ResponseMessage) => void): void {
    this.listener = listener;
  }
  onError(): void {}
  dispose(): void {}

  /** The types of the requests sent so far, in order. */
  types(): string[] {
    return this.sent.map((message) => message.request.type);
  }

  /** Answers the oldest unanswered request of this type, as the engine would. */
  answer(type: Request['type']): void {
    const message = this.sent.find((m) => m.request.type === type && !this.answered.has(m.id));
    assert.ok(message, `a "${type}" request was sent`);
    this.answered.add(message.id);
    this.listener?.({ id: message.id, result: null });
  }
  private readonly answered = new Set<number>();
}

/** A cancellation source without vscode, shaped like vscode.CancellationTokenSource. */
function cancellation(): { token: CancelSignal; cancel(): void } {
  const listeners: Array<() => void> = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => void listeners.splice(listeners.indexOf(listener) >>> 0, 1) };
    },
  };
  return {
    token,
    cancel: () => {
      token.isCancellationRequested = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

function supervisor(transport: Transport): EngineSupervisor {
  return new EngineSupervisor(() => transport, { log: () => undefined, onRestart: () => undefined });
}

/** Lets the promises settle that answers resolved. */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('Engine request queue', () => {
  const supervisors: EngineSupervisor[] = [];
  function track(s: EngineSupervisor): EngineSupervisor {
    supervisors.push(s);
    return s;
  }
  afterEach(() => {
    for (const s of supervisors.splice(0)) s.dispose();
  });

  it('a hover asked for while a check waits is sent, and answered, before that check', async () => {
    const transport = new ScriptedTransport();
    const engine = track(supervisor(transport));
    const answers: string[] = [];
    void engine.request(UPDATE).then(() => answers.push('update'));
    void engine.request(CHECK).then(() => answers.push('check'));
    void engine.request(HOVER).then(() => answers.push('hover'));
    assert.deepEqual(transport.types(), ['update', 'hover'], 'the check waits for the hover made after it');
    transport.answer('update');
    transport.answer('hover');
    await settled();
    assert.deepEqual(transport.types(), ['update', 'hover', 'check'], 'the check goes once nothing else waits');
    transport.answer('check');
    await settled();
    assert.deepEqual(answers, ['update', 'hover', 'check']);
  });

  it('on the real engine, a hover made after a check is answered first, and the check still finds the problems', async () => {
    const engine = track(supervisor(new InProcessTransport()));
    const answers: string[] = [];
    void engine.request({ type: 'configure', folder: FOLDER, settings: SETTINGS });
    void engine.request(UPDATE);
    const check = engine.request(CHECK).then((result) => {
      answers.push('check');
      return result;
    });
    const hover = engine.request(HOVER).then(() => answers.push('hover'));
    const [result] = await Promise.all([check, hover]);
    assert.deepEqual(answers, ['hover', 'check']);
    assert.deepEqual(
      result.changed.flatMap((file) => file.diagnostics.map((d) => d.code)),
      ['unknown-outcome', 'unknown-outcome'],
    );
  });

  it('a check superseded while it waits is not sent, and says it was cancelled', async () => {
    const transport = new ScriptedTransport();
    const engine = track(supervisor(transport));
    void engine.request(UPDATE);
    const superseded = cancellation();
    const check = engine.request(CHECK, superseded.token);
    superseded.cancel();
    await assert.rejects(check, RequestCancelledError);
    transport.answer('update');
    await settled();
    assert.deepEqual(transport.types(), ['update'], 'the superseded check never reached the engine');
    // The check that supersedes it goes as usual.
    const next = engine.request(CHECK);
    assert.deepEqual(transport.types(), ['update', 'check']);
    transport.answer('check');
    assert.equal(await next, null);
  });

  it('a hover cancelled while a check runs is not sent; the requests after it are', async () => {
    const transport = new ScriptedTransport();
    const engine = track(supervisor(transport));
    const check = engine.request(CHECK);
    const moved = cancellation();
    const hover = engine.request(HOVER, moved.token);
    const symbols = engine.request({ type: 'symbols', folder: FOLDER, path: FILE });
    assert.deepEqual(transport.types(), ['check'], 'nothing is sent while a check runs');
    moved.cancel();
    await assert.rejects(
      hover,
      (error: unknown) => error instanceof RequestCancelledError && /"hover" request was cancelled/.test(error.message),
    );
    transport.answer('check');
    await check;
    assert.deepEqual(transport.types(), ['check', 'symbols']);
    transport.answer('symbols');
    assert.equal(await symbols, null);
  });

  it('a request cancelled before it is made is not sent at all', async () => {
    const transport = new ScriptedTransport();
    const engine = track(supervisor(transport));
    const gone = cancellation();
    gone.cancel();
    await assert.rejects(engine.request(HOVER, gone.token), RequestCancelledError);
    assert.deepEqual(transport.types(), []);
  });

  it('a check is not kept waiting for ever by requests made after it', async () => {
    const transport = new ScriptedTransport();
    const engine = track(supervisor(transport));
    void engine.request(UPDATE);
    const check = engine.request(CHECK);
    void engine.request(HOVER);
    assert.deepEqual(transport.types(), ['update', 'hover']);
    // The hover, made after the check, is still in flight: the check goes anyway, behind it.
    transport.answer('update');
    assert.deepEqual(transport.types(), ['update', 'hover', 'check'], 'everything made before the check was answered: it goes');
    void engine.request({ type: 'symbols', folder: FOLDER, path: FILE });
    transport.answer('hover');
    transport.answer('check');
    assert.equal(await check, null);
    assert.deepEqual(transport.types(), ['update', 'hover', 'check', 'symbols']);
  });

  it('updates and feature requests keep their order; a check waits for what was made before it', () => {
    const at = (request: Request, seq: number) => ({ request, seq });
    assert.equal(nextToSend([at(CHECK, 1), at(UPDATE, 2), at(HOVER, 3)], []), 1, 'the update first: the hover must see its text');
    assert.equal(nextToSend([at(CHECK, 2)], [at(UPDATE, 1)]), undefined, 'the check waits for the answer made before it');
    assert.equal(nextToSend([at(CHECK, 2)], [at(HOVER, 3)]), 0, 'not for one made after it');
    assert.equal(nextToSend([at(CHECK, 1)], []), 0);
    assert.equal(nextToSend([at(UPDATE, 2), at(HOVER, 3)], [at(CHECK, 1)]), undefined, 'nothing is sent behind a running check');
    assert.equal(nextToSend([], []), undefined);
  });
});
