// `consent-lens`: the command-line entry. Everything it does is in runCli; this file only wires
// the process to it.
import { createReadStream } from 'node:fs';
import packageJson from '../../package.json' with { type: 'json' };
import { decodeText } from './decode-text';
import { runCli } from './run-cli';

let result: Awaited<ReturnType<typeof runCli>>;
try {
  result = await runCli(
    process.argv.slice(2),
    {
      readChunks: (path) => decodeText(createReadStream(path)),
      env: process.env,
      isTTY: process.stdout.isTTY === true,
    },
    packageJson.version,
  );
} catch (error) {
  // A bug, not bad input: say so in one line rather than with a stack trace.
  result = { exitCode: 2, stdout: '', stderr: `consent-lens: internal error: ${error instanceof Error ? error.message : String(error)}\n` };
}
// A reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
