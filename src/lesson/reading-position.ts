// Where the reader was in the lesson (the part last reported in view), for the panel that comes back
// after a window reload. It lives in a small file the extension host writes itself, not in workspaceState
// or the webview's own state: the workbench saves those lazily, and a browser (code-server, VS Code for
// the Web) drops a write still pending when the page reloads, so the revived panel never learned where
// the reader was. The file is on disk as soon as the write ends, whatever the window does next.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { checkToExtension } from './messages';

const FILE_NAME = 'lesson-reading-position.json';

export interface ReadingPosition {
  /** The part of the lesson last in view, if one was stored and is a well-formed id. */
  get(): string | undefined;
  set(sectionId: string): void;
}

/** A section id as the `sectionInView` message allows it (the one definition of a well-formed id). */
function wellFormed(value: unknown): value is string {
  return checkToExtension({ type: 'sectionInView', sectionId: value }).ok;
}

/**
 * The position in a file of the extension's workspace storage (its global storage without a workspace).
 * Writes are synchronous: a few dozen bytes, at most once per section the reader scrolls past, and a
 * write that has returned survives any reload.
 */
export function readingPosition(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ReadingPosition {
  const folder = (context.storageUri ?? context.globalStorageUri).fsPath;
  const file = path.join(folder, FILE_NAME);
  let latest: string | undefined;
  let failedWrites = 0;
  return {
    get() {
      if (latest !== undefined) return latest;
      try {
        const stored: unknown = (JSON.parse(readFileSync(file, 'utf8')) as { sectionId?: unknown }).sectionId;
        return wellFormed(stored) ? stored : undefined;
      } catch {
        // None stored yet, or unreadable: the panel opens at the top.
        return undefined;
      }
    },
    set(sectionId) {
      if (sectionId === latest) return;
      latest = sectionId;
      try {
        mkdirSync(folder, { recursive: true });
        // Written aside and renamed, so a reload mid-write leaves the previous position, not half of one.
        writeFileSync(`${file}.partial`, JSON.stringify({ sectionId }));
        renameSync(`${file}.partial`, file);
      } catch (error) {
        // Logged once: the position is a convenience, and the reader scrolls on regardless.
        if (failedWrites++ === 0) log.warn(`Could not store the lesson's reading position in ${file}: ${String(error)}`);
      }
    },
  };
}
