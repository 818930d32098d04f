/** Shared by the ledger tests: sample items, temp workspaces, real git. */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LedgerEvent, LedgerItem } from '../../../src/engine/ledger/model';
import { gitWith } from '../../support/git';

/** A fresh empty folder. */
export function tempWorkspace(prefix = 'paydown-ledger-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

let eventCounter = 0;

/** A history event with a unique id. */
export function event(type: LedgerEvent['type'], at: string, extra: Partial<LedgerEvent> = {}): LedgerEvent {
  eventCounter++;
  return { id: `E${process.pid.toString(36)}${eventCounter.toString(36).padStart(5, '0')}`.toUpperCase(), at, type, ...extra };
}

/** A plausible item; `overrides` replace whole fields. */
export function sampleItem(id: string, overrides: Partial<LedgerItem> = {}): LedgerItem {
  const at = '2024-03-01T10:00:00.000Z';
  return {
    id,
    status: 'open',
    tag: 'DEBT',
    title: `Replace the hand-rolled retry loop (${id})`,
    fingerprint: `fp-${id.toLowerCase()}`,
    owners: [],
    labels: [],
    file: 'src/payments/retry.ts',
    line: 12,
    firstSeen: { at, commit: 'a1b2c3d' },
    resolved: null,
    sprint: null,
    effort: { value: 3, source: 'comment', comment: 3 },
    impact: { value: 'high', source: 'comment', comment: 'high' },
    outcome: { value: null, source: 'comment', comment: null },
    trackers: [],
    history: [{ id: `C-${id}`, at, type: 'created', commit: 'a1b2c3d' }],
    ...overrides,
  };
}

/** Runs git in `cwd`, isolated (test/support/git.ts), as a fixed identity; returns stdout. */
export function git(cwd: string, ...args: string[]): string {
  return gitWith({ GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' }, cwd, ...args);
}

/** Like `git`, but returns the exit status and output instead of throwing. */
export function gitTry(cwd: string, ...args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: git(cwd, ...args) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { status: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A new git repository on branch `main`. */
export function gitRepo(): string {
  const dir = tempWorkspace('paydown-git-');
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** Every file under `dir` (relative path → bytes as text), for byte-identical comparisons. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string): void => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, sub));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (name === '.git') continue;
      try {
        out[rel] = readFileSync(path.join(dir, rel), 'utf8');
      } catch {
        walk(rel);
      }
    }
  };
  walk('');
  return out;
}

/** The ledger fixtures folder. */
export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'ledger');

/** A temp copy of a fixture workspace (`test/fixtures/ledger/<name>`), safe to write into. */
export function copyFixture(name: string): string {
  const dir = tempWorkspace();
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** The items the crash tests rewrite together in one transaction (see worker.ts). */
export const CRASH_ITEMS = ['PD-CRSH01', 'PD-CRSH02', 'PD-CRSH03', 'PD-CRSH04', 'PD-CRSH05'];

/** The shared items of the concurrency test (see worker.ts). */
export const sharedId = (n: number): string => `PD-SHARE${n}`;
