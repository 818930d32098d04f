import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git, gitWith } from './git';

/**
 * A throw-away git repository (or plain folder) with helpers to write files and commit as
 * someone: the one temp repository of every test suite, its git isolated (./git.ts).
 */
export class TempRepo {
  readonly root: string;

  /** `baseDir` defaults to the OS temp folder. */
  constructor(init = true, prefix = 'paydown-git-', baseDir = tmpdir()) {
    this.root = mkdtempSync(join(baseDir, prefix));
    if (!init) return;
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.name', 'Default Person');
    this.git('config', 'user.email', 'default@example.com');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return git(this.root, ...args);
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), text);
  }

  /** `git mv`, creating the target folder first. */
  mv(from: string, to: string): void {
    mkdirSync(dirname(join(this.root, to)), { recursive: true });
    this.git('mv', from, to);
  }

  remove(file: string): void {
    unlinkSync(join(this.root, file));
  }

  /** Stages everything and commits as `author` (at `date`, when given); returns the new commit. */
  commit(message: string, author = 'Default Person', date?: string): string {
    this.git('add', '-A');
    const email = `${author.split(' ')[0]!.toLowerCase()}@example.com`;
    const when = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
    gitWith({ GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: email, ...when }, this.root, 'commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
