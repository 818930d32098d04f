/** What `paydown export -o FILE` tells on stderr once the file is written. */
import { plural } from '../../engine';
import { safeText } from './terminal';

/** `Exported 3 items as csv to debt.csv (sprint S24) from /work/acme`. */
export function exportedToText(e: { count: number; format: string; file: string; sprint: string | null; root: string }): string {
  return `${safeText(`Exported ${plural(e.count, 'item')} as ${e.format} to ${e.file}${e.sprint ? ` (sprint ${e.sprint})` : ''} from ${e.root}`)}\n`;
}
