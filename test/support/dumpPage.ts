// Writes a workspace's budget page (the panel's view model) as JSON, for working on the webview:
//   npx tsx test/support/dumpPage.ts <workspaceDir> <out.json> <today> [sprint]
// The workspace is copied to a temp folder first, so nothing is written into it.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nodePorts, openWorkspace } from '../../src/engine';

async function main(): Promise<void> {
  const [src, out, today, sprint] = process.argv.slice(2);
  if (!src || !out || !today) throw new Error('usage: dumpPage.ts <workspaceDir> <out.json> <today> [sprint]');
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-page-')), path.basename(src));
  cpSync(src, dir, { recursive: true });
  const workspace = await openWorkspace(dir, nodePorts(dir, { env: {}, git: false }), { workers: 0 });
  writeFileSync(out, JSON.stringify(await workspace.budgetPage({ today, sprint: sprint || null, planning: true }), null, 2) + '\n');
}

void main();
