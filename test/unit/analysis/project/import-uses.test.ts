// Which imports the pre-check follows for a file with no retry of its own: those its code calls, sends through or
// makes; when unsure, followed.
import assert from 'node:assert/strict';
import { specifiersUsed } from '../../../../src/analysis/project/import-uses';

const LIMIT = 256;

function followed(text: string): string[] {
  return specifiersUsed(text, LIMIT);
}

describe('the imports a file uses (import-uses.ts)', () => {
  it('follows an import whose binding the code calls, sends through, indexes, tags, makes or decorates with', () => {
    const uses: Record<string, string> = {
      call: `import { withRetry } from './a';\nexport const go = () => withRetry(() => fetch('/x'));\n`,
      generic: `import { withRetry } from './a';\nexport const go = () => withRetry<Order>(load);\n`,
      member: `import api from './a';\nexport const go = (order) => api.post('/orders', order);\n`,
      optional: `import { client } from './a';\nexport const go = () => client?.post('/x');\n`,
      index: `import { http } from './a';\nexport const go = (method) => http[method]('/x');\n`,
      namespace: `import * as http from './a';\nexport const go = () => http.send('/x');\n`,
      aliased: `import { retry as again } from './a';\nexport const go = () => again(load);\n`,
      made: `import { ApiClient } from './a';\nconst client = new ApiClient();\n`,
      decorator: `import { Retryable } from './a';\nclass Jobs {\n  @Retryable\n  run() {}\n}\n`,
      cast: `import { api } from './a';\nexport const go = () => (api as Client).post('/x');\n`,
      nonNull: `import { api } from './a';\nexport const go = () => api!.post('/x');\n`,
      tag: 'import { gql } from \'./a\';\nexport const query = gql`{ orders }`;\n',
      defaultAndNamed: `import api, { other } from './a';\nexport const go = () => other(1);\n`,
      multiline: `import {\n  one,\n  two,\n} from './a';\nexport const go = () => two();\n`,
      requireConst: `const api = require('./a');\nmodule.exports = () => api.post('/x');\n`,
      requireDestructured: `const { send: post } = require('./a');\nmodule.exports = () => post('/x');\n`,
      requireInExpression: `module.exports = () => require('./a').post('/x');\n`,
      dynamicImport: `export const go = async () => (await import('./a')).post('/x');\n`,
    };
    for (const [shape, text] of Object.entries(uses)) assert.deepEqual(followed(text), ['./a'], shape);
  });

  it('leaves types, side effects, re-exports and bindings only handed on or read as values', () => {
    const unused: Record<string, string> = {
      typeOnly: `import type { Client } from './a';\nexport const go = (): Client => make();\n`,
      typeElements: `import { type Client, type Options } from './a';\nexport const go = (options: Partial<Options>): Promise<Client> => make(options);\n`,
      sideEffect: `import './a';\nexport const go = () => 1;\n`,
      reExport: `export { withRetry } from './a';\nexport * from './a';\n`,
      handedOn: `import { handler } from './a';\nregister(handler);\n`,
      readAsValue: `import { LIMIT } from './a';\nexport const over = (n) => n > LIMIT;\n`,
      memberOfOther: `import { post } from './a';\nexport const go = () => client.post('/x');\n`,
      requireHandedOn: `const config = require('./a');\nmodule.exports = build(config);\n`,
    };
    for (const [shape, text] of Object.entries(unused)) assert.deepEqual(followed(text), [], shape);
  });

  it('follows a type that annotates a parameter or a field: an instance of a class handed in there may retry', () => {
    const annotated: Record<string, string> = {
      typeOnly: `import type { Client } from './a';\nexport const go = (client: Client) => client.post('/x');\n`,
      typeElements: `import { type Client, type Options } from './a';\nexport const go = (client: Client, options?: Options) => client.post('/x', options);\n`,
      parameterProperty: `import type { HttpClient } from './a';\nexport class Charges {\n  constructor(private readonly http: HttpClient) {}\n}\n`,
      field: `import { HttpClient } from './a';\nexport class Charges {\n  private http: HttpClient;\n}\n`,
    };
    for (const [shape, text] of Object.entries(annotated)) assert.deepEqual(followed(text), ['./a'], shape);
  });

  it('follows what it cannot read as an import clause', () => {
    const longList = Array.from({ length: 80 }, (_, i) => `name${i}`).join(', ');
    assert.deepEqual(followed(`import { ${longList} } from './a';\n`), ['./a'], 'a clause longer than the look back');
    assert.deepEqual(followed(`import { a, b as } from './a';\n`), ['./a'], 'a clause that does not read');
  });

  it('names each module once, and at most the limit', () => {
    const many = Array.from({ length: 300 }, (_, i) => `import { f${i} } from './m${i}';\nf${i}();\n`).join('');
    assert.equal(specifiersUsed(many, 256).length, 256);
    assert.deepEqual(followed(`import { a } from './a';\nimport { b } from './a';\na(); b();\n`), ['./a']);
  });

  it('reads a file of one long line, and a quote that never closes', () => {
    assert.deepEqual(followed(`import { a } from './a';\n${'b + '.repeat(200_000)}1;\n`), []);
    assert.deepEqual(followed(`import { a } from '${'x'.repeat(100_000)}`), []);
  });

  it('takes a name written more often than it looks at as used (a generated file), so the look stays short', () => {
    assert.deepEqual(followed(`import { a } from './a';\nexport const x = [${'a, '.repeat(10_000)}];\n`), ['./a']);
    assert.deepEqual(followed(`import { a } from './a';\nexport const x = [${'a, '.repeat(100)}];\n`), []);
  });
});
