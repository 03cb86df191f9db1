// Engine values (0-based ranges, plain objects) to VS Code's classes and back.
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { Location } from '../core/features/locate';
import type { TextEdit } from '../core/features/navigation';
import type { Position, Range } from '../core/syntax/lineIndex';
import { DOCS_BASE, docsUrl } from '../core/check/rules/rule';

export const SOURCE = 'Portfolio Alignment';
export const TOO_LARGE_CODE = 'file-too-large';
/** A file the validation engine could not take, or was working on when it was given up on (docs/editor.md). */
export const ENGINE_FAILED_CODE = 'engine-failed';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function fromPosition(position: vscode.Position): Position {
  return { line: position.line, character: position.character };
}

export function fromRange(range: vscode.Range): Range {
  return { start: fromPosition(range.start), end: fromPosition(range.end) };
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** Each rule's documentation link, parsed once (a file's 1,000 diagnostics share a few dozen). */
const docsTargets = new Map<string, vscode.Uri>();

function docsTarget(code: PortfolioDiagnostic['code']): vscode.Uri {
  let target = docsTargets.get(code);
  if (!target) docsTargets.set(code, (target = vscode.Uri.parse(docsUrl(code))));
  return target;
}

export function toDiagnostic(d: PortfolioDiagnostic): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: d.code, target: docsTarget(d.code) };
  if (d.related?.length) {
    diagnostic.relatedInformation = d.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(r.path), toRange(r.range)), r.message),
    );
  }
  return diagnostic;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} KB`;
}

export function tooLargeDiagnostic(uri: vscode.Uri, size: number, limit: number): vscode.Diagnostic {
  const name = uri.path.split('/').pop() ?? uri.path;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    `This file is ${megabytes(size)}, above portfolioAlignment.maxFileSize (${megabytes(limit)}), so it is not validated in the editor and its ids are not indexed. Check it with "portfolio-align check ${name}" (the command-line program), or raise the setting.`,
    vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = SOURCE;
  diagnostic.code = { value: TOO_LARGE_CODE, target: vscode.Uri.parse(`${DOCS_BASE}/configuration.md#large-files`) };
  return diagnostic;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function engineDiagnostic(message: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: ENGINE_FAILED_CODE, target: vscode.Uri.parse(`${DOCS_BASE}/editor.md#when-the-validation-engine-fails`) };
  return diagnostic;
}

/** The engine answered "update" or "edit" of this file with an error. */
export function engineFailedDiagnostic(uri: vscode.Uri, reason: string): vscode.Diagnostic {
  return engineDiagnostic(
    `Portfolio Alignment could not validate this file: the validation engine failed on it (${reason}). Its diagnostics and its share of the summary may be missing or out of date until it is fixed. Check it with "portfolio-align check ${fileName(uri)}" (the command-line program) to see why; if that passes, report the problem with the "Portfolio Alignment" output log.`,
  );
}

/** The engine died again and again while working on this file, and was given up on. */
export function engineStoppedDiagnostic(uri: vscode.Uri, reason: string, failures: number): vscode.Diagnostic {
  return engineDiagnostic(
    `Portfolio Alignment stopped validating: the validation engine failed ${failures} times within a minute, the last time while working on this file (${reason}). The file may be too large or too deeply nested for the editor: split it, or set portfolioAlignment.maxFileSize below its size so that the editor skips it, and check it with "portfolio-align check ${fileName(uri)}". Then run "Portfolio Alignment: Validate Workspace" or reload the window.`,
  );
}

export function toLocation(location: Location): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(location.path), toRange(location.range));
}

export function toWorkspaceEdit(edits: TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(vscode.Uri.parse(e.path), toRange(e.range), e.newText);
  return edit;
}
