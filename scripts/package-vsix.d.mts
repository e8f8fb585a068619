// Types for scripts/package-vsix.mjs, which `npm run package` runs as plain JavaScript and the unit tests import.

/** What `vsce package` and `vsce ls` are given. */
export const VSCE_OPTIONS: string[];

/** Makes the folder the .vsix is packed from (the project built for production first); returns its path. */
export function stageVsix(projectRoot: string, stageDir?: string): string;
