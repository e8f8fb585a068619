// The README's pictures: screenshots the real-VS-Code suite takes, copied smaller by scripts/readme-images.mjs.
// The README shows exactly those, each one exists and is small, and each is one the suite still takes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { README_IMAGE_WIDTH, README_IMAGES, README_IMAGES_FOLDER } from '../../../scripts/readme-images.mjs';
import { repoRoot } from '../repo-root';

const root = repoRoot();
/** A Marketplace page loads every picture: keep each under this. */
const MAX_BYTES = 250 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]);
}

describe('the README\'s pictures', () => {
  it('are the screenshots the image script copies, in its order, and all of them', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const shown = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1]);
    assert.deepEqual(shown, README_IMAGES.map((name) => `${README_IMAGES_FOLDER}/${name}.png`));
    assert.deepEqual(readdirSync(path.join(root, README_IMAGES_FOLDER)).sort(), README_IMAGES.map((name) => `${name}.png`).sort());
  });

  it('are small PNGs of the width the script makes', () => {
    for (const name of README_IMAGES) {
      const file = path.join(root, README_IMAGES_FOLDER, `${name}.png`);
      const png = readFileSync(file);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${name}.png is a PNG`);
      assert.equal(png.readUInt32BE(16), README_IMAGE_WIDTH, `${name}.png is ${README_IMAGE_WIDTH} px wide`);
      assert.ok(statSync(file).size <= MAX_BYTES, `${name}.png is ${statSync(file).size} bytes`);
    }
  });

  it('are each taken by the integration suite under the same name', () => {
    const suite = filesUnder(path.join(root, 'test', 'integration')).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const name of README_IMAGES) assert.ok(suite.includes(`screenshot('${name}')`), `the suite takes a screenshot named ${name}`);
  });
});
