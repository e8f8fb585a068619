// Types for scripts/third-party-notices.mjs, which the build runs as plain JavaScript and the unit tests import.

/** esbuild's metafile `outputs`: for each output file, the inputs it holds and how many bytes of each. */
export type MetafileOutputs = Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;

/** Where the build writes the notices, relative to the project root. */
export const NOTICES_FILE: string;

/** The notices file for the bundles under dist/; throws, naming them, if a bundled package ships no licence text. */
export function thirdPartyNotices(outputs: MetafileOutputs, root: string): string;
