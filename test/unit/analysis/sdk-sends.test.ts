// Each SDK whose sends are known (src/analysis/sdk-sends.ts) has a case where a retry repeats one of them and it
// is reported, and a look-alike that stays silent: a read of the same SDK, or the same method name in a file that
// does not import the SDK. A key handed to an SDK that takes one is read.
import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis';
import { SDK_SENDS } from '../../../src/analysis/sdk-sends';
import { runLibraryTable } from './libraries/library-table';

/** A file that imports `module` as `binding` and sends `call` once through p-retry, with full jitter. */
function retriedThrough(importLine: string, setup: string, call: string): string {
  return `${importLine}
import pRetry from 'p-retry';
${setup}
export async function deliver(input: any) {
  return pRetry(() => ${call}, { retries: 3, randomize: true });
}`;
}

describe('SDK sends: known SDK calls that send or create, repeated by a retry', () => {
  it('every SDK states its modules, where its method names were read, and a pattern for its calls', () => {
    for (const send of SDK_SENDS) {
      assert.ok(send.modules.length > 0, `${send.sdk}: the file must import one of its modules`);
      assert.match(send.docs, /^https:\/\//, `${send.sdk}: docs`);
    }
  });

  runLibraryTable([], [
    {
      title: 'Octokit: an issue comment created in a retry is reported, with the SDK named',
      code: retriedThrough("import { Octokit } from '@octokit/rest';", "const octokit = new Octokit();", 'octokit.rest.issues.createComment(input)'),
      findings: [[5, 'missing-idempotency-key']],
      messages: ['This Octokit call `octokit.rest.issues.createComment(…)` is retried with no key to recognise a repeat.'],
    },
    {
      title: 'Octokit through @actions/github: the client made by getOctokit() in the call chain',
      code: retriedThrough("import * as github from '@actions/github';", '', 'github.getOctokit(input.token).rest.actions.createWorkflowDispatch(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'Octokit: a read in a retry is silent',
      code: retriedThrough("import { Octokit } from '@octokit/rest';", "const octokit = new Octokit();", 'octokit.rest.issues.get(input)'),
      findings: [],
    },
    {
      title: 'Slack: chat.postMessage in a retry is reported',
      code: retriedThrough("import { WebClient } from '@slack/web-api';", "const slack = new WebClient('token');", 'slack.chat.postMessage(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'Telegram through Telegraf: sendMessage in a retry is reported',
      code: retriedThrough("import { Telegraf } from 'telegraf';", "const bot = new Telegraf('token');", 'bot.telegram.sendMessage(input.chat, input.text)'),
      findings: [[5, 'missing-idempotency-key']],
      messages: ['This Telegram Bot API call'],
    },
    {
      title: 'a sendMessage of the file\'s own, in a file that imports no Telegram SDK: silent',
      code: retriedThrough('', "const bot = { telegram: { sendMessage: async (chat: number, text: string) => console.log(chat, text) } };", 'bot.telegram.sendMessage(input.chat, input.text)'),
      findings: [],
    },
    {
      title: 'Baileys: sock.sendMessage in a retry is reported',
      code: retriedThrough("import makeWASocket from '@whiskeysockets/baileys';", 'const sock = makeWASocket({});', 'sock.sendMessage(input.jid, { text: input.text })'),
      findings: [[5, 'missing-idempotency-key']],
      messages: ['This Baileys call'],
    },
    {
      title: 'Baileys: the socket held as `sock` in a file that does not import it (handed in) is known by its name',
      code: retriedThrough('', '', 'input.sock.sendMessage(input.jid, { text: input.text })'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a sendMessage on another object, in a file that imports no WhatsApp SDK: silent',
      code: retriedThrough('', '', 'input.worker.sendMessage(input.jid, { text: input.text })'),
      findings: [],
    },
    {
      title: 'discord.js: channel.send in a retry is reported',
      code: retriedThrough("import { Client } from 'discord.js';", 'const client = new Client({ intents: [] });', 'input.channel.send(input.text)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'discord.js: a send on something that is not a channel, message or user (a socket) is silent',
      code: retriedThrough("import { Client } from 'discord.js';", 'const client = new Client({ intents: [] });', 'input.socket.send(input.text)'),
      findings: [],
    },
    {
      title: 'nodemailer: sendMail in a retry is reported',
      code: retriedThrough("import nodemailer from 'nodemailer';", "const transporter = nodemailer.createTransport({ host: 'smtp.example.test' });", 'transporter.sendMail(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'SendGrid: sgMail.send in a retry is reported',
      code: retriedThrough("import sgMail from '@sendgrid/mail';", '', 'sgMail.send(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'Resend: emails.send in a retry is reported',
      code: retriedThrough("import { Resend } from 'resend';", "const resend = new Resend('key');", 'resend.emails.send(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'Twilio: messages.create in a retry is reported',
      code: retriedThrough("import twilio from 'twilio';", "const client = twilio('sid', 'token');", 'client.messages.create(input)'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'ccxt: createOrder in a retry is reported, fetchBalance is not',
      code: retriedThrough("import ccxt from 'ccxt';", 'const exchange = new ccxt.binance();', "exchange.createOrder('BTC/USDT', 'market', 'buy', 1)")
        + "\nexport const balance = () => pRetry(() => exchange.fetchBalance(), { retries: 3, randomize: true });",
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'OpenAI: a thread message created in a retry is reported; a chat completion, an answer asked for again, is not',
      code: retriedThrough("import OpenAI from 'openai';", 'const openai = new OpenAI();', "openai.beta.threads.messages.create(input.threadId, { role: 'user', content: input.text })")
        + "\nexport const answer = (messages) => pRetry(() => openai.chat.completions.create({ model: 'gpt-4o', messages }), { retries: 3, randomize: true });",
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'OpenAI: a run started from a client made by a local function, repeated by a local helper, is reported',
      code: `import OpenAI from 'openai';
const client = (key) => new OpenAI({ apiKey: key });
async function withRetry(fn, retries = 3) {
  for (let attempt = 0; ; attempt++) {
    try { return await fn(); } catch (error) {
      if (attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** attempt));
    }
  }
}
export async function startRun(key, threadId, assistantId) {
  const openai = client(key);
  return withRetry(() => openai.beta.threads.runs.create(threadId, { assistant_id: assistantId }));
}`,
      findings: [[13, 'missing-idempotency-key']],
    },
    {
      title: 'Razorpay: a payout made in a retry is reported (named through a cast as its path); a contact, returned as the one made before, and an order, an unpaid intent, are not',
      code: retriedThrough("import Razorpay from 'razorpay';", "const rp = new Razorpay({ key_id: 'id', key_secret: 'secret' });", '(rp as unknown as Payouts).payouts.create({ amount: input.amount, fund_account_id: input.account })')
        + "\nexport const contact = (input: any) => pRetry(() => rp.contacts.create({ name: input.name }), { retries: 3, randomize: true });"
        + "\nexport const order = (input: any) => pRetry(() => rp.orders.create({ amount: input.amount, receipt: input.id }), { retries: 3, randomize: true });",
      findings: [[5, 'missing-idempotency-key']],
      messages: ['This Razorpay call `rp.payouts.create(…)` is retried with no key to recognise a repeat.'],
    },
    {
      title: 'Razorpay imported beside Stripe: a Stripe refund stays Stripe\'s, and a database\'s create is nobody\'s',
      code: `import Razorpay from 'razorpay';
import Stripe from 'stripe';
import pRetry from 'p-retry';
const stripe = new Stripe('sk');
export const refund = (input: any) => pRetry(() => stripe.refunds.create({ payment_intent: input.id }), { retries: 3, randomize: true });
export const save = (input: any) => pRetry(() => db.refunds.create({ data: input }), { retries: 3, randomize: true });`,
      findings: [[5, 'missing-idempotency-key']],
      messages: ['This Stripe call `stripe.refunds.create(…)`'],
    },
    {
      title: 'OpenAI imported beside other SDKs: a Drive file or a Discord thread made in a retry is not an OpenAI call',
      code: `import OpenAI from 'openai';
import pRetry from 'p-retry';
export const upload = (drive: any, input: any) => pRetry(() => drive.files.create({ requestBody: input }), { retries: 3, randomize: true });
export const open = (channel: any, input: any) => pRetry(() => channel.threads.create({ name: input.name }), { retries: 3, randomize: true });`,
      findings: [],
    },
    {
      title: 'MercadoPago: payment.create without a key is reported',
      code: retriedThrough("import { MercadoPagoConfig, Payment } from 'mercadopago';", "const payment = new Payment(new MercadoPagoConfig({ accessToken: 'token' }));", 'payment.create({ body: input })'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'MercadoPago: payment.create handed requestOptions.idempotencyKey made before the retry is silent',
      code: retriedThrough("import { MercadoPagoConfig, Payment } from 'mercadopago';", "const payment = new Payment(new MercadoPagoConfig({ accessToken: 'token' }));",
        'payment.create({ body: input, requestOptions: { idempotencyKey: input.orderId } })'),
      findings: [],
    },
    {
      title: 'MercadoPago: a checkout preference made twice is an unused copy, not a second charge: silent',
      code: retriedThrough("import { MercadoPagoConfig, Preference } from 'mercadopago';", "const preference = new Preference(new MercadoPagoConfig({ accessToken: 'token' }));", 'preference.create({ body: input })'),
      findings: [],
    },
    {
      title: 'Octokit: a release, which GitHub refuses to make twice for one tag, is silent',
      code: retriedThrough("import { Octokit } from '@octokit/rest';", "const octokit = new Octokit();", 'octokit.rest.repos.createRelease(input)'),
      findings: [],
    },
    {
      title: "a class's own method named like an SDK send is not the SDK's: only the transporter's send is reported",
      code: `import nodemailer from 'nodemailer';
export class Mailer {
  private transporter = nodemailer.createTransport({});
  sendMail(mail: any, attempt = 0): Promise<unknown> {
    return this.transporter.sendMail(mail).catch((error: Error) => {
      if (attempt >= 3) throw error;
      return new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt * Math.random())).then(() => this.sendMail(mail, attempt + 1));
    });
  }
}`,
      findings: [[5, 'missing-idempotency-key']],
      messages: ['`this.transporter.sendMail(…)`'],
    },
    {
      title: 'a client held under its SDK\'s name, made in another file: Twilio\'s messages.create, Octokit\'s issues.create',
      code: retriedThrough("import type { Context } from './context';", 'declare const context: Context;', 'context.state.twilio.messages.create(input)')
        + "\nexport const open = (client: any, input: any) => pRetry(() => client.octokit.rest.issues.create(input), { retries: 3, randomize: true });",
      findings: [[5, 'missing-idempotency-key'], [7, 'missing-idempotency-key']],
      messages: ['This Twilio call `context.state.twilio.messages.create(…)`', 'This Octokit call'],
    },
    {
      title: 'look-alike: the same method names on a holder not named for the SDK, in a file that does not import it',
      code: retriedThrough("import { db } from './db';", '', 'db.messages.create(input)')
        + "\nexport const open = (client: any, input: any) => pRetry(() => client.github.issues.create(input), { retries: 3, randomize: true });",
      findings: [],
    },
    {
      title: 'a send made while a socket is up, in code a reconnect runs again: the connection is retried, not the send: silent',
      code: `import { Client } from 'discord.js';
const client = new Client({ intents: [] });
let attempts = 0;
export function connect(channel: any): void {
  const socket = new WebSocket('wss://relay.example.test');
  socket.addEventListener('open', () => { attempts = 0; channel.send('relay connected'); });
  socket.addEventListener('close', () => {
    if (attempts++ < 5) setTimeout(() => connect(channel), 1000 * 2 ** attempts * Math.random());
  });
}`,
      findings: [],
    },
  ]);

  it('an SDK send that no retry repeats is not reported, even where unretried requests are', () => {
    const code = "import nodemailer from 'nodemailer';\nconst transporter = nodemailer.createTransport({});\nexport const send = (mail: any) => transporter.sendMail(mail);";
    assert.deepEqual(analyze(code, 'case.ts', { flagUnretriedRequests: true }).map((finding) => finding.ruleId), []);
  });
});
