// Loads a heavy module on first use instead of at activation. esbuild keeps a `require` of a bundled
// module lazy (the module body runs on the first call), where a top-level `import` would run it while
// the extension host is still activating us.
export function lazy<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
