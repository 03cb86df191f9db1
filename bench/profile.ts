// Where the editor's time goes, for bench/editorSuite.ts: CPU time of the extension host's main
// thread (from /proc/thread-self/stat) and of its whole process (the engine worker and V8's helper
// threads included), and, with BENCH_PROFILE=<dir>, CPU profiles of the extension host and of the
// engine worker (attached through the NodeWorker inspector domain) written as .cpuprofile files.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The CPU time of the calling thread in ms (0 where /proc is missing). */
function threadCpuMs(): number {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface CpuTime {
  /** The extension host's main thread. */
  hostMs: number;
  /** The whole extension host process minus its main thread: the engine worker, GC and compiler threads. */
  otherThreadsMs: number;
}

/** Measures the CPU time spent while `work` runs. */
export async function cpuTimeOf<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuTime }> {
  const host = threadCpuMs();
  const all = processCpuMs();
  const result = await work();
  const hostMs = threadCpuMs() - host;
  return { result, cpu: { hostMs, otherThreadsMs: processCpuMs() - all - hostMs } };
}

type Post = (method: string, params?: object) => Promise<unknown>;

/** CPU profiles of this thread and of the worker threads, when BENCH_PROFILE names a folder. */
export class Profiles {
  private readonly session = new inspector.Session();
  private readonly workers = new Map<string, { post: Post; title: string }>();
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly dir: string) {}

  static async start(): Promise<Profiles | undefined> {
    const dir = process.env.BENCH_PROFILE;
    if (!dir) return undefined;
    fs.mkdirSync(dir, { recursive: true });
    const profiles = new Profiles(dir);
    await profiles.connect();
    return profiles;
  }

  private post: Post = (method, params) =>
    new Promise((resolve, reject) => this.session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));

  private async connect(): Promise<void> {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', (message) => {
      const { sessionId, workerInfo } = message.params as { sessionId: string; workerInfo: { title: string; url: string } };
      const post: Post = (method, params) => {
        const id = this.nextId++;
        const answered = new Promise<unknown>((resolve) => this.waiting.set(id, resolve));
        void this.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params: params ?? {} }) });
        return answered;
      };
      this.workers.set(sessionId, { post, title: `${workerInfo.title} ${path.basename(workerInfo.url)}` });
    });
    this.session.on('NodeWorker.receivedMessageFromWorker', (message) => {
      const reply = JSON.parse((message.params as { message: string }).message) as { id?: number; result?: unknown };
      if (reply.id === undefined) return;
      this.waiting.get(reply.id)?.(reply.result);
      this.waiting.delete(reply.id);
    });
    await this.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 200 });
  }

  /** Profiles the host and every worker while `work` runs; writes <name>.host.cpuprofile and <name>.worker-N.cpuprofile. */
  async around<T>(name: string, work: () => Promise<T>): Promise<T> {
    const workers = [...this.workers.values()];
    await this.post('Profiler.start');
    for (const worker of workers) {
      await worker.post('Profiler.enable');
      await worker.post('Profiler.setSamplingInterval', { interval: 200 });
      await worker.post('Profiler.start');
    }
    const result = await work();
    const host = (await this.post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(this.dir, `${name}.host.cpuprofile`), JSON.stringify(host.profile));
    let n = 0;
    for (const worker of workers) {
      const stopped = (await worker.post('Profiler.stop')) as { profile: unknown } | undefined;
      if (stopped) fs.writeFileSync(path.join(this.dir, `${name}.worker-${n++}.cpuprofile`), JSON.stringify(stopped.profile));
    }
    return result;
  }

  dispose(): void {
    this.session.disconnect();
  }
}
