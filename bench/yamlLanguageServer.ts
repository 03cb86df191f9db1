// Red Hat's yaml-language-server (the engine of the most used YAML extension), run in this
// process with our JSON Schema, to compare full validation with our incremental validation.
import * as fs from 'node:fs';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function yamlLanguageServerValidator(schemaPath: string): (text: string) => Promise<number> {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const service = getLanguageService({
    // Everything is local: the schema is given inline and no request may leave the process.
    schemaRequestService: (uri: string) => Promise.reject(new Error(`no network: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).href },
  });
  service.configure({
    validate: true,
    hover: false,
    completion: false,
    format: false,
    schemas: [{ uri: 'file:///portfolio.schema.json', fileMatch: ['*.portfolio.yaml'], schema }],
  });
  let version = 0;
  return async (text: string) => {
    // A new version each time, so that nothing is served from the language server's cache.
    const document = TextDocument.create('file:///bench/p.portfolio.yaml', 'yaml', ++version, text);
    const diagnostics = await service.doValidation(document, false);
    return diagnostics.length;
  };
}
