// The extension makes no network request of its own: nothing the worker bundles may call one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../src');
const NETWORK_APIS = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\s*\(|new\s+(XMLHttpRequest|WebSocket|EventSource)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('no network request', () => {
  it.each([...sources(join(ROOT, 'background')), ...sources(join(ROOT, 'core'))].map((file) => [file.slice(ROOT.length + 1), file]))(
    '%s calls no network API',
    (_, file) => {
      expect(readFileSync(file, 'utf8')).not.toMatch(NETWORK_APIS);
    },
  );
});
