// Runs the unit suite with the system clock a year ahead and in a time zone far from UTC, so a
// test that reads today's date or the local zone fails here even if it passes on the day it was
// written. libfaketime (Debian's `faketime`) moves the clock for the whole process tree.
import { spawnSync } from 'node:child_process';

const SHIFT = '+365 days';
const ZONE = 'Pacific/Kiritimati'; // UTC+14: the furthest from UTC, so a date can differ from UTC's

const found = spawnSync('faketime', ['--version'], { stdio: 'ignore' });
if (found.error) {
  const message = 'the unit suite a year ahead needs faketime (apt-get install -y faketime)';
  if (process.env.CI) {
    console.error(`error: ${message}`);
    process.exit(1);
  }
  console.warn(`skipped: ${message}`);
  process.exit(0);
}

const shown = spawnSync('faketime', [SHIFT, 'date', '-u', '+%Y-%m-%dT%H:%MZ'], { encoding: 'utf8' });
console.log(`unit suite at ${shown.stdout.trim()} (${SHIFT}), TZ=${ZONE}`);
const run = spawnSync('faketime', [SHIFT, 'npx', 'vitest', 'run', '--project', 'unit'], {
  stdio: 'inherit',
  env: { ...process.env, TZ: ZONE },
});
process.exit(run.status ?? 1);
