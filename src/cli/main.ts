import './tiering';
import { CommanderError } from 'commander';
import { errorLines, PaydownError } from '../engine';
import { buildProgram } from './program';
import { announceInterrupt, installInterruptHandlers, interruptedExitCode } from './interrupt';
import { guardStdio, stdoutError } from './output';
import { safeText } from './reporters/terminal';

import { EXIT_ERROR, EXIT_OK } from './exitCodes';

async function main(argv: string[]): Promise<number> {
  guardStdio();
  installInterruptHandlers();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    const failed = stdoutError();
    if (failed) return reportFailure(failed);
    return interrupted() ?? (typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK);
  } catch (err) {
    return reportFailure(err);
  }
}

/** 130 or 143 (with the message) when Ctrl-C or SIGTERM arrived, whatever the command did since. */
function interrupted(): number | null {
  const code = interruptedExitCode();
  if (code !== null) announceInterrupt();
  return code;
}

function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with code 0; commander already printed them.
    if (err.exitCode === 0) return EXIT_OK;
    return EXIT_ERROR; // commander printed its one-line usage error and the help hint
  }
  // An interrupted command may fail in any way (a killed git, a closed worker): it was interrupted.
  const code = interrupted();
  if (code !== null) return code;
  if (PaydownError.is(err)) {
    const [message, ...rest] = errorLines(err);
    process.stderr.write(`paydown: ${safeText(message ?? '')}\n`);
    for (const line of rest) process.stderr.write(`${safeText(line)}\n`);
    return EXIT_ERROR;
  }
  process.stderr.write(`paydown: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.stderr.write('hint: this is a bug in Paydown; please report it with the command you ran\n');
  return EXIT_ERROR;
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
