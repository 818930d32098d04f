// What the drivers read from outside the browser: the extension host's memory (from /proc, by the
// server's process group) and the extension's own log lines (Output › Paydown, as files in the
// server's user-data folder).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The newest extension host process of the code-server whose process group is `pgid` (Linux). */
export function extensionHostPid(pgid: number): number | undefined {
  let newest: { pid: number; start: number } | undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state ppid pgrp … (starttime is the 20th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      // The host itself, not a process it started (their command lines may quote its arguments).
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes('--type=extensionHost')) continue;
      const start = Number(fields[19]);
      if (!newest || start > newest.start) newest = { pid: Number(entry), start };
    } catch {
      // The process ended while we looked.
    }
  }
  return newest?.pid;
}

/** Resident memory of a process in MB (VmRSS), or undefined when it is gone. */
export function rssMB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Every line of the extension's log (Output › Paydown) of each window so far, oldest window first. */
export function paydownLogs(userDataDir: string): string[][] {
  const logs = path.join(userDataDir, 'logs');
  const out: { key: string; lines: string[] }[] = [];
  if (!fs.existsSync(logs)) return [];
  for (const session of fs.readdirSync(logs).sort()) {
    const dir = path.join(logs, session);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const host of fs.readdirSync(dir)) {
      const file = path.join(dir, host, 'paydown.paydown', 'Paydown.log');
      if (!fs.existsSync(file)) continue;
      const n = Number(/(\d+)$/.exec(host)?.[1] ?? 0);
      out.push({ key: `${session}/${String(n).padStart(4, '0')}`, lines: fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1)).map((x) => x.lines);
}
