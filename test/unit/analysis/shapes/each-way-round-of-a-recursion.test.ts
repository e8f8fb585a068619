// A function that calls itself again from several places, with nothing capping any of them: each way round is a retry
// of its own, reported where it is (with its own wait, or none). Ways written over neighbouring lines are one; a
// recursion with a cap stays one finding or none.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: each way round of an uncapped recursion', () => {
  runLibraryTable([], [
    {
      title: 'three ways round (a bad gateway at once, another status after a wait, a failed body after a wait): three findings',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function getMessages(room) {
  const response = await fetch('/api/rooms/' + room + '/messages');
  if (response.status === 502) {
    return getMessages(room);
  }
  if (response.status !== 200) {
    await sleep(1000);
    return getMessages(room);
  }
  const body = await response.json();
  if (!body.success) {
    await sleep(1000);
    return getMessages(room);
  }
  return body.messages;
}`,
      findings: [[5, 'unbounded-retry'], [9, 'unbounded-retry'], [14, 'unbounded-retry']],
      messages: ['no wait', 'fixed', 'fixed'],
    },
    {
      title: 'the same ways counted against a cap: one jitter finding at most, no unbounded one',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function getMessages(room, attempt = 0) {
  const response = await fetch('/api/rooms/' + room + '/messages');
  if (response.status !== 200 && attempt < 3) {
    await sleep(1000);
    return getMessages(room, attempt + 1);
  }
  const body = await response.json();
  if (!body.success && attempt < 3) {
    await sleep(1000);
    return getMessages(room, attempt + 1);
  }
  return body.messages;
}`,
      findings: [[6, 'retry-without-jitter']],
    },
  ]);
});
