// The analysis worker following imports, in plain Node: a project on disk, whose client file is then
// "edited" (its unsaved text sent with the request) and "reverted" (no unsaved text: the disk again).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalysisWorkerClient } from '../../../src/editor/worker-client';
import { assertWorkerBuilt, DEFAULT_OPTIONS, recordingLog, WORKER } from './worker-helpers';

const CLIENT = `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create();
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
`;
const CART = `import { api } from './api';
export const checkout = (cart) => api.post('/orders', cart);
`;

describe('editor: analysis worker across files', function () {
  this.timeout(120_000);
  let client: AnalysisWorkerClient | undefined;
  let root = '';
  before(() => {
    assertWorkerBuilt();
    root = mkdtempSync(path.join(os.tmpdir(), 'ic-worker-project-')).replace(/\\/g, '/');
    mkdirSync(`${root}/src`);
    writeFileSync(`${root}/src/api.ts`, CLIENT);
    writeFileSync(`${root}/src/cart.ts`, CART);
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => client?.dispose());

  it('follows imports within the item\'s project root, reads unsaved texts first, and says which files it read', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log);
    const item = { fileName: `${root}/src/cart.ts`, text: CART, key: 'file:///cart.ts', projectRoot: root };
    const options = { ...DEFAULT_OPTIONS, crossFile: true };
    const rules = (results: { findings: { ruleId: string }[] }[]) => results[0]!.findings.map((finding) => finding.ruleId);

    const [fromDisk] = await client.analyze([item], options, {});
    assert.deepEqual(rules([fromDisk!]), ['missing-idempotency-key']);
    assert.deepEqual(fromDisk!.modulesRead, [`${root}/src/api.ts`]);

    const edited = { [`${root}/src/api.ts`]: CLIENT.replace('retries: 3', 'retries: 0') };
    assert.deepEqual(rules(await client.analyze([item], options, edited)), [], 'the unsaved text wins over the disk');
    assert.deepEqual(rules(await client.analyze([item], options, {})), ['missing-idempotency-key'], 'reverted: the disk again');

    // Changed on disk by something else (a checkout): read again by its modification time and size.
    writeFileSync(`${root}/src/api.ts`, `${CLIENT.replace('retries: 3', 'retries: 0')}// checked out\n`);
    assert.deepEqual(rules(await client.analyze([item], options, {})), [], 'the new text on disk');
    writeFileSync(`${root}/src/api.ts`, CLIENT);

    assert.deepEqual(rules(await client.analyze([item], { ...options, crossFile: false })), [], 'crossFile off: each file alone');
    assert.deepEqual(rules(await client.analyze([{ ...item, projectRoot: undefined }], options, {})), [], 'no project root: alone');
  });
});
