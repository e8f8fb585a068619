// SignalR: `withAutomaticReconnect()` reconnects after 0, 2, 10 and 30 s, then stops: bounded, no jitter.
// Without it the client does not reconnect; a policy object stops when it returns null.
import { signalR } from '../../../../src/analysis/libraries/signalr';
import { runLibraryTable } from './library-table';

describe('libraries: @microsoft/signalr', () => {
  runLibraryTable([signalR], [
    {
      title: 'the default delays (0, 2, 10, 30 s) are bounded but have no jitter',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
export const hub = new HubConnectionBuilder().withUrl('/hubs/chat').withAutomaticReconnect().build();`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["SignalR's default reconnect delays are 0, 2, 10 and 30 s"],
    },
    {
      title: 'a fixed list of delays has no jitter',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
export const hub = new HubConnectionBuilder().withUrl('/hubs/chat').withAutomaticReconnect([0, 1000, 5000]).build();`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'no withAutomaticReconnect: no reconnecting, silent',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
export const hub = new HubConnectionBuilder().withUrl('/hubs/chat').build();`,
      findings: [],
    },
    {
      title: 'a policy that gives up after a minute and randomises is silent',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
export const hub = new HubConnectionBuilder()
  .withUrl('/hubs/chat')
  .withAutomaticReconnect({
    nextRetryDelayInMilliseconds: (context) => (context.elapsedMilliseconds < 60_000 ? Math.random() * 10_000 : null),
  })
  .build();`,
      findings: [],
    },
    {
      title: 'a policy that always returns a delay reconnects forever',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
export const hub = new HubConnectionBuilder()
  .withUrl('/hubs/chat')
  .withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 2000 + Math.random() * 3000 })
  .build();`,
      // A chained call is reported on the line of its name.
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: 'a policy out of sight says nothing',
      code: `import { HubConnectionBuilder } from '@microsoft/signalr';
import { reconnectPolicy } from './reconnect-policy';
export const hub = new HubConnectionBuilder().withUrl('/hubs/chat').withAutomaticReconnect(reconnectPolicy).build();`,
      findings: [],
    },
    {
      title: 'a policy class (written apart from the builder) with a cap and a linear delay has no jitter',
      code: `import { IRetryPolicy, RetryContext } from '@microsoft/signalr';
export class LinearPolicy implements IRetryPolicy {
  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    if (context.previousRetryCount === 10) return null;
    return context.previousRetryCount * 1000;
  }
}`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a policy class with a random delay is fine',
      code: `import { IRetryPolicy, RetryContext } from '@microsoft/signalr';
export class JitteredPolicy implements IRetryPolicy {
  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    if (context.elapsedMilliseconds > 60_000) return null;
    return Math.random() * 10_000;
  }
}`,
      findings: [],
    },
    {
      title: 'a policy class that never returns null reconnects forever',
      code: `import { IRetryPolicy } from '@microsoft/signalr';
export class ForeverPolicy implements IRetryPolicy {
  nextRetryDelayInMilliseconds(): number {
    return 5000;
  }
}`,
      findings: [[3, 'unbounded-retry']],
    },
  ]);
});
