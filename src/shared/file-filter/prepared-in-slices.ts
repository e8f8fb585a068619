// Work that is cheap to describe and costly to do (compiling thousands of patterns), done a slice at a
// time: a caller on a busy thread (the extension host) prepares a slice and yields between slices; a
// caller that does not care (the CLI) lets the first match prepare everything.

interface PendingWork {
  items: readonly string[];
  done: number;
  apply(slice: readonly string[]): void;
}

export class PreparedInSlices {
  private readonly queue: PendingWork[] = [];

  push(items: readonly string[], apply: (slice: readonly string[]) => void): void {
    if (items.length > 0) this.queue.push({ items, done: 0, apply });
  }

  /** Applies up to `count` more items, in order; true when nothing is left. */
  prepare(count: number): boolean {
    let budget = count;
    while (budget > 0 && this.queue.length > 0) {
      const work = this.queue[0]!;
      const slice = work.items.slice(work.done, work.done + budget);
      work.apply(slice);
      work.done += slice.length;
      budget -= slice.length;
      if (work.done === work.items.length) this.queue.shift();
    }
    return this.queue.length === 0;
  }

  prepareAll(): void {
    this.prepare(Number.POSITIVE_INFINITY);
  }
}
