import type { ExportItem } from '../../../src/engine/export';

/** An export item with sensible defaults; `patch` overrides any field. */
export function exportItem(patch: Partial<ExportItem> = {}): ExportItem {
  return {
    id: 'PD-7Q2K9A',
    status: 'open',
    tag: 'DEBT',
    title: 'Replace the retry loop',
    body: '',
    file: 'src/pay.ts',
    line: 12,
    column: 4,
    cell: null,
    effort: 3,
    impact: 'high',
    sprint: null,
    outcome: null,
    owners: ['alice'],
    labels: ['payments'],
    due: null,
    issueRefs: [],
    firstSeen: '2026-10-01T09:00:00.000Z',
    resolvedAt: null,
    interest: null,
    ...patch,
  };
}

/**
 * A small, strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes and embedded
 * line breaks. Throws on anything the RFC does not allow (a bare quote, a lone CR or LF outside
 * quotes), so a test round-trip also checks the writer's grammar.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            return value;
          }
        } else value += text[i++];
      }
    }
    let value = '';
    while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
      if (text[i] === '"' || text[i] === '\n') throw new Error(`unquoted ${JSON.stringify(text[i])} at ${i}`);
      value += text[i++];
    }
    return value;
  };
  while (i < text.length) {
    record.push(field());
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (record.length) throw new Error('last record does not end in CRLF');
  return records;
}
