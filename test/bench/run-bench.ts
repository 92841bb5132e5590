// `npm run bench`: the core's cost per observation and the CLI's wall time and peak memory.
// Figures, not pass/fail: performance is measured here, never asserted in timed tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFlowState } from '../../src/core/flows/flow-schema';
import { compileWatchList, ingest } from '../../src/core/flows/ingest';
import { analyze } from '../../src/core/report/analyze';
import { SettingsSchema } from '../../src/core/settings/settings-schema';
import { writeLargeHar } from './large-har';
import { syntheticHar, syntheticObservations } from './synthetic-traffic';

const OBSERVATIONS = 100_000;
const HAR_ENTRIES = 10_000;
const LARGE_HAR_MB = [30, 100, 300];
/** `--cli PATH` measures another build, e.g. one made at an older commit, for a before/after. */
const cliFlag = process.argv.indexOf('--cli');
const CLI = cliFlag === -1 ? resolve(import.meta.dirname, '../../dist/cli/consent-lens.mjs') : resolve(process.argv[cliFlag + 1]!);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;

function benchIngest(): void {
  const settings = SettingsSchema.parse({ redirectUris: [{ uri: 'https://app0.example/callback' }] });
  const watch = compileWatchList(settings);
  const observations = syntheticObservations(OBSERVATIONS);
  // One untimed pass first so the JIT has compiled the hot paths, as in a long-running worker.
  const warm = createFlowState();
  for (const observation of observations) ingest(warm, observation, watch);

  const state = createFlowState();
  const costs = new Array<number>(observations.length);
  observations.forEach((observation, i) => {
    const started = process.hrtime.bigint();
    ingest(state, observation, watch);
    costs[i] = Number(process.hrtime.bigint() - started) / 1000;
  });
  const analyzeStarted = process.hrtime.bigint();
  const report = analyze(state, settings);
  const analyzeMs = Number(process.hrtime.bigint() - analyzeStarted) / 1e6;

  console.log(`core ingest: ${OBSERVATIONS} observations, ${state.flows.length} flows`);
  console.log(`  median ${median(costs).toFixed(2)} µs per observation (goal: at most 5 µs)`);
  console.log(`  p99 ${percentile(costs, 0.99).toFixed(2)} µs, mean ${(costs.reduce((a, b) => a + b, 0) / costs.length).toFixed(2)} µs`);
  console.log(
    `core analyze: ${report.flows.length} flows in ${analyzeMs.toFixed(0)} ms (${((analyzeMs * 1000) / report.flows.length).toFixed(1)} µs per flow)`,
  );
}

/** Prints the child's peak RSS on exit, so the bench needs no /usr/bin/time. */
const REPORT_MAX_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;

interface CliRun {
  ms: number;
  rssMb: number;
  /** The CLI's exit status: 2 (or a crash) means it did not produce a report. */
  status: number | null;
  stderr: string;
}

function runCli(har: string): CliRun {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', REPORT_MAX_RSS, CLI, 'analyze', har, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw new Error(`CLI did not run: ${child.error.message}`);
  const rssKb = Number(/maxrss-kb=(\d+)/.exec(child.stderr)?.[1]);
  return { ms, rssMb: rssKb / 1024, status: child.status, stderr: child.stderr };
}

function withTempDir(use: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'consent-lens-bench-'));
  try {
    use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchCli(): void {
  withTempDir((dir) => {
    const har = join(dir, 'bench.har');
    writeFileSync(har, JSON.stringify(syntheticHar(HAR_ENTRIES)));
    const runs = Array.from({ length: 5 }, () => {
      const run = runCli(har);
      if (run.status !== 0 && run.status !== 1) throw new Error(`CLI failed: ${run.stderr}`);
      return run;
    });
    console.log(`CLI analyze on a ${HAR_ENTRIES}-entry HAR (json output), 5 runs:`);
    console.log(`  wall time median ${median(runs.map((r) => r.ms)).toFixed(0)} ms (min ${Math.min(...runs.map((r) => r.ms)).toFixed(0)} ms)`);
    console.log(`  peak memory (max RSS) median ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB`);
  });
}

/** Peak memory must not grow with the file: each size is generated, run once, and deleted. */
function benchLargeHars(): void {
  console.log('CLI analyze on large HAR files with bodies (json output), one run each:');
  for (const mb of LARGE_HAR_MB) {
    withTempDir((dir) => {
      const har = join(dir, `${mb}mb.har`);
      const { entries } = writeLargeHar(har, mb * 1024 * 1024);
      const run = runCli(har);
      const outcome = run.status === 0 || run.status === 1 ? `exit ${run.status}` : `FAILED (exit ${run.status}): ${lastLine(run.stderr)}`;
      console.log(`  ${String(mb).padStart(3)} MB, ${entries} entries: wall ${(run.ms / 1000).toFixed(1)} s, peak RSS ${run.rssMb.toFixed(0)} MB, ${outcome}`);
    });
  }
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('maxrss-kb='))
      .at(-1) ?? ''
  );
}

benchIngest();
if (!process.argv.includes('--core-only')) {
  benchCli();
  benchLargeHars();
}
