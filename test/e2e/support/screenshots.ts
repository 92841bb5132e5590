// README screenshots, taken by the real-browser tests. Every run takes them (so a page that can
// no longer be shot fails the test); only UPDATE_SCREENSHOTS=1 writes them to docs/screenshots/,
// so ordinary runs leave the working tree alone.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './browsers';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs/screenshots');
/** Screenshots stay small enough to live in the repository. */
export const MAX_SCREENSHOT_BYTES = 200_000;

export function updatingScreenshots(): boolean {
  return process.env.UPDATE_SCREENSHOTS === '1';
}

/** Checks a PNG's size, and writes it as docs/screenshots/<name>.png when updating. */
export async function keepScreenshot(name: string, png: Uint8Array): Promise<void> {
  if (png.byteLength > MAX_SCREENSHOT_BYTES) {
    throw new Error(`screenshot ${name} is ${png.byteLength} bytes, over the ${MAX_SCREENSHOT_BYTES} limit`);
  }
  if (!updatingScreenshots()) return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(join(SCREENSHOT_DIR, `${name}.png`), png);
}
