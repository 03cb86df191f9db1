// `portfolio-align history`: the summary at each point of the git history that touched the
// portfolio files, oldest first. One Workspace is carried from point to point, so a commit that
// changes one initiative re-reads only that item; summaries are cached by the set of blobs, and
// every blob comes through one `git cat-file --batch` process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Summary } from '../core/summary/summarize';
import type { TextChange } from '../core/syntax/parse';
import { toJsonSummary } from '../core/summary/report/json';
import { Workspace } from '../core/check/workspace';
import { writeOutput } from './writeFileAtomic';
import { checkOptionsOf } from './diffCommand';
import type { HistoryArgs, HistoryEvery } from './diffArgs';
import { displayPath, UsageError } from './discover';
import { withDisplayPaths } from './format/json';
import { formatHistoryCsv, formatHistoryHtml, formatHistoryText } from './format/history';
import {
  BlobReader,
  checkRef,
  commitDate,
  listTags,
  listTree,
  logWithTrees,
  repositoryRoot,
  resolveCommit,
  revList,
  type LogEntry,
  type TreeFile,
} from './git';
import { candidates, isPortfolio, prefixesOf, scopesOf, type Scope } from './gitPortfolio';

export const HISTORY_JSON_VERSION = 1;

export interface HistoryPoint {
  commit: string;
  date: string;
  tag?: string;
  summary: Summary;
}

interface HistoryIo {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/** The period a date falls in, for --every: its day, ISO week or month (committer's calendar). */
export function periodOf(date: string, every: HistoryEvery): string {
  const day = date.slice(0, 10);
  if (every === 'day') return day;
  if (every === 'month') return day.slice(0, 7);
  // ISO week: the week's Thursday decides the year, and its day of the year the week number.
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The last entry of each period, in order. */
function lastOfEachPeriod<T extends LogEntry>(entries: readonly T[], every: HistoryEvery): T[] {
  if (every === 'commit' || every === 'tag') return [...entries];
  const out: T[] = [];
  for (let i = 0; i < entries.length; i++) {
    const next = entries[i + 1];
    if (!next || periodOf(next.date, every) !== periodOf(entries[i]!.date, every)) out.push(entries[i]!);
  }
  return out;
}

type PointToRead = LogEntry & { tag?: string; tree?: TreeFile[] };

async function pointsToRead(args: HistoryArgs, root: string, tip: string, prefixes: string[]): Promise<PointToRead[]> {
  let entries: PointToRead[];
  if (args.every === 'tag') {
    const reachable = new Set(await revList(root, tip));
    entries = (await listTags(root)).filter((t) => reachable.has(t.commit)).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  } else {
    entries = await logWithTrees(root, tip, prefixes);
  }
  if (args.since !== undefined) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(args.since)) {
      entries = entries.filter((e) => e.date.slice(0, 10) >= args.since!);
    } else {
      checkRef(args.since, '--since');
      const since = await resolveCommit(root, args.since, '--since');
      const after = new Set(await revList(root, tip, since));
      const kept = entries.filter((e) => after.has(e.commit) || e.commit === since);
      // The state at --since is the first point, even when that commit did not touch the files.
      if (!kept.some((e) => e.commit === since) && args.every !== 'tag') {
        kept.unshift({ commit: since, date: await commitDate(root, since) });
      }
      entries = kept;
    }
  }
  return lastOfEachPeriod(entries, args.every);
}

/** The summaries of the points, reading each distinct blob once and checking each distinct set once. */
async function summaries(
  points: PointToRead[],
  args: HistoryArgs,
  root: string,
  scopes: Scope[],
  prefixes: string[],
  cwd: string,
): Promise<HistoryPoint[]> {
  const blobs = new BlobReader(root);
  try {
    const options = checkOptionsOf(args);
    const shown = new Map<string, string>();
    const display = (p: string) => shown.get(p) ?? shown.set(p, displayPath(p, cwd)).get(p)!;
    const workspace = new Workspace();
    const loaded = new Map<string, string>(); // workspace path → blob
    const bySet = new Map<string, Summary>();
    const portfolioBlob = new Map<string, boolean>();
    const out: HistoryPoint[] = [];
    let lastKey: string | undefined;
    for (const point of points) {
      const tree = point.tree ?? (await listTree(root, point.commit, prefixes));
      const files = await portfolioFiles(tree, scopes, blobs, portfolioBlob);
      const key = files.map((f) => `${f.path}\u0000${f.blob}`).join('\n');
      // A commit that touched the folders but no portfolio file adds no point.
      if (key === lastKey && args.every === 'commit') continue;
      lastKey = key;
      let summary = bySet.get(key);
      if (!summary) {
        await load(workspace, loaded, files, blobs, root);
        summary = withDisplayPaths(workspace.check(options).summary, display);
        bySet.set(key, summary);
      }
      out.push({ commit: point.commit, date: point.date, ...(point.tag ? { tag: point.tag } : {}), summary });
    }
    return out;
  } finally {
    blobs.close();
  }
}

async function portfolioFiles(
  tree: readonly TreeFile[],
  scopes: Scope[],
  blobs: BlobReader,
  known: Map<string, boolean>,
): Promise<TreeFile[]> {
  const out: TreeFile[] = [];
  for (const file of candidates(tree, scopes)) {
    let portfolio = known.get(file.blob + (file.named ? '!' : ''));
    if (portfolio === undefined) {
      portfolio = file.named || /\.portfolio\.ya?ml$/i.test(file.path) || isPortfolio(file, (await blobs.read(file.blob)) ?? '');
      known.set(file.blob + (file.named ? '!' : ''), portfolio);
    }
    if (portfolio) out.push(file);
  }
  return out;
}

/** Brings the workspace to a set of files: only the files whose blob changed are read and set. */
async function load(
  workspace: Workspace,
  loaded: Map<string, string>,
  files: readonly TreeFile[],
  blobs: BlobReader,
  root: string,
): Promise<void> {
  const wanted = new Map(files.map((f) => [path.join(root, ...f.path.split('/')), f.blob]));
  for (const [file] of loaded) {
    if (!wanted.has(file)) {
      workspace.removeFile(file);
      loaded.delete(file);
    }
  }
  const changed = [...wanted].filter(([file, blob]) => loaded.get(file) !== blob);
  const texts = await Promise.all(changed.map(([, blob]) => blobs.read(blob)));
  changed.forEach(([file, blob], i) => {
    const text = texts[i] ?? '';
    const before = workspace.getFile(file)?.text;
    // As an edit, like typing in the editor: the engine then re-reads and re-checks only the
    // items in the changed range, where setting the whole text re-derives every item.
    if (before === undefined || !workspace.editFile(file, [changeBetween(before, text)])) workspace.setFile(file, text);
    loaded.set(file, blob);
  });
}

/** The one change that turns `before` into `after`: what lies between their common head and tail. */
export function changeBetween(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}

export function historyJson(points: readonly HistoryPoint[]): string {
  return (
    JSON.stringify(
      {
        version: HISTORY_JSON_VERSION,
        points: points.map((p) => ({
          commit: p.commit,
          date: p.date,
          ...(p.tag ? { tag: p.tag } : {}),
          summary: toJsonSummary(p.summary),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

export async function runHistory(args: HistoryArgs, io: HistoryIo): Promise<number> {
  const cwd = fs.realpathSync(io.cwd);
  let start = path.resolve(cwd, args.paths[0] ?? '.');
  while (!fs.existsSync(start) && path.dirname(start) !== start) start = path.dirname(start);
  const root = await repositoryRoot(fs.statSync(start).isDirectory() ? start : path.dirname(start), 'or name a path inside one');
  const scopes = scopesOf(args.paths, cwd, root);
  const prefixes = prefixesOf(scopes);
  const tip = await resolveCommit(root, args.ref, '--ref');
  const points = await summaries(await pointsToRead(args, root, tip, prefixes), args, root, scopes, prefixes, cwd);
  if (points.length === 0 && args.since === undefined) {
    throw new UsageError(
      `No ${args.every === 'tag' ? 'tag' : 'commit'} of ${args.ref} has portfolio files under ${args.paths.length > 0 ? args.paths.join(', ') : 'the current folder'}.`,
    );
  }
  let text: string;
  switch (args.format) {
    case 'json':
      text = historyJson(points);
      break;
    case 'csv':
      text = formatHistoryCsv(points);
      break;
    case 'html':
      text = formatHistoryHtml(points);
      break;
    default:
      text = formatHistoryText(points);
  }
  if (args.out === undefined) io.out(text);
  else {
    writeOutput(args.out, text, { force: true, cwd });
    io.err(`Wrote ${points.length} point${points.length === 1 ? '' : 's'} of history to ${args.out}\n`);
  }
  return 0;
}
