// The tracker sync as a user meets it in code-server (issue 13): "Create ticket" from a code
// action on an annotation, against the contract-checked GitHub fake on 127.0.0.1 (started here,
// in the driver's process); the token typed once into the prompt that names the host; the
// reference written into the comment after confirmation; then "Paydown: Sync with Issue Tracker" shows
// its preview and finds nothing to do. Called by uiTest.ts after the panel's checks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitHubFake, GitLabFake } from '../../trackers/fake';
import { BASE_SETTINGS, editorText, goToLine, openFile, THEMES } from './debtView';
import type { PanelContext } from './panel';
import { log, runCommandMatching, screenshot, waitForTheme, waitUntil, workbenchUrl, writeUserSettings } from './workbench';

const TOKEN = 'ghp_paydownFakeToken';
const FILE = 'src/billing/invoice.ts';
const ID = 'PD-1NV01C';

/** Runs on the UI test's server and page, as the panel's checks do. */
export async function trackerChecks(ctx: PanelContext): Promise<void> {
  const { page, base, wsDir, settingsFile, shots, checks } = ctx;
  const github = await new GitHubFake().start();
  const folder = path.join(wsDir, 'tracker');
  try {
    // A copy of the basic folder as the checks before left it (the panel's may have planned more
    // items): `create: "none"` keeps tickets to the ones asked for, so what follows does not
    // depend on that.
    fs.cpSync(path.join(wsDir, 'basic'), folder, { recursive: true });
    const configFile = path.join(folder, '.paydown', 'config.jsonc');
    const config = fs.readFileSync(configFile, 'utf8').replace(/\}\s*$/, `,\n  "trackers": { "github": { "repo": "paydown-dev/sample", "apiUrl": "${github.url}", "create": "none" } }\n}\n`);
    fs.writeFileSync(configFile, config);
    writeUserSettings(settingsFile, { ...BASE_SETTINGS, 'workbench.colorTheme': THEMES.light });

    const created = await checks.run('trackers: "Create ticket in GitHub" from the code action makes one ticket, after the token is typed for that host', async () => {
      await page.goto(workbenchUrl(base, folder));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await waitForTheme(page, 'light');
      await openFile(page, FILE);
      const line = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').findIndex((l) => l.includes(ID)) + 1;
      await goToLine(page, line);
      // The code actions of the annotation under the cursor (Ctrl+.), retried until the extension has read the file.
      const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Create ticket in GitHub' }).first();
      await waitUntil(async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        return action.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      }, 30_000, async () => `no "Create ticket in GitHub" action; the menu shows ${JSON.stringify(await page.locator('.action-widget').innerText().catch(() => '(no menu)'))}`);
      await screenshot(page, shots, 'tracker-code-action-light');
      await action.click();
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 20_000 });
      const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      if (!title.includes(new URL(github.url).origin)) throw new Error(`the token prompt does not name the host it is for: ${JSON.stringify(title)}`);
      await screenshot(page, shots, 'tracker-token-prompt-light');
      await input.fill(TOKEN);
      await page.keyboard.press('Enter');
      await waitUntil(async () => github.issues.size === 1, 30_000, () => `GitHub holds ${github.issues.size} issues; requests: ${github.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
      const issue = [...github.issues.values()][0]!;
      if (!issue.body?.includes(`<!-- paydown:${ID} -->`)) throw new Error(`the ticket's body has no marker: ${JSON.stringify(issue.body)}`);
      log(`ticket #${issue.number}: ${issue.title}`);
    });

    const written = await checks.run('trackers: after confirmation, the reference is written into the comment and the ledger links the ticket', async () => {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Write GH-1 into the comment/ }).first();
      await toast.waitFor({ timeout: 20_000 });
      await screenshot(page, shots, 'tracker-write-reference-light');
      await toast.locator('.monaco-button', { hasText: 'Write Reference' }).click();
      await waitUntil(async () => (await editorText(page)).includes(`${ID}, GH-1)`), 20_000, async () => `the editor shows ${JSON.stringify((await editorText(page)).split('\n').filter((l) => l.includes(ID)))}`);
      const onDisk = fs.readFileSync(path.join(folder, FILE), 'utf8');
      if (!onDisk.includes(`// DEBT(alice, ${ID}, GH-1): Tax lines`)) throw new Error(`the file holds ${JSON.stringify(onDisk.split('\n').find((l) => l.includes(ID)))}`);
      const ledger = fs.readFileSync(path.join(folder, '.paydown', 'ledger', `${ID}.json`), 'utf8');
      if (!ledger.includes('"key":"paydown-dev/sample#1"')) throw new Error(`the ledger has no link: ${ledger}`);
      if (github.issues.size !== 1) throw new Error(`${github.issues.size} tickets`);
      await screenshot(page, shots, 'tracker-reference-written-light');
    }, { after: created });

    await checks.run('trackers: "Paydown: Sync with Issue Tracker" previews, then finds everything in sync; the token is in no file', async () => {
      await runCommandMatching(page, 'Paydown: Sync with Issue Tracker', /Paydown: Sync with Issue Tracker/);
      const done = page.locator('.notifications-toasts .notification-toast', { hasText: /in sync with GitHub|Sync paydown-dev\/sample with GitHub/ }).first();
      await done.waitFor({ timeout: 30_000 });
      const text = await done.innerText();
      await screenshot(page, shots, 'tracker-sync-light');
      if (!/in sync with GitHub/.test(text)) throw new Error(`expected nothing to sync; it says ${JSON.stringify(text)}`);
      if (github.issues.size !== 1) throw new Error(`a second ticket: ${github.issues.size}`);
      const leaks = filesUnder(folder).filter((f) => fs.readFileSync(f, 'utf8').includes(TOKEN));
      const settings = fs.readFileSync(settingsFile, 'utf8');
      if (leaks.length > 0 || settings.includes(TOKEN)) throw new Error(`the token is in ${leaks.join(', ') || settingsFile}`);
      github.assertNoViolations();
    }, { after: written });

    await checks.run('trackers: a ticket closed on GitHub: the preview says so before anything is sent, and "Sync" brings the state into the ledger', async () => {
      const issue = github.issue(1)!;
      issue.state = 'closed';
      issue.stateReason = 'completed';
      issue.updatedAt = github.clock.iso();
      const writes = github.requests.filter((r) => r.method !== 'GET').length;
      await runCommandMatching(page, 'Paydown: Sync with Issue Tracker', /Paydown: Sync with Issue Tracker/);
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ timeout: 30_000 });
      const text = (await dialog.innerText()).replace(/\s+/g, ' ');
      await screenshot(page, shots, 'tracker-sync-preview-light');
      if (!/closed upstream, debt still in the code/.test(text) || !/paydown-dev\/sample#1/.test(text)) throw new Error(`the preview says ${JSON.stringify(text)}`);
      if (github.requests.filter((r) => r.method !== 'GET').length !== writes) throw new Error('the preview sent a write');
      await dialog.locator('.monaco-button', { hasText: /^Sync$/ }).click();
      const ledgerFile = path.join(folder, '.paydown', 'ledger', `${ID}.json`);
      await waitUntil(async () => fs.readFileSync(ledgerFile, 'utf8').includes('"state":"closed"'), 30_000, () => `the ledger says ${fs.readFileSync(ledgerFile, 'utf8')}`);
      // Without "Sync and Edit Code" the annotation stays: removing code is the user's call.
      if (!fs.readFileSync(path.join(folder, FILE), 'utf8').includes(`${ID}, GH-1`)) throw new Error('the annotation was removed without being asked to');
      github.assertNoViolations();
    }, { after: written });
  } finally {
    await github.stop();
  }
  await gitlabChecks(ctx);
}

const GITLAB_TOKEN = 'glpat-paydownFakeToken';

/**
 * The same door for a tracker without a VS Code sign-in: GitLab (self-managed, on the fake's
 * host). "Create ticket in GitLab", the token typed once into the prompt naming that host, GL-1
 * written back; then "Forget Tracker Tokens" removes it, and a sync says it has none.
 */
async function gitlabChecks(ctx: PanelContext): Promise<void> {
  const { page, base, wsDir, shots, checks } = ctx;
  const gitlab = await new GitLabFake().start();
  const folder = path.join(wsDir, 'tracker-gitlab');
  try {
    fs.cpSync(path.join(wsDir, 'basic'), folder, { recursive: true });
    const configFile = path.join(folder, '.paydown', 'config.jsonc');
    const config = fs.readFileSync(configFile, 'utf8').replace(/\}\s*$/, `,\n  "trackers": { "gitlab": { "project": "paydown-dev/sample", "apiUrl": "${gitlab.apiUrl}", "create": "none" } }\n}\n`);
    fs.writeFileSync(configFile, config);
    const origin = new URL(gitlab.apiUrl).origin;

    const created = await checks.run('trackers: "Create ticket in GitLab" asks for a token naming the GitLab host, creates one issue and writes GL-1 back', async () => {
      await page.goto(workbenchUrl(base, folder));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await openFile(page, FILE);
      const line = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').findIndex((l) => l.includes(ID)) + 1;
      await goToLine(page, line);
      const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Create ticket in GitLab' }).first();
      await waitUntil(async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+.');
        return action.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      }, 30_000, async () => `no "Create ticket in GitLab" action; the menu shows ${JSON.stringify(await page.locator('.action-widget').innerText().catch(() => '(no menu)'))}`);
      await action.click();
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 20_000 });
      const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      if (!title.includes('GitLab') || !title.includes(origin)) throw new Error(`the token prompt does not name GitLab and its host: ${JSON.stringify(title)}`);
      await screenshot(page, shots, 'tracker-gitlab-token-prompt-light');
      await input.fill(GITLAB_TOKEN);
      await page.keyboard.press('Enter');
      await waitUntil(async () => gitlab.issues.length === 1, 30_000, () => `GitLab holds ${gitlab.issues.length} issues; requests: ${gitlab.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
      if (!gitlab.issues[0]!.description?.includes(`<!-- paydown:${ID} -->`)) throw new Error(`the issue has no marker: ${JSON.stringify(gitlab.issues[0]!.description)}`);
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Write GL-1 into the comment/ }).first();
      await toast.waitFor({ timeout: 20_000 });
      await toast.locator('.monaco-button', { hasText: 'Write Reference' }).click();
      await waitUntil(async () => fs.readFileSync(path.join(folder, FILE), 'utf8').includes(`${ID}, GL-1)`), 20_000, () => `the file holds ${JSON.stringify(fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').find((l) => l.includes(ID)))}`);
      await screenshot(page, shots, 'tracker-gitlab-reference-written-light');
      gitlab.assertNoViolations();
    });

    await checks.run('trackers: "Forget Tracker Tokens" removes the stored token: the next sync says it has none and sends nothing', async () => {
      await runCommandMatching(page, 'Paydown: Forget Tracker Tokens', /Paydown: Forget Tracker Tokens/);
      const forgot = page.locator('.notifications-toasts .notification-toast', { hasText: /forgot/ }).first();
      await forgot.waitFor({ timeout: 20_000 });
      const said = await forgot.innerText();
      if (!said.includes(origin)) throw new Error(`the message does not name the host: ${JSON.stringify(said)}`);
      const before = gitlab.requests.length;
      await runCommandMatching(page, 'Paydown: Sync with Issue Tracker', /Paydown: Sync with Issue Tracker/);
      const done = page.locator('.notifications-toasts .notification-toast', { hasText: /in sync with GitLab|Sync paydown-dev\/sample with GitLab/ }).first();
      await done.waitFor({ timeout: 30_000 });
      const text = await done.innerText();
      await screenshot(page, shots, 'tracker-gitlab-no-token-light');
      if (!/no token/.test(text)) throw new Error(`expected the sync to say it has no token; it says ${JSON.stringify(text)}`);
      if (gitlab.requests.length !== before) throw new Error(`a sync without a token sent ${gitlab.requests.length - before} requests`);
    }, { after: created });

    await checks.run('trackers: a folder whose sprints come from GitLab: "Sync with Issue Tracker" reads the iterations without a confirmation and says what it cached', async () => {
      const sprintsFolder = path.join(wsDir, 'tracker-gitlab-sprints');
      fs.cpSync(path.join(wsDir, 'basic'), sprintsFolder, { recursive: true });
      const tags = /"tags": \[[^\]]*\]/.exec(fs.readFileSync(configFile, 'utf8'))![0];
      fs.writeFileSync(
        path.join(sprintsFolder, '.paydown', 'config.jsonc'),
        `{\n  ${tags},\n  "sprints": { "from": "gitlab", "project": "paydown-dev/sample", "capacity": 40, "debtBudget": "25%" },\n  "trackers": { "gitlab": { "project": "paydown-dev/sample", "apiUrl": "${gitlab.apiUrl}", "create": "none" } }\n}\n`,
      );
      const cache = path.join(sprintsFolder, '.paydown', 'tracker-sprints.json');
      await page.goto(workbenchUrl(base, sprintsFolder));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await runCommandMatching(page, 'Paydown: Sync with Issue Tracker', /Paydown: Sync with Issue Tracker/);
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 30_000 });
      await input.fill(GITLAB_TOKEN);
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Sprints from GitLab/ }).first();
      await toast.waitFor({ timeout: 30_000 });
      const said = await toast.innerText();
      await screenshot(page, shots, 'tracker-gitlab-sprints-refreshed-light');
      if (!/Sprints from GitLab project paydown-dev\/sample: \d+ added; \d+ in all\. \.paydown\/tracker-sprints\.json updated: commit it/.test(said)) throw new Error(`the toast says ${JSON.stringify(said)}`);
      if (!fs.existsSync(cache)) throw new Error('no .paydown/tracker-sprints.json was written');
      if (gitlab.issues.length !== 1) throw new Error(`a sprints refresh touched the tickets: GitLab holds ${gitlab.issues.length}`);
    }, { after: created });
  } finally {
    await gitlab.stop();
  }
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => !f.includes(`${path.sep}.git${path.sep}`) && fs.statSync(f).isFile());
}
