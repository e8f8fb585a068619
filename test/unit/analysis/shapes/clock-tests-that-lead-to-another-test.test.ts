// A stream's error handler that reconnects through a `setTimeout` after refreshing an expired token
// (`const isExpired = token.exp * 1000 < Date.now(); if (isExpired) { const t = await refresh(); if (!t) return; }`): the
// clock test is a token's expiry, and its branch only leads to another test, the refresh's answer. That test stops the
// way round when the refresh fails, not at a deadline: while it works, the reconnects never end. Look-alike: a clock
// test whose branch leaves is a deadline.
import { runLibraryTable } from '../libraries/library-table';

/** A React hook whose EventSource reconnects from its error handler; `onExpiry` is what an expired token leads to. */
function streamHook(onExpiry: string): string {
  return `import { useCallback, useEffect, useRef } from 'react';
export function useStream(url: string) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const connect = useCallback(() => {
    const source = new EventSource(url);
    source.onerror = async () => {
      source.close();
      const token = getAccessToken();
      const isExpired = !token || token.exp * 1000 < Date.now();
      if (isExpired) {
        ${onExpiry}
      }
      timer.current = setTimeout(() => {
        connect();
      }, 5000);
    };
  }, [url]);
  useEffect(() => { connect(); return () => clearTimeout(timer.current); }, [connect]);
}`;
}

describe('shapes: clock tests that lead to another test', () => {
  runLibraryTable([], [
    {
      title: 'an expired token refreshed, leaving only if the refresh fails: the reconnects never end while it works',
      code: streamHook(`const fresh = await refreshAccessToken();
        if (!fresh) return;`),
      findings: [[15, 'unbounded-retry']],
    },
    {
      title: 'the same handler that gives up once the token has expired stops there: silent',
      code: streamHook('return;'),
      findings: [],
    },
    {
      title: 'a clock test whose inner test leaves on both ways (`if (…) throw e; else throw timedOut`) is a deadline: silent',
      code: streamHook(`if (token) throw new Error('expired'); else throw new Error('no token');`),
      findings: [],
    },
  ]);
});
