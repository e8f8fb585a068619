// SDK calls that send or create something each time they run: a chat message, an e-mail, an issue comment,
// an exchange order, a payment. Repeated by a retry after a lost answer, each does it again, as a POST does.
// They are known by their SDK's documented method names, and only in a file that imports that SDK: a
// `sendMessage` or `createOrder` of the file's own may do anything. Where the SDK takes a key to tell a
// repeat (`requestOptions: { idempotencyKey }` in MercadoPago), requests.ts reads it as for any keyed call.
import ts from 'typescript';
import { namePath, readOnce, rootName, unwrap } from './ast';
import type { SourceIndex } from './source-index';

export interface SdkSend {
  /** How messages name the SDK. */
  sdk: string;
  /** Where the method names were read. */
  docs: string;
  /** The file imports (or requires) one of these for its calls to count. */
  modules: readonly string[];
  /** The callee's name path (`octokit.rest.issues.createComment`), from its end. */
  calls: RegExp;
  /**
   * A client held under the SDK's own name (`context.state.twilio.messages.create`, `this.octokit.rest.issues.create`):
   * the name of the link that holds it, and the calls after it. The SDK's call even where the client was made in
   * another file and the file does not import the SDK.
   */
  heldAs?: { holder: RegExp; calls: readonly string[] };
}

export const SDK_SENDS: readonly SdkSend[] = [
  {
    sdk: 'Octokit',
    docs: 'https://octokit.github.io/rest.js/ (issues.create, issues.createComment, pulls.createReview, repos.createDispatchEvent, actions.createWorkflowDispatch …; not repos.createRelease: GitHub refuses a second release of one tag)',
    modules: ['@octokit/rest', '@octokit/core', '@octokit/action', 'octokit', '@actions/github', 'probot'],
    heldAs: { holder: /^octokit$/i, calls: ['issues.create', 'issues.createComment', 'rest.issues.create', 'rest.issues.createComment', 'pulls.createReview', 'rest.pulls.createReview'] },
    calls: /\.(?:issues\.(?:create|createComment)|pulls\.(?:createReview|createReviewComment|createReplyForReviewComment)|repos\.(?:createCommitComment|createDispatchEvent|createDeployment|createDeploymentStatus)|actions\.createWorkflowDispatch|checks\.create|gists\.create)$/,
  },
  {
    sdk: 'Slack',
    docs: 'https://api.slack.com/methods (chat.postMessage, chat.postEphemeral, chat.scheduleMessage, files.uploadV2)',
    modules: ['@slack/web-api', '@slack/bolt', '@slack/client'],
    calls: /\.(?:chat\.(?:postMessage|postEphemeral|scheduleMessage)|files\.(?:upload|uploadV2))$/,
    heldAs: { holder: /^slack(?:Client|WebClient|Web)?$/i, calls: ['chat.postMessage', 'chat.postEphemeral', 'chat.scheduleMessage'] },
  },
  {
    sdk: 'Telegram Bot API',
    docs: 'https://core.telegram.org/bots/api#available-methods (sendMessage, sendPhoto, sendDocument, forwardMessage, copyMessage …)',
    modules: ['telegraf', 'node-telegram-bot-api', 'grammy'],
    calls: /\.(?:send(?:Message|Photo|Document|Video|Audio|Animation|MediaGroup|Sticker|Voice|Location|Poll|Invoice|Dice|Contact)|forwardMessage|copyMessage)$/,
  },
  {
    sdk: 'Baileys',
    docs: 'https://www.mintlify.com/WhiskeySockets/Baileys/messaging/sending-messages (WhatsApp Web; sock.sendMessage(jid, content, options); the socket makeWASocket returns is `sock` throughout the docs)',
    modules: ['@whiskeysockets/baileys', '@adiwajshing/baileys', 'baileys'],
    calls: /\.sendMessage$/,
    heldAs: { holder: /^sock$/, calls: ['sendMessage'] },
  },
  {
    sdk: 'discord.js',
    docs: 'https://discord.js.org/docs/packages/discord.js/main/TextChannel:Class#send (send, reply, followUp)',
    modules: ['discord.js', 'eris'],
    calls: /(?:channel|message|msg|interaction|user|member|thread|webhook|dm)\w*\.(?:send|reply|followUp|createMessage)$/i,
  },
  {
    sdk: 'nodemailer',
    docs: 'https://nodemailer.com/usage/ (transporter.sendMail)',
    modules: ['nodemailer'],
    calls: /\.sendMail$/,
  },
  {
    sdk: 'SendGrid',
    docs: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail (send, sendMultiple)',
    modules: ['@sendgrid/mail'],
    calls: /^\w+\.(?:send|sendMultiple)$/,
  },
  {
    sdk: 'Resend',
    docs: 'https://resend.com/docs/api-reference/emails/send-email (emails.send, batch.send; an idempotencyKey option)',
    modules: ['resend'],
    calls: /\.(?:emails|batch)\.send$/,
    heldAs: { holder: /^resend(?:Client)?$/i, calls: ['emails.send', 'batch.send'] },
  },
  {
    sdk: 'Twilio',
    docs: 'https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource (messages.create, calls.create)',
    modules: ['twilio'],
    calls: /\.(?:messages|calls)\.create$/,
    heldAs: { holder: /^twilio(?:Client)?$/i, calls: ['messages.create', 'calls.create'] },
  },
  {
    sdk: 'ccxt',
    docs: 'https://docs.ccxt.com/#/README?id=placing-orders (createOrder, createMarketOrder, createLimitOrder …, withdraw, transfer)',
    modules: ['ccxt'],
    calls: /\.(?:create(?:Market|Limit|Stop)?(?:Buy|Sell)?Order|withdraw|transfer)$/,
  },
  {
    sdk: 'OpenAI',
    // What each call makes stays (a thread, a message in it, a run that costs tokens, a fine-tuning job); a completion,
    // a response, an embedding or an image is an answer worked out, asked for again (requests.ts reads those as reads).
    // The resource names are common (`drive.files.create`, `channel.threads.create`): the path must name the client
    // (`openai.files.create`) or go through `beta`.
    docs: 'https://platform.openai.com/docs/api-reference (beta.threads.create, threads.messages.create, threads.runs.create and .stream, assistants.create, files.create, batches.create, fineTuning.jobs.create, vectorStores.create)',
    modules: ['openai'],
    calls: /(?:(?:^|\.)openai\w*(?:\.beta)?|\.beta)\.(?:threads\.(?:create|createAndRun|createAndRunPoll|messages\.create|runs\.(?:create|createAndPoll|stream))|assistants\.create|vectorStores\.(?:create|files\.create|fileBatches\.create)|files\.create|batches\.create|uploads\.create|fineTuning\.jobs\.create)$/i,
    heldAs: { holder: /^openai$/i, calls: ['beta.threads.create', 'beta.threads.messages.create', 'beta.threads.runs.create', 'beta.threads.runs.stream', 'beta.assistants.create', 'files.create', 'batches.create', 'fineTuning.jobs.create'] },
  },
  {
    sdk: 'Razorpay',
    // A payout, a refund or a transfer made twice moves money twice. An order made twice is an unpaid intent left over, a
    // capture made twice is refused as done, and a contact or a fund account sent again with the same details comes back
    // as the one made before (Razorpay's docs): all left out. The path must name the client (`razorpay`, `rzp`, `rp`),
    // since `refunds.create` is also Stripe's and a database's.
    docs: 'https://razorpay.com/docs/api/ (payments.refund, refunds.create, transfers.create; RazorpayX payouts.create takes X-Payout-Idempotency)',
    modules: ['razorpay'],
    calls: /(?:^|\.)(?:razorpay\w*|rzp\w*|rp)\.(?:payments\.refund|refunds\.create|transfers\.create|payouts\.create)$/i,
    heldAs: { holder: /^(?:razorpay|rzp|rp)(?:Instance|Client)?$/i, calls: ['payments.refund', 'refunds.create', 'payouts.create', 'transfers.create'] },
  },
  {
    sdk: 'MercadoPago',
    // Payments, orders and refunds move money; a checkout preference or a card token made twice is only an unused copy.
    docs: 'https://github.com/mercadopago/sdk-nodejs (payment.create, order.create, paymentRefund.create; requestOptions.idempotencyKey)',
    modules: ['mercadopago'],
    calls: /(?:payment|order|refund)\w*\.create$/i,
  },
];

/** The SDK a call sends or creates through, where the file imports that SDK or holds its client under the SDK's name. */
export function sdkSendOf(call: ts.CallExpression, index: SourceIndex): SdkSend | undefined {
  const sends = importedSends(index);
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !mayNameAnSdk(callee.name.text, sends)) return undefined;
  const path = namePath(callee) ?? pathThroughCalls(callee);
  if (!path || callsOwnFunction(path, index)) return undefined;
  return sends.find((send) => send.calls.test(path)) ?? HELD_SENDS.find((send) => isHeldCall(path, send.heldAs!));
}

/** The SDKs whose clients are known by the name they are held under, imported or not. */
const HELD_SENDS = SDK_SENDS.filter((send) => send.heldAs !== undefined);
/** The methods their held calls end in: a cheap test before a call's path is read. */
const HELD_METHODS = new Set(HELD_SENDS.flatMap((send) => send.heldAs!.calls.map((call) => call.slice(call.lastIndexOf('.') + 1))));

function mayNameAnSdk(method: string, imported: readonly SdkSend[]): boolean {
  return imported.length > 0 || HELD_METHODS.has(method);
}

/** `context.state.twilio.messages.create`: one of the calls, right after a link named for the SDK. */
function isHeldCall(path: string, heldAs: NonNullable<SdkSend['heldAs']>): boolean {
  return heldAs.calls.some((call) => {
    if (!path.endsWith(`.${call}`)) return false;
    const links = path.slice(0, -call.length - 1).split('.');
    return heldAs.holder.test(links[links.length - 1]!);
  });
}

/**
 * `this.sendMail(…)`, `that.sendMessage(…)` where the file defines `sendMail`: the file's own method (which may
 * wrap the SDK's, and retry it), not the SDK's. `this.transporter.sendMail(…)` reaches into another object, and
 * `exchange.createOrder(…)` is the SDK's even beside a method of that name.
 */
function callsOwnFunction(path: string, index: SourceIndex): boolean {
  const parts = path.split('.');
  return parts.length === 2 && OWN_INSTANCE.test(parts[0]!) && index.functions.has(parts[1]!);
}

/** The names code gives the instance it runs in: `this`, and the copies kept for callbacks (`const that = this`). */
const OWN_INSTANCE = /^(?:this|that|self|_this|_self|me)$/;

/**
 * Links an SDK's call path runs through at most (`getOctokit(token).rest.issues.createComment` has six). A longer
 * chain (`fetch(u).then(…).catch(…)…` a thousand times) is not an SDK's path, and walking it from each of its
 * calls would take time in the square of its length.
 */
const MAX_PATH_LINKS = 12;

/** `getOctokit(token).rest.issues.createComment`, `ctx.telegram.sendMessage`: the path with calls read as their callee. */
function pathThroughCalls(callee: ts.PropertyAccessExpression): string | undefined {
  const names: string[] = [];
  let node: ts.Expression = callee;
  for (let links = 0; ts.isPropertyAccessExpression(node) || ts.isCallExpression(node); links++) {
    if (links === MAX_PATH_LINKS) return undefined;
    if (ts.isPropertyAccessExpression(node)) names.unshift(node.name.text);
    node = unwrap(node.expression);
  }
  const root = rootName(node) ?? (node.kind === ts.SyntaxKind.ThisKeyword ? 'this' : undefined);
  return root === undefined ? undefined : [root, ...names].join('.');
}

const importedSendsCache = new WeakMap<SourceIndex, readonly SdkSend[]>();

/** The SDKs the file imports (a module or one of its subpaths), read once per file. */
function importedSends(index: SourceIndex): readonly SdkSend[] {
  return readOnce(importedSendsCache, index, () => {
    const imported = [...new Set([...index.imports.values()].map((value) => value.split('#')[0]!))];
    const importsModule = (module: string) => imported.some((name) => name === module || name.startsWith(`${module}/`));
    return SDK_SENDS.filter((send) => send.modules.some(importsModule));
  });
}
