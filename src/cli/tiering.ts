/**
 * Imported first by the CLI's entry point, before any other module runs: V8 flags are the
 * process's, and the scan workers started later share them.
 *
 * A CLI run is short, and most of its code runs hot only for a moment. V8's default tier-up budget
 * sends much of it to the optimizing compiler just before the run ends: on a 110,000-file real
 * corpus that compiling cost more CPU than it saved. Eight times the default budget optimizes
 * only what stays hot (the lexer, the walk) and took the first scan's CPU down about 9%
 * (docs/performance.md, "Sixth pass"). The editor's long-lived extension host keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

const INTERRUPT_BUDGET = 8 * 67_584;

setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
