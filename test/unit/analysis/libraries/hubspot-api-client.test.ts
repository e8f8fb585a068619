// @hubspot/api-client: retries are off unless `numberOfApiCallRetries` is set; then its waits grow linearly with no
// jitter (200 ms × attempt after a 5xx), read from the SDK's RetryDecorator.
import assert from 'node:assert/strict';
import { hubspotApiClient } from '../../../../src/analysis/libraries/hubspot-api-client';
import { runLibraryTable } from './library-table';

describe('libraries: @hubspot/api-client', () => {
  it('retries nothing by default, and waits without jitter when told to', () => {
    assert.equal(hubspotApiClient.defaults.retries, 0);
    assert.equal(hubspotApiClient.defaults.jitter, false);
    assert.equal(hubspotApiClient.defaults.retriesPost, true);
  });

  runLibraryTable([hubspotApiClient], [
    {
      title: 'a client with its defaults retries nothing: silent',
      code: `import hubspot from '@hubspot/api-client';
export const client = new hubspot.Client({ accessToken: process.env.HUBSPOT_TOKEN });`,
      findings: [],
    },
    {
      title: 'numberOfApiCallRetries: 5 retries five times with linear waits and no jitter',
      code: `const hubspot = require('@hubspot/api-client');
const client = new hubspot.Client({ accessToken: process.env.HUBSPOT_TOKEN, numberOfApiCallRetries: 5 });
module.exports = { client };`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['200 ms × attempt'],
    },
    {
      title: 'the named import works the same',
      code: `import { Client } from '@hubspot/api-client';
export const client = new Client({ accessToken: 'token', numberOfApiCallRetries: 3 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a count out of sight (an enum member) is left alone',
      code: `import { Client, NumberOfRetries } from '@hubspot/api-client';
export const client = new Client({ accessToken: 'token', numberOfApiCallRetries: NumberOfRetries.Six });`,
      findings: [],
    },
    {
      title: 'one attempt is no retry',
      code: `import { Client } from '@hubspot/api-client';
export const client = new Client({ accessToken: 'token', numberOfApiCallRetries: 1 });`,
      findings: [],
    },
    {
      title: 'a Client class of another package is not the HubSpot client',
      code: `import { Client } from 'pg';
export const client = new Client({ numberOfApiCallRetries: 5 });`,
      findings: [],
    },
  ]);
});
