// Bytes read from disk → text, as editors do: a byte order mark says UTF-16 (little or big endian) or
// UTF-8 and is dropped; anything else is UTF-8 (bad sequences become U+FFFD rather than failing).

/** The byte order marks a file may start with, and the encoding each one means. */
const BYTE_ORDER_MARKS: readonly { bytes: readonly number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

export function encodingOf(bytes: Uint8Array): string {
  const mark = BYTE_ORDER_MARKS.find(({ bytes: mark }) => mark.every((byte, i) => bytes[i] === byte));
  return mark?.encoding ?? 'utf-8';
}

/** The text of the bytes, without its byte order mark (TextDecoder drops the mark of its own encoding). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(encodingOf(bytes)).decode(bytes);
}

/**
 * How many bytes on disk a text of `textBytes` UTF-8 bytes can take at most in the file's encoding: a
 * UTF-16 file takes two bytes for each character that UTF-8 writes in one. Used to refuse a file over
 * the size limit before reading it.
 */
export function maxBytesOnDisk(textBytes: number, encoding: string): number {
  return encoding === 'utf-8' ? textBytes + 3 : 2 * textBytes + 2;
}
