// Bull and BullMQ job retries: `queue.add(name, data, { attempts, backoff })`, `new Queue(name, { defaultJobOptions })`.
// One attempt by default; with `attempts` and no `backoff` a failed job runs again at once. The built-in
// `fixed` and `exponential` backoffs add no jitter unless BullMQ's `backoff.jitter` is set; a custom
// backoff type is a strategy defined elsewhere, out of sight. A queue is often made in another file
// (`import { emailQueue } from './queues'`): in a file that names a `backoff`, a call
// `…Queue.add(name, data, { attempts })` on an object named for a queue is read as Bull's too, and so is a
// constant holding job options with a built-in backoff type (see hasBuiltInBackoff). A Worker's
// `settings.backoffStrategy` sizes the waits of jobs retried with a custom backoff (readBackoffStrategy).
import ts from 'typescript';
import { calleeName, findProperty, namePath, numericValue, propertyNameText, statementInList, stringValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { IOREDIS_STRATEGIES } from './ioredis';
import { fallbackValue, fileImports, hasSpreadOptions, option, resolveObject, type Site } from './option-reading';
import { readStrategies } from './strategy-options';
import { strategyBackoff, strategyFunction } from './strategy-function';

/** The calls that take job options: adding jobs, and queues created with default job options. */
const JOB_CALLS = ['add', 'addBulk', 'Queue', 'upsertJobScheduler'];
/** The option only Bull and BullMQ queues take: a `const` holding it is a queue's configuration wherever it is passed. */
const DEFAULT_JOB_OPTIONS = 'defaultJobOptions';

export const bullmq: LibrarySpec = {
  id: 'bullmq',
  title: 'Bull/BullMQ',
  docs: 'https://docs.bullmq.io/guide/retrying-failing-jobs (attempts 1; backoff fixed or exponential, jitter 0 by default)',
  modules: ['bullmq', 'bull'],
  entries: ['Queue', 'default'],
  names: [DEFAULT_JOB_OPTIONS, 'backoff'],
  options: { attempts: 'attempts', delay: 'backoff', jitter: 'jitter' },
  defaults: { retries: 0, delay: 'none', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, context) {
    const connected = readConnectionStrategies(site, context);
    const jobCall = JOB_CALLS.includes(calleeName(site) ?? '') && (fileImports(context.index, bullmq.modules) || isQueueCall(site));
    const options = jobCall ? jobOptions(site, context.index) : optionsWithBuiltInBackoff(site, context.index);
    for (const object of options) readJobOptions(object, site, context);
    return options.length > 0 || (!jobCall && connected);
  },
  recogniseFile(context) {
    for (const declarations of context.index.declarations.values()) {
      for (const declaration of declarations) {
        const object = declaration.initializer ? resolveObject(declaration.initializer, context.index) : undefined;
        const defaults = object ? option(object, DEFAULT_JOB_OPTIONS) : undefined;
        const nested = defaults ? resolveObject(defaults, context.index) : undefined;
        if (nested) readJobOptions(nested, declaration, context);
        else if (object && hasBuiltInBackoff(object, context.index)) readJobOptions(object, declaration, context);
      }
    }
  },
};

/** The classes that open a Redis connection of their own, from the `connection` option (ioredis options). */
const CONNECTING_CLASSES = ['Worker', 'Queue', 'QueueEvents', 'FlowProducer', 'QueueScheduler'];

/**
 * `new Worker(name, job, { connection: { retryStrategy: (times) => … } })`: BullMQ hands `connection` to
 * ioredis, so its `retryStrategy` is ioredis's, read as ioredis.ts reads it. True when the site is such a class.
 */
function readConnectionStrategies(site: Site, context: LibraryContext): boolean {
  if (!ts.isNewExpression(site) || !CONNECTING_CLASSES.includes(calleeName(site) ?? '') || !fileImports(context.index, bullmq.modules)) return false;
  for (const argument of site.arguments ?? []) {
    const options = resolveObject(argument, context.index);
    const connection = options ? option(options, 'connection') : undefined;
    const object = connection ? resolveObject(connection, context.index) : undefined;
    if (object) readStrategies(object, context, IOREDIS_STRATEGIES);
    if (options && calleeName(site) === 'Worker') readBackoffStrategy(options, context);
  }
  return true;
}

/**
 * `new Worker(name, processor, { settings: { backoffStrategy: (attemptsMade) => Math.min(1000 * 2 ** attemptsMade, 60000) } })`:
 * the delay of every job retried with a custom backoff. The attempts are the jobs', set where they are added (out of
 * sight here): only the delay is judged.
 */
function readBackoffStrategy(options: ts.ObjectLiteralExpression, context: LibraryContext): void {
  const settings = option(options, 'settings');
  const object = settings ? resolveObject(settings, context.index) : undefined;
  const property = object ? findProperty(object, BACKOFF_STRATEGY) : undefined;
  const value = property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isMethodDeclaration(property) ? property as unknown as ts.Expression : undefined;
  const fn = strategyFunction(value, context.index);
  if (!property || !fn || context.claimed.has(property)) return;
  context.claimed.add(property);
  context.facts.constructs.push({
    kind: 'library', label: 'worker `backoffStrategy`', report: firstLineSpan(property, context.index.sourceFile), scopes: [], rerunsScope: true,
    anchor: statementInList(property), bound: { capped: 'unknown' }, backoff: strategyBackoff(fn, BACKOFF_STRATEGY, context.index),
  });
}

/** A BullMQ worker's setting that sizes the wait of jobs retried with a custom backoff. */
const BACKOFF_STRATEGY = 'backoffStrategy';

/**
 * `export const SYNC_JOB_OPTIONS = { attempts: 12, backoff: { type: 'exponential', delay: 60_000 } }`:
 * job options kept in a constant for the queue that adds the jobs elsewhere. The built-in backoff
 * types are Bull's own words, so such a constant is Bull's job options wherever it is used.
 */
function hasBuiltInBackoff(options: ts.ObjectLiteralExpression, index: SourceIndex): boolean {
  const backoff = option(options, 'backoff');
  const object = backoff ? resolveObject(backoff, index) : undefined;
  const type = object ? stringValue(option(object, 'type')) : undefined;
  return findProperty(options, 'attempts') !== undefined && (type === 'fixed' || type === 'exponential');
}

/**
 * `queueManager.addJob('payments', 'status', data, { attempts: 10, backoff: { type: 'exponential', delay: 5000 } })`:
 * job options written in a call of a wrapper around the queue (kept in another file), read as hasBuiltInBackoff reads a constant.
 * Not in a `new Worker(…)`: a worker takes no job options, it ignores them.
 */
function optionsWithBuiltInBackoff(site: Site, index: SourceIndex): ts.ObjectLiteralExpression[] {
  if (!ts.isCallExpression(site)) return [];
  return site.arguments.filter((argument): argument is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(argument) && hasBuiltInBackoff(argument, index));
}

/** `emailQueue.add(…)`, `this.queue.add(…)`: a call on an object named for a queue. */
function isQueueCall(site: Site): boolean {
  const object = ts.isCallExpression(site) && ts.isPropertyAccessExpression(site.expression) ? namePath(site.expression.expression) : undefined;
  return object !== undefined && /queue$/i.test(object);
}

/** The job options a call passes: its object arguments, and `defaultJobOptions` inside them. */
function jobOptions(site: Site, index: SourceIndex): ts.ObjectLiteralExpression[] {
  const objects: ts.ObjectLiteralExpression[] = [];
  for (const argument of site.arguments ?? []) {
    const object = resolveObject(argument, index);
    if (!object) continue;
    const defaults = option(object, DEFAULT_JOB_OPTIONS);
    const nested = defaults ? resolveObject(defaults, index) : undefined;
    if (nested) objects.push(nested);
    else if (object.properties.some((property) => propertyNameText(property.name) === 'attempts')) objects.push(object);
  }
  return objects;
}

/** One set of job options with more than one attempt, read once. */
function readJobOptions(options: ts.ObjectLiteralExpression, owner: ts.Node, { index, facts, claimed }: LibraryContext): void {
  const property = findProperty(options, 'attempts');
  const attempts = option(options, 'attempts');
  // `attempts: process.env.JOB_MAX_ATTEMPTS || 5`: the count its configuration falls back to.
  const count = attempts === undefined ? undefined : numericValue(attempts) ?? fallbackValue(attempts, index);
  if (!property || claimed.has(property) || count === undefined || count <= 1) return;
  claimed.add(property);
  const bound: Bound = count === Infinity ? { capped: false, reason: 'infinite-option', detail: '`attempts: Infinity`' } : { capped: true, by: 'library' };
  // A spread may carry the `backoff` we cannot see.
  const backoff = option(options, 'backoff') === undefined && hasSpreadOptions(options) ? { kind: 'unknown' } as const : jobBackoff(option(options, 'backoff'), index);
  facts.constructs.push({
    kind: 'library', label: 'job `attempts`', report: firstLineSpan(property, index.sourceFile), scopes: [], rerunsScope: true,
    anchor: statementInList(owner), bound, backoff,
  });
}

function jobBackoff(backoff: ts.Expression | undefined, index: SourceIndex): Backoff {
  if (!backoff) return { kind: 'library-default', detail: 'without `backoff` a failed job runs again at once' };
  if (numericValue(backoff) !== undefined) return { kind: 'library-default', detail: 'a numeric `backoff` is a fixed delay' };
  const object = resolveObject(backoff, index);
  if (!object) return { kind: 'unknown' };
  const jitter = numericValue(option(object, 'jitter'));
  if (jitter !== undefined && jitter > 0) return { kind: 'jittered' };
  const type = stringValue(option(object, 'type'));
  if (type === 'fixed' || type === 'exponential') return { kind: 'library-default', detail: `the built-in \`${type}\` backoff adds no jitter unless \`jitter\` is set` };
  return { kind: 'unknown' };
}
