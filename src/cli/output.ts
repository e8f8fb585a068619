// The reader of the output may go before the CLI is done: `integration-coach src | head` closes the pipe
// after ten lines, and the next write fails with EPIPE. That is no error of the scan: the CLI stops
// writing and ends with the exit code its results earned (a shell pipeline reports head's anyway, and
// under `set -o pipefail` a failing scan still fails), without a stack trace.

export function quietOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    let closed = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Writes after the first failure fail too; the first one said what happened.
      if (closed) return;
      closed = true;
      stream.destroy();
      // Any other output error (a full disk) lost the report, so the run failed.
      if (error.code !== 'EPIPE') process.exitCode = 2;
    });
  }
}
