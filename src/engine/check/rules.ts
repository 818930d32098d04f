/**
 * `paydown check`: the rules a pull request must pass. Pure: the scan, the ledger, the config,
 * the day and (for `--base`) the added lines come in; findings go out.
 */
import type { PaydownConfig } from '../config/config';
import type { CheckableField } from '../config/planning';
import type { DebtItem, Problem, ProblemCode } from '../model';
import type { LedgerItem } from '../ledger/model';
import { reconcile } from '../ledger/reconcile';
import { computeBudget, resolveSprints } from '../sprints';
import { isKnownOutcome, resolveOutcome } from '../sprints/outcomes';
import { isAdded } from './diff';
import { CHECK_RULES, type AddedLines, type CheckFinding, type CheckResult } from './model';

/** What a check looks at. */
export interface CheckInput {
  /** Every annotation a scan of the workspace found. */
  scanned: readonly DebtItem[];
  /** Every ledger item (all statuses). */
  ledger: readonly LedgerItem[];
  config: Pick<PaydownConfig, 'check' | 'outcomes' | 'sprints' | 'cadence' | 'planning'>;
  /** `YYYY-MM-DD` (UTC): which sprint is running, for the budget rule. */
  today: string;
  /** Only annotations whose tag line is in here count for the annotation rules; null: all count. */
  added?: AddedLines | null;
  /** The base ref the added lines come from, for the report. */
  base?: string | null;
  /** Files git saw renamed (old → new), so a moved comment is not mistaken for a new one. */
  renames?: ReadonlyMap<string, string>;
  /**
   * The scan's problems. Those with code `internal-error` (a reader bug cut a file short, so the
   * annotations after it are unknown) fail the check as `malformed`, whatever `added` says.
   */
  problems?: readonly Problem[];
}

const HINT_UNTRACKED = 'run `paydown ledger sync` and commit .paydown/ with the change';
const HINT_OUTCOME_CONFIG = 'add it to `outcomes` in .paydown/config.jsonc';

/** Which malformed-metadata codes stand for which required field (so one mistake is reported once). */
const FIELD_OF_PROBLEM: Partial<Record<ProblemCode, CheckableField>> = {
  'effort-invalid': 'effort',
  'impact-invalid': 'impact',
  'outcome-empty': 'outcome',
  'owner-empty': 'owner',
  'id-invalid': 'id',
};

const FIELD_EXAMPLE: Record<CheckableField, string> = {
  owner: '@alice',
  effort: 'effort:3 (or 2h, 1d)',
  impact: 'impact:high',
  outcome: 'outcome:NAME (or a label or path the outcome rules map)',
  id: 'its ledger id, e.g. DEBT(PD-7Q2K9A) — `paydown ledger sync` knows it',
};

/**
 * Runs every rule:
 * - `untracked`: an annotation the ledger does not know (reconcile would create it), when
 *   `check.untracked` is on;
 * - `required`: an annotation (of `check.tags`, or any) without a field of `check.required`;
 *   values set in the ledger (`paydown ledger set`) and outcomes inherited by rule count;
 * - `malformed`: metadata the grammar could not read (`effort:lots`, `due:2026-13-45`, …), and a
 *   file Paydown could read only in part (an `internal-error` problem of the scan);
 * - `unknown-outcome`: `outcome:NAME` that is not a configured outcome (only when outcomes are configured);
 * - `budget`: a running sprint whose allocation is below `check.minAllocatedShare` of its budget.
 * With `added`, the annotation rules only look at annotations whose tag line was added.
 */
export function runCheck(input: CheckInput): CheckResult {
  const { config } = input;
  const added = input.added ?? null;
  const considered = input.scanned.map((c, index) => ({ c, index })).filter(({ c }) => added === null || isAdded(added, c.file, c.line));

  // Reconcile every annotation (matching is global: an id or a move elsewhere matters), report on the considered ones.
  const { matches } = reconcile({ scanned: input.scanned, ledger: input.ledger, renames: input.renames, now: new Date(0).toISOString(), commit: null });
  const byId = new Map(input.ledger.map((item) => [item.id, item]));
  const matchOf = (index: number): { id: string; item: LedgerItem | undefined; isNew: boolean } => {
    const m = matches[index]!;
    return { id: m.id, item: m.kind === 'new' ? undefined : byId.get(m.id), isNew: m.kind === 'new' };
  };

  const findings: CheckFinding[] = [];
  const at = (c: DebtItem): Pick<CheckFinding, 'file' | 'line' | 'column' | 'tag' | 'title' | 'cell'> => ({ file: c.file, line: c.line, column: c.column, tag: c.tag, title: c.title, ...(c.cell ? { cell: c.cell } : {}) });
  const requiredTags = new Set(config.check.tags.map((t) => t.toUpperCase()));

  for (const { c, index } of considered) {
    const match = matchOf(index);
    const known = match.isNew ? {} : { id: match.id };
    if (config.check.untracked && match.isNew) {
      findings.push({ rule: 'untracked', ...at(c), ...(c.id ? { id: c.id } : {}), message: `${c.tag} "${c.title}" is not in the ledger`, hint: HINT_UNTRACKED });
    }

    const malformedFields = new Set<CheckableField>();
    for (const problem of c.problems) {
      const field = FIELD_OF_PROBLEM[problem.code];
      if (field) malformedFields.add(field);
      findings.push({
        rule: 'malformed',
        ...at(c),
        line: problem.range.start.line,
        column: problem.range.start.column,
        ...(problem.cell ? { cell: { index: problem.cell.index, ...problem.cell.range.start } } : {}),
        ...known,
        code: problem.code,
        message: problem.message,
        hint: 'fix the metadata in the comment; see the annotation grammar in the README',
      });
    }

    if (config.check.required.length > 0 && (requiredTags.size === 0 || requiredTags.has(c.tag.toUpperCase()))) {
      const missing = config.check.required.filter((field) => !malformedFields.has(field) && !hasField(field, c, match.item, config));
      if (missing.length > 0) {
        findings.push({
          rule: 'required',
          ...at(c),
          ...known,
          missing,
          message: `${c.tag} "${c.title}" has no ${missing.join(', no ')}`,
          hint: `add ${missing.map((f) => FIELD_EXAMPLE[f]).join(' and ')}`,
        });
      }
    }

    if (c.outcome !== null && config.outcomes.length > 0 && !isKnownOutcome(c.outcome, config.outcomes)) {
      findings.push({
        rule: 'unknown-outcome',
        ...at(c),
        ...known,
        message: `outcome:${c.outcome} is not one of the configured outcomes (${config.outcomes.map((o) => o.name).join(', ')})`,
        hint: `use one of them, or ${HINT_OUTCOME_CONFIG}`,
      });
    }
  }

  for (const problem of input.problems ?? []) {
    if (problem.code !== 'internal-error') continue;
    findings.push({
      rule: 'malformed',
      file: problem.file,
      line: problem.range.start.line,
      column: problem.range.start.column,
      code: problem.code,
      message: problem.message,
      hint: 'report this Paydown bug with the file; annotations after this point were not checked',
    });
  }

  const sprints = resolveSprints(config, input.today).filter((s) => s.start <= input.today && input.today <= s.end);
  for (const sprint of sprints) {
    const budget = computeBudget(sprint, input.ledger, config, input.today);
    for (const warning of budget.warnings) {
      if (warning.code !== 'under-allocated') continue;
      findings.push({
        rule: 'budget',
        file: null,
        line: null,
        column: null,
        sprint: sprint.name,
        message: `${sprint.name}: ${warning.message}`,
        hint: `allocate debt to the sprint: \`paydown sprint plan --sprint ${sprint.name} --auto-fill\``,
      });
    }
  }

  return {
    findings: sortFindings(findings),
    annotations: input.scanned.length,
    considered: considered.length,
    base: input.base ?? null,
    sprints: sprints.map((s) => s.name),
  };
}

function hasField(field: CheckableField, c: DebtItem, item: LedgerItem | undefined, config: Pick<PaydownConfig, 'outcomes'>): boolean {
  switch (field) {
    case 'owner':
      return c.owners.length > 0;
    case 'effort':
      return c.effort !== null || (item?.effort.value ?? null) !== null;
    case 'impact':
      return c.impact !== null || (item?.impact.value ?? null) !== null;
    case 'outcome':
      return resolveOutcome({ outcome: c.outcome ?? item?.outcome.value ?? null, labels: c.labels, file: c.file }, config.outcomes) !== null;
    case 'id':
      return c.id !== null;
  }
}

/** By rule (in {@link CHECK_RULES} order), then file, line and column. */
function sortFindings(findings: CheckFinding[]): CheckFinding[] {
  const order: readonly string[] = CHECK_RULES;
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return findings.sort(
    (a, b) =>
      order.indexOf(a.rule) - order.indexOf(b.rule) ||
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.sprint ?? '', b.sprint ?? ''),
  );
}
