// Red Hat's YAML language server, in-process, with our schema: what users of the YAML extension
// see. The schema is read from the local file; any other request fails (no network).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import { rangeOf, REPO_ROOT } from './helpers';

const SCHEMA_URI = pathToFileURL(path.join(REPO_ROOT, 'schemas/portfolio.schema.json')).href;

describe('schema in the Red Hat YAML language server', function () {
  this.timeout(60_000);
  const requested: string[] = [];
  let service: LanguageService;

  before(() => {
    service = getLanguageService({
      schemaRequestService: async (uri) => {
        requested.push(uri);
        if (!uri.startsWith('file:')) throw new Error(`no network in tests: ${uri}`);
        return fs.promises.readFile(fileURLToPath(uri), 'utf8');
      },
      workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
    });
    service.configure({
      validate: true,
      hover: true,
      completion: true,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.portfolio.yaml', '*.portfolio.yml'] }],
    });
  });

  after(() => {
    assert.ok(requested.length > 0, 'the schema was requested');
    assert.deepEqual(
      requested.filter((uri) => !uri.startsWith('file:')),
      [],
      'no network request',
    );
  });

  const validate = (name: string, text: string) =>
    service.doValidation(TextDocument.create(pathToFileURL(path.join(REPO_ROOT, 'test-artifacts', name)).href, 'yaml', 1, text), false);

  it('finds no schema error in the examples', async () => {
    const dir = path.join(REPO_ROOT, 'examples');
    const examples = fs.readdirSync(dir).filter((f) => f.endsWith('.portfolio.yaml'));
    assert.ok(examples.length >= 2);
    for (const name of examples) {
      const diagnostics = await validate(name, fs.readFileSync(path.join(dir, name), 'utf8'));
      assert.deepEqual(
        diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
        [],
        name,
      );
    }
  });

  it('reports an unknown key and a bad enum value', async () => {
    const text = [
      'apiVersion: portfolio/v1',
      'kind: Portfolio',
      'initiatives:',
      '  - id: erp-upgrade',
      '    title: Upgrade ERP',
      '    categroy: run',
      '    status: in-progres',
      '',
    ].join('\n');
    const diagnostics = await validate('bad.portfolio.yaml', text);
    const unknown = diagnostics.find((d) => /categroy/.test(d.message));
    assert.ok(unknown, `unknown key reported: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.deepEqual(unknown.range, rangeOf(text, 'categroy'));
    const badEnum = diagnostics.find((d) => /in-progress/.test(d.message));
    assert.ok(badEnum, `bad enum reported: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.deepEqual(badEnum.range, rangeOf(text, 'in-progres'));
    assert.equal(diagnostics.length, 2, JSON.stringify(diagnostics.map((d) => d.message)));
  });

  it('applies only to portfolio files', async () => {
    assert.deepEqual(await validate('other.yaml', 'categroy: run\n'), []);
  });
});
