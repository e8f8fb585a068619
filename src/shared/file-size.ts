// Sizes as people write them on a command line or in a configuration file: `2048`, `512k`, `2m` (k and m
// are 1,024 and 1,048,576 bytes; a trailing b is allowed).
const SIZE = /^(\d{1,9})([km]?)b?$/i;

/** The size in bytes, or undefined when the text is not a size. */
export function parseSize(size: number | string): number | undefined {
  if (typeof size === 'number') return Number.isSafeInteger(size) ? size : undefined;
  const [, digits, unit] = SIZE.exec(size.trim()) ?? [];
  if (digits === undefined) return undefined;
  return Number(digits) * (unit?.toLowerCase() === 'm' ? 1024 * 1024 : unit ? 1024 : 1);
}
