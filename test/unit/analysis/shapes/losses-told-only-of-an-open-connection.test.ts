// Events told only of a connection that was up (Paho's `onConnectionLost`): an attempt that fails is told otherwise
// (`onFailure`), so a reconnect from such a handler is one attempt per loss, bounded by the losses. Its wait is still
// judged, and a retry of failed attempts elsewhere is judged on its own. `close` is told of a failed attempt too, and
// socket.io's `disconnect` of a server that drops each client as it comes back: such a handler that reconnects with
// no cap goes on forever.
import { runLibraryTable } from '../libraries/library-table';

/** A socket.io client with a capped library reconnection, whose disconnect handler opens the socket again after `wait`. */
function socketIoClient(wait: string): string {
  return `import { io } from 'socket.io-client';
const socket = io('https://chat.example.com', { reconnectionAttempts: 5 });
socket.on('disconnect', () => {
  setTimeout(() => socket.open(), ${wait});
});
`;
}

/** A Paho client: `onFailure` (a failed connect, with no cap) and the lost-connection handler both connect again after `wait`. */
const pahoClient = (wait: string): string => `function connectBroker() {
  client = new Paho.MQTT.Client(host, port, 'dashboard');
  client.onConnectionLost = onLost;
  client.connect({
    onSuccess: subscribeAll,
    onFailure: function () {
      setTimeout(connectBroker, ${wait});
    },
  });
}
function onLost() {
  setTimeout(connectBroker, ${wait});
}
let client;
`;

describe('shapes: losses told only of an open connection', () => {
  runLibraryTable([], [
    {
      title: "socket.io's disconnect handler that opens the socket again after a fixed wait, with no cap: forever",
      code: socketIoClient('500'),
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: "Paho's onConnectionLost beside an onFailure that retries forever: the failed connect goes round forever, the lost-connection handler is one attempt per loss (its fixed wait)",
      code: pahoClient('3000'),
      fileName: 'case.js',
      findings: [[7, 'unbounded-retry'], [12, 'retry-without-jitter']],
    },
    {
      title: 'the same client with jittered waits: only the failed connect, forever (the lost-connection handler is not read as a retry forever)',
      code: pahoClient('1000 + Math.random() * 4000'),
      fileName: 'case.js',
      findings: [[7, 'unbounded-retry']],
    },
  ]);
});
