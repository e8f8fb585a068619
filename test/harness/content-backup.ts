// A run that died while a test had the lesson content broken on purpose leaves a backup behind;
// both runners put the original back before anything starts.
import { existsSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { CONTENT_BACKUP_FILE, CONTENT_FILE } from './harness-protocol';

export function restoreLessonContent(repoRoot: string): void {
  const backup = path.join(repoRoot, CONTENT_BACKUP_FILE);
  if (!existsSync(backup)) return;
  renameSync(backup, path.join(repoRoot, CONTENT_FILE));
  console.log(`[harness] restored ${CONTENT_FILE} from a run that ended while it was broken on purpose`);
}
