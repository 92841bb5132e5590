// The real-world corpus (test/fixtures/real-world): HAR files recorded or transcribed from public
// bug reports of real providers, each read by hand first. This test runs the CLI's analysis on
// each file and holds it to that reading (expectations.json). What the tool gave before the
// correlation and HAR-reader fixes is kept under `today` (commit 63b6f22), for the record.
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyze, type CliIo } from '../../src/cli/run-analyze';
import { RuleIdSchema } from '../../src/core/checks/rule-ids';
import { z } from '../../src/core/zod';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-world');

const FlowExpectationSchema = z.strictObject({
  clientId: z.string().optional(),
  redirectUri: z.string(),
  /** One of the report's outcomes: `rejected` is a callback the client answered with 4xx/5xx. */
  outcome: z.enum(['pending', 'success', 'rejected', 'denied', 'error', 'revoked', 'unknown']),
  callbacks: z.number().int().min(0),
  mustFind: z.array(RuleIdSchema).default([]),
  mustNotFind: z.array(RuleIdSchema).default([]),
});

const TodaySchema = z.strictObject({
  commit: z.string(),
  flows: z.array(z.strictObject({ clientId: z.string().optional(), redirectUri: z.string().optional(), outcome: z.string(), findings: z.array(z.string()) })),
});

const FileExpectationSchema = z.strictObject({
  file: z.string().regex(/^[a-z0-9-]+\.har$/),
  provider: z.string(),
  /** `recording`: a HAR a browser saved; `transcribed`: a redirect chain from a bug report, written as HAR. */
  kind: z.enum(['recording', 'transcribed']),
  /** Passed as --redirect-uri, as a user who registered the client's callback would. */
  redirectUris: z.array(z.string()).default([]),
  flows: z.array(FlowExpectationSchema),
  mustNotFindAnywhere: z.array(RuleIdSchema).default([]),
  /** Substrings of URLs that must be among the flows' hops, and that must not. */
  hopsInclude: z.array(z.string()).default([]),
  hopsExclude: z.array(z.string()).default([]),
  /** Values that must not appear in the (redacted) output, besides the codes and tokens found in the file. */
  secrets: z.array(z.string()).default([]),
  today: TodaySchema.optional(),
});

const ExpectationsSchema = z.strictObject({ $comment: z.string(), files: z.array(FileExpectationSchema).min(10) });

type FileExpectation = z.infer<typeof FileExpectationSchema>;

const expectations = ExpectationsSchema.parse(JSON.parse(readFileSync(join(DIR, 'expectations.json'), 'utf8')));

const io: CliIo = { readChunks: (path) => createReadStream(path, { encoding: 'utf8' }), env: {}, isTTY: false };

interface ReportedFlow {
  clientId?: string;
  redirectUri?: string;
  outcome: string;
  hops: { url: string }[];
  callbacks: unknown[];
  findings: { id: string }[];
}

async function analyzeFile(expected: FileExpectation) {
  const result = await runAnalyze(
    { command: 'analyze', file: join(DIR, expected.file), format: 'json', redirectUris: expected.redirectUris, showSecrets: false },
    io,
  );
  return { ...result, report: result.exitCode === 2 ? undefined : (JSON.parse(result.stdout) as { flows: ReportedFlow[] }) };
}

/** Every code, token, verifier and secret the file carries in a URL or a form, as written and decoded. */
function secretsIn(harText: string): string[] {
  const har = JSON.parse(harText) as { log: { entries: { request: { url: string; postData?: { text?: string } }; response: { redirectURL?: string } }[] } };
  const names = new Set(['code', 'access_token', 'id_token', 'refresh_token', 'code_verifier', 'client_secret']);
  const found = new Set<string>();
  const take = (query: string) => {
    for (const [name, value] of new URLSearchParams(query)) if (names.has(name) && value.length >= 8) found.add(value);
  };
  for (const { request, response } of har.log.entries) {
    for (const url of [request.url, response.redirectURL ?? '']) {
      const at = url.search(/[?#]/);
      if (at >= 0) for (const part of url.slice(at + 1).split('#')) take(part.replace(/^\?/, ''));
    }
    if (request.postData?.text) take(request.postData.text);
  }
  return [...found];
}

describe('real-world corpus', () => {
  it('lists every HAR file of the folder exactly once', () => {
    const listed = expectations.files.map(({ file }) => file).sort();
    const onDisk = readdirHar();
    expect(listed).toEqual(onDisk);
  });

  for (const expected of expectations.files) {
    describe(`${expected.file} (${expected.provider})`, () => {
      it('is read whole: no unusable input, no skipped entry, no internal error', async () => {
        const { exitCode, stderr } = await analyzeFile(expected);
        expect(exitCode).not.toBe(2);
        expect(stderr).toBe('');
      });

      it('has the expert reading of flows, clients, redirect URIs, outcomes and callbacks', async () => {
        const flows = (await analyzeFile(expected)).report!.flows;
        const seen = flows.map(({ clientId, redirectUri, outcome, callbacks }) => ({ clientId, redirectUri, outcome, callbacks: callbacks.length }));
        const wanted = expected.flows.map(({ clientId, redirectUri, outcome, callbacks }) => ({ clientId, redirectUri, outcome, callbacks }));
        expect(seen).toEqual(wanted);
      });

      it('raises the findings the expert sees and none of those the expert rules out', async () => {
        const flows = (await analyzeFile(expected)).report!.flows;
        expect(flows).toHaveLength(expected.flows.length);
        expected.flows.forEach((flow, index) => {
          const ids = flows[index]!.findings.map(({ id }) => id);
          for (const id of flow.mustFind) expect(ids, `flow ${index + 1} should have ${id}`).toContain(id);
          for (const id of flow.mustNotFind) expect(ids, `flow ${index + 1} should not have ${id}`).not.toContain(id);
        });
        const all = flows.flatMap(({ findings }) => findings.map(({ id }) => id));
        for (const id of expected.mustNotFindAnywhere) expect(all, `no flow should have ${id}`).not.toContain(id);
      });

      if (expected.hopsInclude.length > 0 || expected.hopsExclude.length > 0) {
        it('lists the authorization server pages as hops and leaves the noise out', async () => {
          const hops = (await analyzeFile(expected)).report!.flows.flatMap(({ hops }) => hops.map(({ url }) => url));
          for (const part of expected.hopsInclude)
            expect(
              hops.some((url) => url.includes(part)),
              `a hop at ${part}`,
            ).toBe(true);
          for (const part of expected.hopsExclude)
            expect(
              hops.filter((url) => url.includes(part)),
              `no hop at ${part}`,
            ).toEqual([]);
        });
      }

      it('keeps codes and tokens out of the JSON output', async () => {
        const { stdout } = await analyzeFile(expected);
        const secrets = [...secretsIn(readFileSync(join(DIR, expected.file), 'utf8')), ...expected.secrets];
        for (const secret of secrets) {
          expect(stdout.includes(secret), `output shows ${secret.slice(0, 12)}…`).toBe(false);
          expect(stdout.includes(encodeURIComponent(secret)), `output shows ${secret.slice(0, 12)}… encoded`).toBe(false);
        }
      });
    });
  }
});

function readdirHar(): string[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.har'))
    .sort();
}
