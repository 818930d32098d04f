import * as vscode from 'vscode';
import { toWorkspacePath } from '../../engine';
import { createGitClient } from '../../engine';
import { plural } from '../../engine';
import type { SessionItem, WorkspaceSession } from '../../engine';
import { resolveSprints, sprintPhase, todayOf } from '../../engine';
import type { Sessions } from '../sessions';
import { annotationAt } from './annotationAt';
import { cellAnnotations, NOTEBOOK_CELL, sessionOfDocument } from './notebooks';
import {
  ANNOTATION_KEYS,
  KEY_DETAILS,
  completionContextAt,
  dueChoices,
  effortChoices,
  impactChoices,
  ownerHandle,
  parseCodeowners,
  type AnnotationKey,
  type CompletionContext,
  type ValueChoice,
} from './completionContext';

/** Typing `@`, `#` or the colon after a key opens the suggestions. */
export const COMPLETION_TRIGGERS = ['@', '#', ':'];

/** Owners are read from git and CODEOWNERS at most this often per folder. */
const OWNER_CACHE_MS = 5 * 60_000;
/** How long to wait for the session to catch up with typing (it debounces 10 ms). */
const CATCH_UP_MS = 120;
const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

interface OwnerChoice {
  handle: string;
  detail: string;
}

/** Suggestions inside annotations only: owners, labels, key values and keys. */
export class DebtCompletions implements vscode.CompletionItemProvider {
  private readonly owners = new Map<string, { at: number; owners: Promise<OwnerChoice[]> }>();

  constructor(
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const session = sessionOfDocument(this.sessions, document);
    if (!session) return undefined;
    let item = this.annotationAt(session, document, position);
    // The cursor may be on text the session has not seen yet (its typing debounce): wait for it once. A cell is read as it is.
    if (!item && document.isDirty && document.uri.scheme !== NOTEBOOK_CELL) {
      await this.nextChange(session, document.uri);
      if (token.isCancellationRequested) return undefined;
      item = this.annotationAt(session, document, position);
    }
    if (!item) return undefined;
    const context = completionContextAt(document.lineAt(position.line).text, position.character);
    if (!context) return undefined;
    const range = new vscode.Range(position.line, context.start, position.line, position.character);
    switch (context.kind) {
      case 'owner':
        return (await this.ownerChoices(session)).map((o, i) => entry(`@${o.handle}`, vscode.CompletionItemKind.User, o.detail, range, i));
      case 'label':
        return labelsInUse(session).map(([label, n], i) => entry(`#${label}`, vscode.CompletionItemKind.Reference, plural(n, 'item'), range, i));
      case 'value':
        return this.values(session, context.key).map((v, i) => entry(v.value, vscode.CompletionItemKind.EnumMember, v.detail, range, i));
      case 'key':
        return keys(context, range);
    }
  }

  /** Forgets cached owners (git authors and CODEOWNERS are read again on the next `@`). */
  clear(): void {
    this.owners.clear();
  }

  private annotationAt(session: WorkspaceSession, document: vscode.TextDocument, position: vscode.Position): Pick<SessionItem, 'debt'> | undefined {
    const items = document.uri.scheme === NOTEBOOK_CELL ? (cellAnnotations(this.sessions, document)?.items ?? []).map((debt) => ({ debt })) : session.itemsInFile(document.uri.fsPath);
    const item = annotationAt(items, position.line);
    if (!item) return undefined;
    // On the tag's line, only after the tag.
    if (position.line === item.debt.line - 1 && position.character < item.debt.column - 1 + item.debt.tag.length) return undefined;
    return item;
  }

  private nextChange(session: WorkspaceSession, uri: vscode.Uri): Promise<void> {
    const file = toWorkspacePath(session.root, uri.fsPath);
    return new Promise((resolve) => {
      const timer = setTimeout(done, CATCH_UP_MS);
      const listener = this.sessions.onDidChange(({ change }) => {
        if (change.files === 'all' || change.files.includes(file)) done();
      });
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }

  private values(session: WorkspaceSession, key: AnnotationKey): ValueChoice[] {
    const today = todayOf(new Date());
    switch (key) {
      case 'impact':
        return impactChoices();
      case 'due':
        return dueChoices(today);
      case 'effort':
        return effortChoices();
      case 'outcome':
        return session.settings.outcomes.map((o) => ({ value: o.name, detail: o.description || 'outcome' }));
      case 'sprint':
        return sprintChoices(session, today);
    }
  }

  private ownerChoices(session: WorkspaceSession): Promise<OwnerChoice[]> {
    const cached = this.owners.get(session.root);
    const inUse = ownersInUse(session);
    if (cached && Date.now() - cached.at < OWNER_CACHE_MS) return cached.owners.then((o) => merge(inUse, o));
    const owners = readOwners(session.root).catch((err: unknown) => {
      this.log.warn(`Owner suggestions: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    this.owners.set(session.root, { at: Date.now(), owners });
    return owners.then((o) => merge(inUse, o));
  }
}

function entry(label: string, kind: vscode.CompletionItemKind, detail: string, range: vscode.Range, rank: number): vscode.CompletionItem {
  const item = new vscode.CompletionItem({ label, description: detail }, kind);
  item.range = range;
  item.sortText = String(rank).padStart(4, '0');
  item.filterText = label;
  return item;
}

function keys(context: Extract<CompletionContext, { kind: 'key' }>, range: vscode.Range): vscode.CompletionItem[] {
  return ANNOTATION_KEYS.map((key, i) => {
    const item = entry(`${key}:`, vscode.CompletionItemKind.Property, KEY_DETAILS[key], range, i);
    // Straight on to the key's values.
    item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
    item.preselect = context.prefix !== '' && key.startsWith(context.prefix.toLowerCase());
    return item;
  });
}

/** Current and upcoming sprints first, then sprint names already written in comments. */
function sprintChoices(session: WorkspaceSession, today: string): ValueChoice[] {
  const out = new Map<string, string>();
  try {
    const all = resolveSprints(session.settings, today);
    for (const s of all.filter((x) => sprintPhase(x, today) === 'active')) out.set(s.name, `current · ${s.start} → ${s.end}`);
    for (const s of all.filter((x) => sprintPhase(x, today) === 'planned').sort((a, b) => a.start.localeCompare(b.start))) out.set(s.name, `${s.start} → ${s.end}`);
  } catch {
    // An unresolvable cadence leaves the names in use.
  }
  for (const item of session.items()) {
    const sprint = item.ledger?.sprint ?? item.debt.sprint;
    if (sprint && !out.has(sprint)) out.set(sprint, 'in use');
  }
  return [...out].map(([value, detail]) => ({ value, detail }));
}

function labelsInUse(session: WorkspaceSession): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of session.items()) for (const label of item.debt.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function ownersInUse(session: WorkspaceSession): OwnerChoice[] {
  const counts = new Map<string, number>();
  for (const item of session.items()) for (const owner of item.debt.owners) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([handle, n]) => ({ handle, detail: `owns ${plural(n, 'item')}` }));
}

function merge(first: OwnerChoice[], then: OwnerChoice[]): OwnerChoice[] {
  const seen = new Set(first.map((o) => o.handle.toLowerCase()));
  return [...first, ...then.filter((o) => !seen.has(o.handle.toLowerCase()) && seen.add(o.handle.toLowerCase()))];
}

/** CODEOWNERS owners, then git authors by commits. */
async function readOwners(root: string): Promise<OwnerChoice[]> {
  const out: OwnerChoice[] = [];
  for (const relative of CODEOWNERS_PATHS) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.Uri.file(root), relative));
      for (const handle of parseCodeowners(new TextDecoder().decode(bytes))) out.push({ handle, detail: relative });
      break;
    } catch {
      // No CODEOWNERS there.
    }
  }
  for (const author of await createGitClient({ cwd: root, env: process.env }).authors()) {
    const handle = ownerHandle(author.email, author.name);
    if (handle) out.push({ handle, detail: `${author.name} · ${plural(author.commits, 'commit')}` });
  }
  return merge([], out);
}
