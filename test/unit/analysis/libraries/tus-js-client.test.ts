// tus-js-client: one retry per entry of `retryDelays`, after exactly that delay, no randomness. A list
// written out is reported for its missing jitter; the default list and `null` are not.
import { tusJsClient } from '../../../../src/analysis/libraries/tus-js-client';
import { runLibraryTable } from './library-table';

describe('libraries: tus-js-client', () => {
  runLibraryTable([tusJsClient], [
    {
      title: 'a retryDelays list written out retries at fixed delays, without jitter',
      code: `import * as tus from 'tus-js-client';
export const upload = new tus.Upload(file, { endpoint: '/files', retryDelays: [0, 3000, 5000, 10000, 20000] });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['waits exactly the listed `retryDelays`'],
    },
    {
      title: 'the default list is not reported',
      code: `const { Upload } = require('tus-js-client');
const upload = new Upload(file, { endpoint: '/files', chunkSize: 5 * 1024 * 1024 });`,
      fileName: 'case.js',
      findings: [],
    },
    {
      title: 'retryDelays: null turns retrying off',
      code: `import { Upload } from 'tus-js-client';
export const upload = new Upload(file, { endpoint: '/files', retryDelays: null });`,
      findings: [],
    },
    {
      title: 'an Upload of another library is not tus',
      code: `import { Upload } from '@aws-sdk/lib-storage';
export const upload = new Upload({ client, params, retryDelays: [0, 1000] });`,
      findings: [],
    },
    {
      title: 'retryDelays kept in a local object spread into the options, with handlers added, is read there',
      code: `import * as tus from 'tus-js-client';
const options = { endpoint: 'https://uploads.example.com/files', retryDelays: [0, 3000, 5000] };
export const upload = (file: File) => new tus.Upload(file, { ...options, onError: (error) => console.error(error) });`,
      findings: [[3, 'retry-without-jitter']],
    },
  ]);
});
