// Two readings real code needed:
// - methods written on a constructor's prototype that call each other through an alias of `this`
//   (`var that = this; setTimeout(function () { that.open(that.url) })`): the instance's own method, as `this.open`;
// - a model's answer asked for again (`model.generateContent(prompt)`, then parsed) is the same request made again,
//   not a new candidate input (as `generateSlug()` makes one each round).
import { runLibraryTable } from '../libraries/library-table';

/** A constructor-style WebSocket client whose close handler calls `reconnect`, which opens again through `callback`. */
function prototypeClient(callback: string): string {
  return `export default function SocketClient() {
  this.interval = 5000;
}
SocketClient.prototype.open = function (url) {
  this.url = url;
  this.ws = new WebSocket(url);
  this.ws.onclose = (event) => {
    if (event.code !== 1000) this.reconnect();
  };
};
SocketClient.prototype.reconnect = function () {
  ${callback}
};`;
}

/** A loop that asks a model `attempts` times, parsing each answer, waiting a growing time after a thrown error. */
const askModel = `export async function rewrite(model, prompt: string) {
  let lastError: Error | null = null;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const result = await model.generateContent(prompt);
      const parsed = parseAnswer(result.response.text());
      if (parsed.ok) return parsed.value;
      lastError = new Error(parsed.error);
    } catch (error) {
      lastError = error as Error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
  throw lastError;
}`;

describe('shapes: prototype methods through an alias of this, and model answers asked for again', () => {
  runLibraryTable([], [
    {
      title: 'a prototype method reopening through `that` (an alias of this) in a function timer: a reconnect forever, at a fixed wait',
      code: prototypeClient('var that = this;\n  setTimeout(function () {\n    that.open(that.url);\n  }, this.interval);'),
      fileName: 'client.js',
      findings: [[13, 'unbounded-retry']],
      messages: ['reconnect handler that calls `open()` again'],
    },
    {
      title: 'the same through `this` in an arrow timer',
      code: prototypeClient('setTimeout(() => {\n    this.open(this.url);\n  }, this.interval);'),
      fileName: 'client.js',
      findings: [[12, 'unbounded-retry']],
    },
    {
      title: 'the alias opening another client is no reconnect: silent',
      code: prototypeClient('var that = this;\n  setTimeout(function () {\n    that.fallback.open(that.url);\n  }, this.interval);'),
      fileName: 'client.js',
      findings: [],
    },
    {
      title: "a model's answer asked for again, parsed: a retry loop that backs off without jitter",
      code: askModel,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a new slug generated each round and checked: a search for a free name, silent',
      code: askModel.replace('model.generateContent(prompt)', 'generateSlug(prompt)'),
      findings: [],
    },
  ]);
});
