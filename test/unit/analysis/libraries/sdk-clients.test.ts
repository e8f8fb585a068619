// SDK clients retry their own requests with bounded, jittered backoff: stripe-node (one retry since v13,
// idempotency keys on POST), openai-node (two retries) and the AWS SDK v3 (three attempts). Decision: their
// defaults are silent; only an unlimited count, or a custom AWS strategy without jitter, is reported.
import assert from 'node:assert/strict';
import { awsSdk, openai, stripe } from '../../../../src/analysis/libraries/sdk-clients';
import { runLibraryTable } from './library-table';

describe('libraries: stripe, openai and the AWS SDK', () => {
  it('stripe retries once by default (maxNetworkRetries 1 since v13) and keys its POSTs itself', () => {
    assert.equal(stripe.defaults.retries, 1);
    assert.equal(stripe.defaults.addsIdempotencyKey, true);
  });

  runLibraryTable([stripe, openai, awsSdk], [
    {
      title: 'stripe with its defaults is silent, POSTs included',
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export const charge = (amount: number, customer: string) => stripe.paymentIntents.create({ amount, currency: 'eur', customer });`,
      findings: [],
    },
    {
      title: 'stripe with maxNetworkRetries: Infinity never stops',
      code: `import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_KEY!, { maxNetworkRetries: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'stripe with a higher count is silent',
      code: `import Stripe from 'stripe';
export const stripe = new Stripe(process.env.STRIPE_KEY!, { maxNetworkRetries: 3, timeout: 20_000 });`,
      findings: [],
    },
    {
      title: 'openai with its defaults is silent',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export const summarise = (text: string) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });`,
      findings: [],
    },
    {
      title: 'openai with maxRetries: Infinity never stops',
      code: `import OpenAI from 'openai';
export const client = new OpenAI({ maxRetries: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'an AWS client with its defaults is silent',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const dynamo = new DynamoDBClient({ region: 'eu-west-1' });`,
      findings: [],
    },
    {
      title: 'an AWS client with maxAttempts: Infinity never stops',
      code: `import { SQSClient } from '@aws-sdk/client-sqs';
export const sqs = new SQSClient({ region: 'eu-west-1', maxAttempts: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'an AWS ConfiguredRetryStrategy with a fixed delay has no jitter',
      code: `import { S3Client } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
export const s3 = new S3Client({ retryStrategy: new ConfiguredRetryStrategy(4, 2000) });`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'client options out of sight say nothing',
      code: `import OpenAI from 'openai';
import Stripe from 'stripe';
export const makeClients = (openaiOptions, stripeKey: string, stripeOptions) => [new OpenAI(openaiOptions), new Stripe(stripeKey, stripeOptions)];`,
      findings: [],
    },
  ]);
});
