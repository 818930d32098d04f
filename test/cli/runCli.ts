import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { git, ISOLATED_GIT_ENV } from '../support/git';

export const repoRoot = path.resolve(__dirname, '../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
let built = false;

/** Builds the bundles once per test run, so CLI tests always exercise the current sources. */
export function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  built = true;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `paydown` like a user would: a separate process, its own cwd and environment. */
export function paydown(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): CliRun {
  // A timeout (SIGKILL, status null) turns a hang into a failed assertion instead of a stuck suite;
  // the output of a large scan is kept whole (spawnSync cuts it at 1 MB by default).
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd, env: cliEnv(options.env), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The built `paydown` to its end without blocking this process: for tests whose fake servers
 * live here and must answer while the CLI runs. Stdin is closed at once.
 */
export function runPaydown(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = startPaydown(args, { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Starts the built `paydown` without waiting for it, for tests that talk to it while it runs. */
export function startPaydown(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env: cliEnv(options.env) });
}

/**
 * The test's environment without colour settings and with git isolated from the user's config
 * (test/support/git.ts), then `extra` (undefined values remove a variable).
 */
function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ISOLATED_GIT_ENV, NO_COLOR: undefined, FORCE_COLOR: undefined, ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** The built CLI's path, for tests that run it through a shell. */
export const cliPath = cli;

/** A temp folder holding `files` (path → content). */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'paydown-cli-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** A temp git repository holding `files`, committed (by A <a@example.com>). */
export function gitWorkspace(files: Record<string, string | Buffer>): string {
  const root = workspace(files);
  const run = (...args: string[]): string => git(root, '-c', 'user.name=A', '-c', 'user.email=a@example.com', ...args);
  run('init', '-q');
  run('add', '-A');
  run('commit', '-qm', 'initial', '--allow-empty');
  return root;
}
