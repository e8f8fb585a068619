// A Memento in memory for the stores' tests: like VS Code's, it takes a value at once and saves it later.
import type * as vscode from 'vscode';

export class FakeMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  /** How many updates there were, and under which keys. */
  writes = 0;
  readonly keysWritten = new Set<string>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }

  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    this.writes++;
    this.keysWritten.add(key);
    return new Promise((resolve) => setTimeout(resolve, 1));
  }
}
