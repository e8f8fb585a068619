// @hubspot/api-client: `new hubspot.Client({ accessToken, numberOfApiCallRetries })`. Off by default (0); with a count
// of 1 to 6 its RetryDecorator makes at most that many attempts of every API call, POST included, after a 5xx (waiting
// 200 ms times the attempt number) or a rolling-window 429 (10 s times it): linear waits, no jitter, no idempotency key.
import ts from 'typescript';
import { calleeName, numericValue, rootName } from '../ast';
import type { LibrarySpec } from './library-spec';
import { libraryConstruct, moduleOf, option, optionsAt } from './option-reading';
import { nodeText } from '../run-context';

/** The option that turns the retries on (0 to 6 attempts). */
const RETRIES_OPTION = 'numberOfApiCallRetries';

export const hubspotApiClient: LibrarySpec = {
  id: '@hubspot/api-client',
  title: 'HubSpot API client',
  docs: 'https://github.com/HubSpot/hubspot-api-nodejs#usage (numberOfApiCallRetries 0 to 6, off by default; src/services/decorators/RetryDecorator.ts: 200 ms × attempt after a 5xx, 10 s × attempt after a 429)',
  modules: ['@hubspot/api-client'],
  entries: ['Client'],
  names: [RETRIES_OPTION],
  options: { attempts: RETRIES_OPTION },
  defaults: { retries: 0, delay: '200 ms × attempt after a 5xx, 10 s × attempt after a 429', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'Client') return false;
    const root = rootName(site.expression);
    if (!root || moduleOf(index, root) !== '@hubspot/api-client') return false;
    const options = optionsAt(site, 0, index);
    const count = options === 'absent' || options === 'opaque' ? undefined : option(options, RETRIES_OPTION);
    const attempts = count ? numericValue(count) : undefined;
    // Off unless the count is written out; a count out of sight (an enum member, a setting) says nothing of it.
    if (attempts === undefined || attempts < 2) return true;
    const detail = `the HubSpot client waits ${hubspotApiClient.defaults.delay}, the same for every client`;
    const label = `HubSpot \`Client\` with \`${RETRIES_OPTION}: ${nodeText(count!)}\``;
    facts.constructs.push(libraryConstruct(site, 'library', label, index, { capped: true, by: 'library' }, { kind: 'library-default', detail }, []));
    return true;
  },
};
