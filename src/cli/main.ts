import { CommanderError } from 'commander';
import { PaydownError } from '../engine';
import { buildProgram } from './program';

import { EXIT_ERROR, EXIT_OK } from './exitCodes';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    return reportFailure(err);
  }
}

function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with code 0; commander already printed them.
    if (err.exitCode === 0) return EXIT_OK;
    return EXIT_ERROR; // commander printed its one-line usage error and the help hint
  }
  if (PaydownError.is(err)) {
    process.stderr.write(`paydown: ${err.message}\n`);
    for (const detail of err.details.slice(1)) process.stderr.write(`  ${detail}\n`);
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    return EXIT_ERROR;
  }
  if (err instanceof Error && err.name === 'AbortError') {
    process.stderr.write('paydown: interrupted\n');
    return 130;
  }
  process.stderr.write(`paydown: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.stderr.write('hint: this is a bug in Paydown; please report it with the command you ran\n');
  return EXIT_ERROR;
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
