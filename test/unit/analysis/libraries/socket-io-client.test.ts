// socket.io-client reconnects by default without limit (`reconnectionAttempts: Infinity`), with randomised
// waits (`randomizationFactor: 0.5`). Decision: that default is reported as unbounded.
import { socketIoClient } from '../../../../src/analysis/libraries/socket-io-client';
import { runLibraryTable } from './library-table';

describe('libraries: socket.io-client', () => {
  runLibraryTable([socketIoClient], [
    {
      title: 'the default entry called where it is required (`require(\'socket.io-client\')(url)`): reconnects forever',
      code: `const socket = require('socket.io-client')('http://localhost:3000');
socket.on('connect', () => console.log('connected'));`,
      findings: [[1, 'unbounded-retry']],
    },
    {
      title: 'the same with a cap: silent',
      code: `const socket = require('socket.io-client')('http://localhost:3000', { reconnectionAttempts: 5 });`,
      findings: [],
    },
    {
      title: 'the defaults reconnect without limit',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com');`,
      findings: [[2, 'unbounded-retry']],
      messages: ['socket.io-client reconnects without limit unless `reconnectionAttempts` is set'],
    },
    {
      title: 'a file inside the package (its browser bundle, required) is the library; a misspelt reconnectionAttempt leaves the default',
      code: `const io = require('socket.io-client/dist/socket.io');
export const socket = io(process.env.SOCKET_URL + '/session', { autoConnect: false, reconnectionAttempt: 5 });`,
      fileName: 'session.js',
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'reconnectionAttempts with the default randomisation is silent',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { reconnectionAttempts: 5 });`,
      findings: [],
    },
    {
      title: 'reconnectionAttempts: Infinity written out never stops',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { reconnectionAttempts: Infinity, reconnectionDelayMax: 10_000 });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'io imported under a name of the file\'s own is still io',
      code: `import { io as socketClient } from 'socket.io-client';
export const socket = socketClient('https://chat.example.com', { reconnectionAttempts: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'the default export under any name is io',
      code: `import openSocket from 'socket.io-client';
export const socket = openSocket('https://chat.example.com', { transports: ['websocket'] });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a function of the file\'s own that happens to be called like the alias is not io',
      code: `import { io as socketClient } from 'socket.io-client';
function openSocket(url: string) { return { url, reconnectionAttempts: Infinity }; }
export const socket = openSocket('https://chat.example.com');`,
      findings: [],
    },
    {
      title: 'reconnection: false turns reconnecting off',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { reconnection: false });`,
      findings: [],
    },
    {
      title: 'randomizationFactor: 0 takes the jitter away',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { reconnectionAttempts: 5, randomizationFactor: 0 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['`randomizationFactor: 0`'],
    },
    {
      title: 'a Manager is read like io()',
      code: `import { Manager } from 'socket.io-client';
export const manager = new Manager('https://chat.example.com', { autoConnect: false });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { io } from 'socket.io-client';
export const connect = (url: string, options) => io(url, options);`,
      findings: [],
    },
    {
      title: 'options spread from elsewhere may set the attempts: silent',
      code: `import { io } from 'socket.io-client';
import { socketDefaults } from './config';
export const socket = io('https://chat.example.com', { ...socketDefaults, transports: ['websocket'] });`,
      findings: [],
    },
    {
      title: 'a connect_error handler that disconnects after some failures stops the reconnection itself: silent',
      code: `import socketIO from 'socket.io-client';
export function open(url: string) {
  let failures = 0;
  const socket = socketIO.connect(url, { transports: ['websocket'] });
  socket.on('connect_error', () => {
    if (failures > 3) socket.disconnect();
    else failures++;
  });
  return socket;
}`,
      findings: [],
    },
    {
      title: 'a connect_error handler that only logs stops nothing',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { transports: ['websocket'] });
socket.on('connect_error', (err) => console.warn('socket error', err));`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'namespaces of a server connected to earlier share its Manager and its capped reconnection: silent',
      code: `import { io } from 'socket.io-client';
const BASE_URL = 'https://chat.example.com';
export const socket = io(BASE_URL, { reconnectionAttempts: 10, autoConnect: false });
export const rooms = io(BASE_URL + '/rooms', { autoConnect: false });
export const lobby = io(\`\${BASE_URL}/lobby\`);`,
      findings: [],
    },
    {
      title: 'a namespace that asks for its own Manager (forceNew) reconnects by its own options',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com', { reconnectionAttempts: 10 });
export const rooms = io('https://chat.example.com/rooms', { forceNew: true });`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'the shared Manager of an uncapped first connection is reported once, where it is made',
      code: `import { io } from 'socket.io-client';
export const socket = io('https://chat.example.com');
export const rooms = io('https://chat.example.com/rooms');`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'the global io of a page script, called with no options, reconnects without limit',
      code: `var socket = io.connect('http://localhost:3000');
socket.on('message', function (data) { render(data); });`,
      fileName: 'public/javascripts/chat.js',
      findings: [[1, 'unbounded-retry']],
    },
    {
      title: 'the global io called as a function with a transport option keeps the default',
      code: `const socket = io({ transports: ['websocket'] });
socket.on('connect', () => console.log('connected'));`,
      fileName: 'public/main.js',
      findings: [[1, 'unbounded-retry']],
    },
    {
      title: 'the global io with a cap is silent',
      code: `const socket = io('/game', { reconnectionAttempts: 5 });`,
      fileName: 'public/game.js',
      findings: [],
    },
    {
      title: 'a server io made in the file is no client',
      code: `const io = require('socket.io')(server);
io.on('connection', (socket) => socket.emit('hello'));
const client = io.of('/admin');`,
      fileName: 'server.js',
      findings: [],
    },
    {
      title: 'a global io used as a server (only its members, never called) is no client',
      code: `io.on('connection', (socket) => socket.emit('hello'));
io.emit('tick', Date.now());`,
      fileName: 'sockets/handlers.js',
      findings: [],
    },
    {
      title: 'some other object\'s connect is not the global io',
      code: `const socket = window.io ? null : mqttLike.connect('ws://broker');`,
      fileName: 'public/app.js',
      findings: [],
    },
  ]);
});
