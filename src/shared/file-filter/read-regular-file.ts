// Reads a file only when it is a regular file and no larger than a limit, checked before reading: a FIFO
// would block the read for ever, a link to /dev/zero never ends, and a 600 MB file would be read whole
// into memory. The file is opened without blocking and checked again through its descriptor, so that it
// cannot be swapped for something else between the check and the read.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export type ReadOutcome =
  | { kind: 'read'; bytes: Buffer }
  /** A FIFO, socket, device or folder, in words ("a FIFO"). */
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; size: number }
  /** The error code (EACCES, ENOENT, …) or message. */
  | { kind: 'error'; reason: string };

/** The longest start of a file `maxBytes` needs to decide (a byte order mark). */
const HEAD_BYTES = 4;

/** Where open(2) has it: opening a FIFO then does not wait for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * @param maxBytes the most bytes the file may have, given its first bytes (its encoding may allow more).
 */
export function readRegularFile(file: string, maxBytes: (head: Uint8Array) => number): ReadOutcome {
  try {
    const before = notRegular(statSync(file));
    if (before) return before;
    const fd = openSync(file, OPEN_FLAGS);
    try {
      return readOpened(fd, maxBytes);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { kind: 'error', reason: describeError(error) };
  }
}

function readOpened(fd: number, maxBytes: (head: Uint8Array) => number): ReadOutcome {
  const stats = fstatSync(fd);
  const changed = notRegular(stats);
  if (changed) return changed;
  const head = Buffer.alloc(Math.min(HEAD_BYTES, stats.size));
  const headLength = readFully(fd, head, 0);
  const limit = maxBytes(head.subarray(0, headLength));
  if (stats.size > limit) return { kind: 'too-large', size: stats.size };
  // One byte more than the limit allows tells a file that grew since fstat.
  const bytes = Buffer.alloc(Math.min(stats.size, limit) + 1);
  head.copy(bytes, 0, 0, headLength);
  const length = readFully(fd, bytes, headLength);
  if (length > limit) return { kind: 'too-large', size: length };
  return { kind: 'read', bytes: bytes.subarray(0, length) };
}

/** Fills the buffer from `offset` on, or up to the end of the file; returns the bytes in the buffer. */
function readFully(fd: number, buffer: Buffer, offset: number): number {
  let length = offset;
  while (length < buffer.length) {
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return length;
}

function notRegular(stats: Stats): ReadOutcome | undefined {
  if (stats.isFile()) return undefined;
  return { kind: 'not-regular', what: kindOf(stats) };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** An I/O error in a word: its code (EACCES, ENOENT, …) when it has one. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
