// The registry: every retrying library, client and framework the analysis knows, in the order their
// recognisers are asked (the first that claims a call wins; only libraries sharing a name, such as
// `retry`, depend on it: rxjs's operator in a pipe, then ts-retry-promise, cockatiel, async-retry and async,
// each of which checks its import or its shape). The pre-check's words are derived from here.
import { amqpConnectionManager } from './amqp-connection-manager';
import { amqpTs } from './amqp-ts';
import { asyncLibrary } from './async';
import { asyncRetry } from './async-retry';
import { axiosRetry } from './axios-retry';
import { bottleneck } from './bottleneck';
import { bullmq } from './bullmq';
import { cockatiel } from './cockatiel';
import { exponentialBackoff } from './exponential-backoff';
import { fetchEventSource } from './fetch-event-source';
import { fetchRetry } from './fetch-retry';
import { graphqlWs } from './graphql-ws';
import { got, ky } from './http-client-retry';
import { ioredis } from './ioredis';
import { kafkajs } from './kafkajs';
import { hubspotApiClient } from './hubspot-api-client';
import { lifeomicAttempt } from './lifeomic-attempt';
import { lockfile } from './lockfile';
import { makeFetchHappen } from './make-fetch-happen';
import type { LibrarySpec } from './library-spec';
import { mqtt } from './mqtt';
import { stompjs } from './stompjs';
import { tmiJs } from './tmi-js';
import { nats } from './nats';
import { nodeRedis } from './node-redis';
import { nodeRetry } from './node-retry';
import { octokitPluginRetry } from './octokit-plugin-retry';
import { octokitPluginThrottling } from './octokit-plugin-throttling';
import { ofetch } from './ofetch';
import { pRetry } from './p-retry';
import { promiseRetry } from './promise-retry';
import { reactUseWebsocket } from './react-use-websocket';
import { reconnectingWebSocket } from './reconnecting-websocket';
import { requestretry } from './requestretry';
import { rpcWebsockets } from './rpc-websockets';
import { sturdyWebSocket } from './sturdy-websocket';
import { retryAxios } from './retry-axios';
import { rxjs } from './rxjs';
import { awsSdk, openai, stripe } from './sdk-clients';
import { sieblyExchangeWebsockets } from './siebly-exchange-websockets';
import { signalR } from './signalr';
import { slackWebApi } from './slack-web-api';
import { socketIoClient } from './socket-io-client';
import { subscriptionsTransportWs } from './subscriptions-transport-ws';
import { tanstackQuery } from './tanstack-query';
import { temporal } from './temporal';
import { trpcWsClient } from './trpc-ws-client';
import { tsRetryPromise } from './ts-retry-promise';
import { tusJsClient } from './tus-js-client';
import { undici } from './undici';
import { vueuseWebSocket } from './vueuse-websocket';
import { web3WebsocketProvider } from './web3-websocket-provider';

export type { LibraryContext, LibraryDefaults, LibraryFacts, LibrarySpec } from './library-spec';
import { fromModules } from './option-reading';

export const LIBRARIES: readonly LibrarySpec[] = [
  tanstackQuery, rxjs, tsRetryPromise, cockatiel, asyncRetry, asyncLibrary, pRetry, promiseRetry, lifeomicAttempt, exponentialBackoff, axiosRetry, fetchRetry, requestretry, nodeRetry,
  got, ky, ofetch, undici, makeFetchHappen, retryAxios, octokitPluginRetry, octokitPluginThrottling, stripe, openai, awsSdk, hubspotApiClient,
  socketIoClient, reconnectingWebSocket, sturdyWebSocket, rpcWebsockets, web3WebsocketProvider, graphqlWs, subscriptionsTransportWs, trpcWsClient, ioredis, nodeRedis, signalR, bullmq, bottleneck, slackWebApi, mqtt, amqpConnectionManager, amqpTs, stompjs, tmiJs, nats, kafkajs, tusJsClient, sieblyExchangeWebsockets, fetchEventSource, reactUseWebsocket, vueuseWebSocket, lockfile, temporal,
];

/** Every module specifier of the registry: a string naming one gives a library away. */
export const LIBRARY_MODULES: ReadonlySet<string> = new Set(LIBRARIES.flatMap((library) => library.modules));

/** Every name of the registry: an identifier or quoted name equal to one gives a library away. */
export const LIBRARY_NAMES: ReadonlySet<string> = new Set(LIBRARIES.flatMap((library) => library.names));

/** The libraries a file may use: those it imports or requires, or one of whose names it holds. */
export function librariesMentionedIn(names: ReadonlySet<string>, modules: ReadonlySet<string>): readonly LibrarySpec[] {
  return LIBRARIES.filter((library) => [...modules].some((module) => fromModules(module, library.modules)) || library.names.some((name) => names.has(name)));
}

/** The package a module specifier is in: `socket.io-client` for `socket.io-client/dist/socket.io`, `@scope/name` for `@scope/name/x`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}
