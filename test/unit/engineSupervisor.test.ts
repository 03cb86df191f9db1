// The engine supervisor over real worker threads: the real engine (dist/engine.js, built by
// npm run build) ended from outside with worker.terminate(), and tiny workers that throw, exit at
// once or never answer. Each restart sends the settings and one file again, as the service does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckResult, Request } from '../../src/engine/protocol';
import type { Transport } from '../../src/extension/engineClient';
import {
  EngineRequestError,
  EngineSupervisor,
  EngineUnavailableError,
  type EngineFailure,
  type SupervisorOptions,
} from '../../src/extension/engineSupervisor';
import { InProcessTransport } from '../../src/extension/inProcessTransport';
import { workerThreadTransport } from '../../src/extension/workerTransport.node';
import { REPO_ROOT, TODAY } from './helpers';

const ENGINE = path.join(REPO_ROOT, 'dist/engine.js');
const FOLDER = 'file:///portfolio';
const FILE = 'file:///portfolio/initiatives.portfolio.yaml';
// Links outcomes that no file here defines: unknown-outcome errors, so a check shows the engine has the file.
const TEXT = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/workspace/initiatives.portfolio.yaml'), 'utf8');
const EXPECTED = ['unknown-outcome', 'unknown-outcome'];
const SETTINGS = { today: TODAY, rules: {}, defaultModel: 'provider' as const };

/** Tiny worker scripts, written once into a temporary folder. */
const SCRIPTS = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-supervisor-'));
  const write = (name: string, code: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, code);
    return file;
  };
  return {
    dir,
    /** Answers every request with null, except a check of the folder "crash": that throws, uncaught. */
    throwsOnCrash: write(
      'throws.js',
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, request }) => {
  if (request.type === 'check' && request.folder === 'crash') throw new Error('boom in the worker');
  parentPort.postMessage({ id, result: null });
});`,
    ),
    /** Exits as soon as it starts. */
    exitsAtOnce: write('exits.js', 'process.exit(3);'),
    /** Takes every message and never answers. */
    silent: write('silent.js', `require('node:worker_threads').parentPort.on('message', () => {});`),
  };
})();

interface Harness {
  supervisor: EngineSupervisor;
  transports: Transport[];
  /** fail N restarting|stopped, restart, recovered: in the order they happened. */
  events: string[];
  /** What the service sends a new engine: the folder's settings and its file. */
  sendFiles(): void;
}

function supervise(createTransport: () => Transport, options: Partial<SupervisorOptions> = {}): Harness {
  const transports: Transport[] = [];
  const events: string[] = [];
  const sendFiles = () => {
    void supervisor.request({ type: 'configure', folder: FOLDER, settings: SETTINGS }).catch(() => undefined);
    void supervisor.request({ type: 'update', folder: FOLDER, path: FILE, text: TEXT, version: 1 }).catch(() => undefined);
  };
  const supervisor = new EngineSupervisor(
    () => {
      const transport = createTransport();
      transports.push(transport);
      return transport;
    },
    {
      log: () => undefined,
      onRestart: () => {
        events.push('restart');
        sendFiles();
      },
      restartDelaysMs: [5],
      ...options,
    },
  );
  supervisor.onDidFail((failure) => events.push(`fail ${failure.count} ${failure.restarting ? 'restarting' : 'stopped'}`));
  supervisor.onDidRecover(() => events.push('recovered'));
  return { supervisor, transports, events, sendFiles };
}

function onWorker(script: string, options?: Partial<SupervisorOptions>): Harness {
  return supervise(() => workerThreadTransport(script), options);
}

function nextFailure(supervisor: EngineSupervisor): Promise<EngineFailure> {
  return new Promise((resolve) => {
    const listener = supervisor.onDidFail((failure) => {
      listener.dispose();
      resolve(failure);
    });
  });
}

function nextRecovery(supervisor: EngineSupervisor): Promise<EngineFailure> {
  return new Promise((resolve) => {
    const listener = supervisor.onDidRecover((failure) => {
      listener.dispose();
      resolve(failure);
    });
  });
}

function waitForState(supervisor: EngineSupervisor, state: string): Promise<void> {
  if (supervisor.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = supervisor.onDidChangeState((now) => {
      if (now !== state) return;
      listener.dispose();
      resolve();
    });
  });
}

function codesOf(result: CheckResult): string[] {
  return result.changed.flatMap((file) => file.diagnostics.map((d) => d.code));
}

function unavailable(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof EngineUnavailableError, `expected EngineUnavailableError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  };
}

const BAD_UPDATE = { type: 'update', folder: FOLDER, path: FILE, text: undefined as unknown as string, version: 2 } satisfies Request;

describe('Engine supervisor', () => {
  const harnesses: Harness[] = [];
  function track(harness: Harness): Harness {
    harnesses.push(harness);
    return harness;
  }

  afterEach(() => {
    for (const harness of harnesses.splice(0)) harness.supervisor.dispose();
  });

  after(() => fs.rmSync(SCRIPTS.dir, { recursive: true, force: true }));

  it('the real engine ended from outside is restarted, sent the settings and files again, and answers as before', async () => {
    const h = track(onWorker(ENGINE));
    h.sendFiles();
    assert.deepEqual(codesOf(await h.supervisor.request({ type: 'check', folder: FOLDER })), EXPECTED);

    const failed = nextFailure(h.supervisor);
    const recovered = nextRecovery(h.supervisor);
    assert.ok(h.transports[0]?.terminate, 'the worker transport can be ended from outside');
    h.transports[0].terminate();
    const failure = await failed;
    assert.match(failure.reason, /the worker exited/);
    assert.equal(failure.restarting, true);
    // While it restarts, requests are refused at once instead of waiting for nothing.
    await assert.rejects(h.supervisor.request({ type: 'check', folder: FOLDER }), unavailable(/restarting/));

    await recovered;
    assert.equal(h.transports.length, 2, 'one new worker');
    assert.equal(h.supervisor.state, 'running');
    // The new engine has the file: the check finds the same problem without the test sending it.
    assert.deepEqual(codesOf(await h.supervisor.request({ type: 'check', folder: FOLDER })), EXPECTED);
    assert.deepEqual(h.events, ['fail 1 restarting', 'restart', 'recovered']);
  });

  it('a request waiting when the worker is ended is rejected, not left waiting', async () => {
    const h = track(onWorker(SCRIPTS.silent));
    const waiting = h.supervisor.request({ type: 'check', folder: FOLDER });
    h.transports[0]!.terminate!();
    await assert.rejects(waiting, unavailable(/the worker exited.*restarting/));
  });

  it('an uncaught error in the worker rejects what waits, with the error, and counts as one failure', async () => {
    const h = track(onWorker(SCRIPTS.throwsOnCrash));
    const recovered = nextRecovery(h.supervisor);
    await assert.rejects(h.supervisor.request({ type: 'check', folder: 'crash' }), unavailable(/boom in the worker/));
    const failure = await recovered;
    assert.equal(failure.during?.type, 'check', 'the request the worker was working on');
    // The error and the exit that follows it are one death.
    assert.equal(await h.supervisor.request({ type: 'check', folder: FOLDER }), null);
    assert.deepEqual(h.events, ['fail 1 restarting', 'restart', 'recovered']);
    assert.equal(h.transports.length, 2);
  });

  it('a worker that dies at once is given up on after three failures, and says so', async () => {
    const h = track(onWorker(SCRIPTS.exitsAtOnce));
    await assert.rejects(h.supervisor.request({ type: 'check', folder: FOLDER }), unavailable(/exited \(code 3\)/));
    await waitForState(h.supervisor, 'stopped');
    assert.deepEqual(h.events, ['fail 1 restarting', 'restart', 'fail 2 restarting', 'restart', 'fail 3 stopped']);
    assert.equal(h.transports.length, 3);
    // Stopped: no more workers, and every request says why and what to do.
    await assert.rejects(
      h.supervisor.request({ type: 'check', folder: FOLDER }),
      unavailable(/failed 3 times within a minute.*Validate Workspace/),
    );
    assert.equal(h.transports.length, 3, 'no worker was started for the refused request');
    // Asked to, it tries again (and here fails again).
    h.supervisor.restart();
    assert.equal(h.transports.length, 4);
  });

  it('failures further apart than the crash window do not add up to giving up', async () => {
    const h = track(onWorker(SCRIPTS.exitsAtOnce, { crashWindowMs: 0, maxCrashes: 2 }));
    void h.supervisor.request({ type: 'check', folder: FOLDER }).catch(() => undefined);
    while (h.events.filter((e) => e.startsWith('fail')).length < 3) await nextFailure(h.supervisor);
    assert.deepEqual(
      h.events.filter((e) => e.startsWith('fail')),
      ['fail 1 restarting', 'fail 1 restarting', 'fail 1 restarting'],
    );
    assert.notEqual(h.supervisor.state, 'stopped');
  });

  it('a worker that does not answer in time is ended and restarted, and the request is rejected', async () => {
    const h = track(onWorker(SCRIPTS.silent, { timeoutBaseMs: 50 }));
    const restarted = new Promise<void>((resolve) => {
      const listener = h.supervisor.onDidChangeState((state) => {
        if (state === 'running' && h.transports.length === 2) {
          listener.dispose();
          resolve();
        }
      });
    });
    await assert.rejects(h.supervisor.request({ type: 'check', folder: FOLDER }), unavailable(/did not answer within/));
    await restarted;
    assert.equal(h.supervisor.lastFailure?.during?.type, 'check');
  });

  it('a request the engine fails on is rejected with a clear message, and the engine goes on', async () => {
    const h = track(onWorker(ENGINE));
    h.sendFiles();
    await assert.rejects(h.supervisor.request(BAD_UPDATE), (error: unknown) => {
      assert.ok(error instanceof EngineRequestError, String(error));
      assert.match(error.message, /^The validation engine could not handle "update": Cannot read properties of undefined/);
      assert.doesNotMatch(error.message, /\n|\bat /, 'no stack trace in the message');
      return true;
    });
    assert.deepEqual(codesOf(await h.supervisor.request({ type: 'check', folder: FOLDER })), EXPECTED);
    assert.deepEqual(h.events, [], 'not a failure of the engine: no restart');
    assert.equal(h.transports.length, 1);
  });

  it('on the main thread, an exception in the engine rejects that request only', async () => {
    const h = track(supervise(() => new InProcessTransport()));
    h.sendFiles();
    await assert.rejects(
      h.supervisor.request(BAD_UPDATE),
      (error: unknown) => error instanceof EngineRequestError && /could not handle "update"/.test(error.message),
    );
    await assert.rejects(
      h.supervisor.request({ type: 'fixes', folder: FOLDER, path: FILE, diagnostic: null as never }),
      EngineRequestError,
    );
    assert.deepEqual(codesOf(await h.supervisor.request({ type: 'check', folder: FOLDER })), EXPECTED);
    assert.equal(h.supervisor.terminateWorker(), false, 'no worker to end on the main thread');
    assert.deepEqual(h.events, []);
  });
});
