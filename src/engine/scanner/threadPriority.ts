/**
 * A thread's scheduling priority, for scans whose walkers give way to the editor (a worker thread
 * lowers its own; the editor's scan thread lowers itself when it walks with them).
 */
import * as os from 'node:os';

/**
 * Lowers the calling thread's priority to `nice` (never raises it). Only on Linux, where each
 * thread has its own nice value (and threads and processes it starts inherit it); elsewhere
 * `setpriority` would lower the whole process, the editor with it.
 */
export function lowerThreadPriority(nice: number): void {
  if (!(nice > 0) || process.platform !== 'linux') return;
  try {
    if (os.getPriority(0) < nice) os.setPriority(0, Math.min(19, nice));
  } catch {
    // Not allowed here (a container's policy): the scan runs at the caller's priority.
  }
}

/** Whether the calling thread runs at `nice` or lower priority (Linux: priority is per thread). */
export function threadNiceAtLeast(nice: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    return os.getPriority(0) >= nice;
  } catch {
    return false;
  }
}
