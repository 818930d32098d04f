/** Commander accumulator for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** An AbortSignal that fires on Ctrl-C, so a scan stops its workers before the process ends. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  return controller.signal;
}
