// MQTT.js: reconnects after every lost connection, `reconnectPeriod` (1000 ms) apart, with no limit;
// `reconnectPeriod: 0` turns it off. The default is reported as unbounded with a fixed wait.
import { mqtt } from '../../../../src/analysis/libraries/mqtt';
import { runLibraryTable } from './library-table';

describe('libraries: mqtt (MQTT.js)', () => {
  runLibraryTable([mqtt], [
    {
      title: 'the default reconnects forever, a fixed 1 s apart',
      code: `import mqtt from 'mqtt';
export const client = mqtt.connect('mqtt://broker.example.com');`,
      findings: [[2, 'unbounded-retry']],
      messages: ['MQTT.js waits the same `reconnectPeriod` (1000 ms) before every reconnect'],
    },
    {
      title: 'a reconnectPeriod set is still a fixed wait, without limit',
      code: `const { connect } = require('mqtt');
const client = connect(process.env.MQTT_URL, { reconnectPeriod: 5000, clientId: 'sensor-1' });`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
      messages: ['(5000 ms)'],
    },
    {
      title: 'reconnectPeriod: 0 turns reconnecting off',
      code: `import mqtt from 'mqtt';
export const client = mqtt.connect('mqtt://broker.example.com', { reconnectPeriod: 0 });`,
      findings: [],
    },
    {
      title: 'a client the file ends when it goes offline is stopped by the app',
      code: `import mqtt from 'mqtt';
export const client = mqtt.connect('mqtt://broker.example.com');
let failures = 0;
client.on('offline', () => { if (++failures > 5) client.end(); });`,
      findings: [],
    },
    {
      title: 'a client the file ends on an error still reconnects on other losses, a fixed reconnectPeriod apart (a product of literals): its waits lack jitter',
      code: `import mqtt from 'mqtt';
export const client = mqtt.connect('mqtt://broker.example.com', { reconnectPeriod: 3 * 1000 });
client.on('error', (error) => {
  console.error(error);
  client.end();
});`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a reconnectPeriod read from settings with a fallback (`|| 2000`, never 0) is still the same wait each time, without limit',
      code: `import mqtt from 'mqtt';
export const open = (config) => mqtt.connect(config.url, { reconnectPeriod: config.reconnectInterval || 2000 });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['(2000 ms unless configured)'],
    },
    {
      title: 'a reconnectPeriod read from settings with no fallback (it may be 0, reconnecting off): silent',
      code: `import mqtt from 'mqtt';
export const open = (config) => mqtt.connect(config.url, { reconnectPeriod: config.reconnectInterval });`,
      findings: [],
    },
    {
      title: "an error handler given by name (a prototype method) that ends the client after a count stops it; the fixed period still lacks jitter",
      code: `var mqtt = require('mqtt');
function Device(config) {
  this.client = mqtt.connect('mqtt://' + config.host, { reconnectPeriod: config.reconnectInterval || 2000 });
  this.client.on('error', this.onMqttError.bind(this));
  this.errors = 0;
}
Device.prototype.onMqttError = function (err) {
  if (++this.errors >= 10) this.client.end();
};`,
      fileName: 'device.js',
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import mqtt from 'mqtt';
export const open = (url: string, options) => mqtt.connect(url, options);`,
      findings: [],
    },
    {
      title: 'a page script that loads the browser bundle calls the global `mqtt` with MQTT options: the default reconnects forever, a fixed 1 s apart',
      code: `const options = { clean: true, clientId: 'dashboard' };
const client = mqtt.connect('wss://broker.example.com:8084/mqtt', options);
client.on('error', (error) => console.log(error));`,
      fileName: 'page.js',
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'the global with only a broker URL held in a const is MQTT.js too',
      code: `const BROKER = 'mqtts://broker.example.com';
const client = mqtt.connect(BROKER);`,
      fileName: 'page.js',
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'an object of the file\'s own named mqtt is not the library',
      code: `const mqtt = { connect: (url, opts) => fetch(url, opts) };
const client = mqtt.connect('mqtt://broker.example.com', { clientId: 'a' });`,
      fileName: 'page.js',
      findings: [],
    },
    {
      title: 'a global mqtt connected with nothing that says MQTT is left alone',
      code: `const client = mqtt.connect(settings.url, settings.options);`,
      fileName: 'page.js',
      findings: [],
    },
  ]);
});
