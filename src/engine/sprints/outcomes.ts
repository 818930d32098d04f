import { Minimatch } from 'minimatch';
import type { OutcomeConfig } from '../config/planning';

/** What an outcome is decided from: the item's own `outcome:`, its labels and its file. */
export interface OutcomeSubject {
  outcome: string | null;
  labels: readonly string[];
  file: string;
}

/**
 * The outcome an item serves: its own `outcome:` when it names one, else the first configured
 * outcome one of its labels maps to, else the first whose path globs match its file; null when
 * none. Labels win over paths because a label is a deliberate choice, a path an accident of
 * layout. The one place this rule lives: budgets, metrics and exports all ask here.
 */
export function resolveOutcome(subject: OutcomeSubject, outcomes: readonly OutcomeConfig[]): string | null {
  if (subject.outcome) return subject.outcome;
  for (const outcome of outcomes) {
    if (outcome.labels.some((label) => subject.labels.some((l) => l.toLowerCase() === label.toLowerCase()))) return outcome.name;
  }
  for (const outcome of outcomes) {
    if (matchersOf(outcome).some((m) => m.match(subject.file))) return outcome.name;
  }
  return null;
}

/** Compiled path globs per outcome: a page or a metric asks once per item, and compiling costs more than matching. */
const compiled = new WeakMap<OutcomeConfig, Minimatch[]>();

function matchersOf(outcome: OutcomeConfig): Minimatch[] {
  let matchers = compiled.get(outcome);
  if (!matchers) compiled.set(outcome, (matchers = outcome.paths.map((glob) => new Minimatch(glob, { dot: true }))));
  return matchers;
}

/** True when `name` is one of the configured outcomes (case-insensitive). */
export function isKnownOutcome(name: string, outcomes: readonly OutcomeConfig[]): boolean {
  return outcomes.some((o) => o.name.toLowerCase() === name.toLowerCase());
}
