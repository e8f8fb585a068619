// The built CLI against files that are not plain, readable, modest text files: a FIFO (reading it would
// wait for ever), a link to /dev/zero (never ends), a 600 MB sparse file (would be read whole), a socket,
// files and a folder it may not read, UTF-16 text, control characters in names. Each becomes a per-file
// notice or error, never a hang or a crash, and every other file's results are kept. Times are compared
// with a run over the plain file alone, in the same test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { controlCharactersIn, fastestInTurns, FIXTURES, json, runCli, runCliAsNonRoot, tempDir, type JsonResult } from '../cli/helpers';

const RETRY_TEXT = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');
/** The findings of retry.ts, as [rule, line, column]. */
const RETRY_FINDINGS = [['unbounded-retry', 5, 3], ['missing-idempotency-key', 7, 20]];

function findingsOf(result: JsonResult | undefined): (string | number | undefined | null)[][] {
  return (result?.messages ?? []).map((message) => [message.ruleId, message.line, message.column]);
}

function byName(results: JsonResult[]): Record<string, JsonResult> {
  return Object.fromEntries(results.map((result) => [path.basename(result.filePath), result]));
}

describe('adversarial CLI: special files', function () {
  // Each test starts the CLI several times; a busy machine makes that slow.
  this.timeout(240_000);

  describe('a FIFO, a socket, a link to /dev/zero and a 600 MB sparse file', () => {
    const dir = tempDir('ic-adv-special');
    let server: net.Server | undefined;
    before(async () => {
      writeFileSync(path.join(dir.path, 'retry.ts'), RETRY_TEXT);
      const mkfifo = spawnSync('mkfifo', [path.join(dir.path, 'fifo.ts')]);
      assert.equal(mkfifo.status, 0, `mkfifo: ${mkfifo.stderr}`);
      symlinkSync('/dev/zero', path.join(dir.path, 'zero.ts'));
      const huge = path.join(dir.path, 'huge.ts');
      writeFileSync(huge, '');
      truncateSync(huge, 600 * 1024 * 1024);
      server = net.createServer();
      await new Promise<void>((resolve) => server!.listen(path.join(dir.path, 'socket.ts'), resolve));
    });
    after(() => server?.close());

    it('gives each a notice without reading it, keeps the other results, and takes about as long as the plain file alone', () => {
      let run = runCli(['-f', 'json', '.'], { cwd: dir.path });
      const [specialMs, plainMs] = fastestInTurns(
        2,
        () => (run = runCli(['-f', 'json', '.'], { cwd: dir.path })),
        () => runCli(['-f', 'json', 'retry.ts'], { cwd: dir.path }),
      );
      assert.equal(run.status, 0, run.stderr);
      const results = byName(json(run.stdout));
      assert.deepEqual(Object.keys(results).sort(), ['fifo.ts', 'huge.ts', 'retry.ts', 'socket.ts', 'zero.ts']);
      assert.deepEqual(findingsOf(results['retry.ts']), RETRY_FINDINGS);
      const notice = (name: string) => results[name]!.messages.map((message) => [message.severity, message.fatal, message.message]);
      assert.deepEqual(notice('fifo.ts'), [[0, false, 'Not a regular file (a FIFO); not read.']]);
      assert.deepEqual(notice('socket.ts'), [[0, false, 'Not a regular file (a socket); not read.']]);
      assert.deepEqual(notice('zero.ts'), [[0, false, 'Not a regular file (a character device); not read.']]);
      assert.deepEqual(notice('huge.ts'), [[0, false, 'File is larger than the 1048576-byte limit (maxFileSizeBytes); not analysed.']]);
      assert.ok(specialMs < 10 * plainMs, `with the special files ${specialMs.toFixed(0)} ms, the plain file alone ${plainMs.toFixed(0)} ms`);
    });

    it('says the same of them when they are named on the command line', () => {
      const run = runCli(['-f', 'json', 'fifo.ts', 'zero.ts', 'huge.ts'], { cwd: dir.path });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(json(run.stdout).map((result) => result.messages[0]!.message.slice(0, 30)), [
        'Not a regular file (a FIFO); n', 'File is larger than the 104857', 'Not a regular file (a characte',
      ]);
    });
  });

  describe('files and folders the CLI may not read', () => {
    const dir = tempDir('ic-adv-unreadable');
    before(() => {
      writeFileSync(path.join(dir.path, 'retry.ts'), RETRY_TEXT);
      writeFileSync(path.join(dir.path, 'secret.ts'), RETRY_TEXT);
      chmodSync(path.join(dir.path, 'secret.ts'), 0o000);
      mkdirSync(path.join(dir.path, 'locked'));
      writeFileSync(path.join(dir.path, 'locked', 'inside.ts'), RETRY_TEXT);
      chmodSync(path.join(dir.path, 'locked'), 0o000);
    });

    it('are fatal errors of their own (exit 1) while every other file is reported', () => {
      const run = runCliAsNonRoot(['-f', 'json', '.'], dir.path);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      const results = byName(json(run.stdout));
      assert.deepEqual(findingsOf(results['retry.ts']), RETRY_FINDINGS);
      assert.deepEqual(results['secret.ts']!.messages, [{ ruleId: null, fatal: true, severity: 2, message: 'Cannot read the file: EACCES', nodeType: null }]);
      assert.equal(results['secret.ts']!.fatalErrorCount, 1);
      assert.deepEqual(results.locked!.messages.map((message) => [message.fatal, message.message]), [[true, 'Cannot read the folder: EACCES']]);
      const stylish = runCliAsNonRoot(['.'], dir.path).stdout;
      assert.match(stylish, /secret\.ts\n {2}0:0 {2}error {2}Cannot read the file: EACCES\n/);
      assert.match(stylish, /✖ 4 problems \(2 errors, 2 warnings\)/);
    });

    it('exit 2 when no file at all could be read, still saying which and why', () => {
      const run = runCliAsNonRoot(['-f', 'json', 'secret.ts'], dir.path);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, 'integration-coach: could not read any of the 1 file.\n');
      assert.equal(json(run.stdout)[0]!.messages[0]!.message, 'Cannot read the file: EACCES');
    });
  });

  describe('text encodings and names', () => {
    const dir = tempDir('ic-adv-text');
    before(() => {
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RETRY_TEXT, 'utf16le')]);
      writeFileSync(path.join(dir.path, 'utf16le.ts'), utf16le);
      writeFileSync(path.join(dir.path, 'utf16be.ts'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(RETRY_TEXT, 'utf16le').swap16()]));
      writeFileSync(path.join(dir.path, 'utf8bom.ts'), `\ufeff${RETRY_TEXT}`);
      mkdirSync(path.join(dir.path, 'esc\x1b[2J\x1b]0;title\x07'));
      writeFileSync(path.join(dir.path, 'esc\x1b[2J\x1b]0;title\x07', 'c\x9b1m.ts'), RETRY_TEXT);
    });

    it('decodes UTF-16 (either byte order) and drops a UTF-8 byte order mark: the same findings at the same places', () => {
      const run = runCli(['-f', 'json', 'utf16le.ts', 'utf16be.ts', 'utf8bom.ts'], { cwd: dir.path });
      assert.equal(run.status, 0, run.stderr);
      for (const result of json(run.stdout)) assert.deepEqual(findingsOf(result), RETRY_FINDINGS, result.filePath);
    });

    it('escapes control characters in the names it prints', () => {
      const run = runCli(['.'], { cwd: dir.path });
      assert.deepEqual(controlCharactersIn(run.stdout), [], JSON.stringify(run.stdout.slice(0, 300)));
      assert.match(run.stdout, /esc\\x1b\[2J\\x1b\]0;title\\x07\/c\\x9b1m\.ts\n/);
    });
  });
});
