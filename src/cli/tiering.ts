/**
 * Imported first by the CLI's entry point, before any other module runs: V8 flags are the
 * process's, so the scan workers started later share them. Which flags, and why: v8Tuning.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { v8TuningFlags } from './v8Tuning';

for (const flag of v8TuningFlags(process.versions.v8)) setFlagsFromString(flag);
