import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/parse-args';
import { runAnalyze, type CliIo } from '../../src/cli/run-analyze';
import { AnalysisReportSchema } from '../../src/core/report/report-schema';

const URLS = [
  'https://as.example/authorize?client_id=c&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=abcdefgh',
  'https://app.example/cb?code=abc&state=abcdefgh',
  'https://app.example/cb#access_token=t&state=x',
  'https://app.example/cb?error=access_denied&error_description=%E0%A4%A',
  'http://app.example/cb?code=&code=1',
  '/relative?code=1',
  '',
];

const url = fc.oneof(fc.constantFrom(...URLS), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string());
const header = fc.record({
  name: fc.constantFrom('Location', 'Accept', 'Sec-Fetch-Mode', 'Content-Type', 'X'),
  value: fc.oneof(url, fc.constantFrom('text/html', 'navigate')),
});

/** Entries shaped like a browser's, with any field now and then replaced by junk. */
const entry = fc.oneof(
  fc.record({
    startedDateTime: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    time: fc.oneof(fc.nat(), fc.double()),
    _resourceType: fc.option(fc.constantFrom('document', 'script', 'xhr'), { nil: undefined }),
    request: fc.record({
      method: fc.constantFrom('GET', 'POST'),
      url,
      headers: fc.array(header, { maxLength: 3 }),
      postData: fc.option(
        fc.record({
          mimeType: fc.constantFrom('application/x-www-form-urlencoded', 'text/plain'),
          text: fc.oneof(fc.string(), fc.constantFrom('code=1&state=abcdefgh', 'a=%ZZ')),
          params: fc.array(fc.record({ name: fc.constantFrom('code', 'state', 'id_token'), value: fc.string() }), { maxLength: 3 }),
        }),
        { nil: undefined },
      ),
    }),
    response: fc.record({
      status: fc.oneof(fc.constantFrom(0, 200, 302, 303, 307), fc.integer()),
      headers: fc.array(header, { maxLength: 3 }),
      redirectURL: fc.oneof(url, fc.constant('')),
    }),
  }),
  fc.anything(),
);

const har = fc.oneof(
  fc.array(entry, { maxLength: 12 }).map((entries) => JSON.stringify({ log: { version: '1.2', entries } })),
  fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string(),
);

describe('analyze on random and malformed HAR files', () => {
  it('never throws, exits 0, 1 or 2, and prints JSON its schema accepts', async () => {
    await fc.assert(
      fc.asyncProperty(har, fc.constantFrom('json', 'text', 'markdown'), fc.integer({ min: 1, max: 64 }), async (text, format, piece) => {
        // In pieces of any size, as a stream hands them over.
        const chunks = Array.from({ length: Math.ceil(text.length / piece) }, (_, i) => text.slice(i * piece, (i + 1) * piece));
        const io: CliIo = { readChunks: () => chunks, env: {}, isTTY: false };
        const parsed = parseArgs(['analyze', 'input.har', '--format', format, '--redirect-uri', 'https://app.example/cb']);
        if (!parsed.ok || parsed.value.command !== 'analyze') throw new Error('the analyze command did not parse');
        const result = await runAnalyze(parsed.value, io);
        expect([0, 1, 2]).toContain(result.exitCode);
        if (result.exitCode === 2) expect(result.stderr.trim().split('\n')).toHaveLength(1);
        else if (format === 'json') expect(AnalysisReportSchema.safeParse(JSON.parse(result.stdout)).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
