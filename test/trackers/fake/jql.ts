// A small JQL: enough for a sync client (project, key, text search, labels, status and its
// category, sprint, updated/created with absolute or relative dates, AND/OR/NOT, parentheses,
// ORDER BY). Anything else is refused the way Jira refuses a bad query (400), and reported so
// the test learns the fake fell short rather than seeing a wrong answer.
// https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/

/** Thrown for a query the fake cannot read; `unsupported` when it is valid JQL the fake lacks. */
export class JqlError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

type Value = string | number | { fn: string };
type Node =
  | { kind: 'and'; left: Node; right: Node }
  | { kind: 'or'; left: Node; right: Node }
  | { kind: 'not'; node: Node }
  | { kind: 'clause'; field: string; op: string; values: Value[] };

export interface JqlQuery {
  where: Node | undefined;
  orderBy: Array<{ field: string; desc: boolean }>;
}

/** What a query reads from an issue; `text` is the plain text of summary, description, comments. */
export interface JqlSubject {
  id: string;
  key: string;
  project: string;
  summary: string;
  description: string;
  comments: string;
  labels: string[];
  status: string;
  statusCategory: string;
  sprint: number | null;
  sprintState: string | null;
  updated: number;
  created: number;
}

const FIELDS = new Set(['project', 'key', 'issuekey', 'id', 'text', 'summary', 'description', 'comment', 'labels', 'status', 'statuscategory', 'sprint', 'updated', 'created']);

function tokenize(jql: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|!~|>=|<=|[=~<>(),]|[^\s=~<>(),!"']+)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < jql.length && (m = re.exec(jql))) out.push(m[1]!);
  if (jql.slice(re.lastIndex).trim()) throw new JqlError(`Error in the JQL Query: cannot read "${jql.slice(re.lastIndex).trim()}"`);
  return out;
}

export function parseJql(jql: string): JqlQuery {
  const t = tokenize(jql);
  let i = 0;
  const peek = (): string | undefined => t[i];
  const word = (w: string): boolean => peek()?.toLowerCase() === w;
  const next = (): string => {
    const x = t[i++];
    if (x === undefined) throw new JqlError('Error in the JQL Query: the query ended too soon');
    return x;
  };
  const value = (): Value => {
    const x = next();
    if (/^["']/.test(x)) return x.slice(1, -1).replace(/\\(.)/g, '$1');
    if (peek() === '(') {
      next();
      if (next() !== ')') throw new JqlError(`the fake does not implement arguments of ${x}()`, true);
      return { fn: x.toLowerCase() };
    }
    return /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : x;
  };
  const clause = (): Node => {
    if (peek() === '(') {
      next();
      const n = or();
      if (next() !== ')') throw new JqlError('Error in the JQL Query: expected )');
      return n;
    }
    if (word('not')) {
      next();
      return { kind: 'not', node: clause() };
    }
    const field = next().toLowerCase().replace(/^"|"$/g, '');
    if (!FIELDS.has(field)) throw new JqlError(`the fake does not implement the JQL field "${field}"`, true);
    let op = next().toLowerCase();
    if (op === 'not' && word('in')) op = `not ${next().toLowerCase()}`;
    if (op === 'is' && word('not')) op = `is ${next().toLowerCase()}`;
    if (!['=', '!=', '~', '!~', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'].includes(op)) throw new JqlError(`Error in the JQL Query: "${op}" is not an operator`);
    const values: Value[] = [];
    if (op === 'in' || op === 'not in') {
      if (next() !== '(') throw new JqlError('Error in the JQL Query: expected (');
      for (;;) {
        values.push(value());
        const sep = next();
        if (sep === ')') break;
        if (sep !== ',') throw new JqlError('Error in the JQL Query: expected , or )');
      }
    } else values.push(value());
    return { kind: 'clause', field, op, values };
  };
  const and = (): Node => {
    let n = clause();
    while (word('and')) {
      next();
      n = { kind: 'and', left: n, right: clause() };
    }
    return n;
  };
  const or = (): Node => {
    let n = and();
    while (word('or')) {
      next();
      n = { kind: 'or', left: n, right: and() };
    }
    return n;
  };
  const where = peek() === undefined || word('order') ? undefined : or();
  const orderBy: JqlQuery['orderBy'] = [];
  if (word('order')) {
    next();
    if (next().toLowerCase() !== 'by') throw new JqlError('Error in the JQL Query: expected BY');
    for (;;) {
      const field = next().toLowerCase();
      if (!['updated', 'created', 'key', 'id'].includes(field)) throw new JqlError(`the fake does not implement ORDER BY ${field}`, true);
      const desc = word('desc') ? (next(), true) : word('asc') ? (next(), false) : false;
      orderBy.push({ field, desc });
      if (peek() !== ',') break;
      next();
    }
  }
  if (peek() !== undefined) throw new JqlError(`Error in the JQL Query: unexpected "${peek()}"`);
  return { where, orderBy };
}

/**
 * A JQL date: "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd" (in the
 * user's time zone, UTC here; minute precision), or relative "-5m", "-2h", "-1d", "-1w".
 */
export function jqlDate(v: Value, now: number): number {
  if (typeof v === 'object') {
    if (v.fn === 'now') return now;
    throw new JqlError(`the fake does not implement ${v.fn}()`, true);
  }
  const s = String(v);
  const rel = /^([-+]?)(\d+)([mhdw])$/.exec(s);
  if (rel) return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[3] as 'm']!;
  const abs = /^(\d{4})[/-](\d{2})[/-](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(s);
  if (!abs) throw new JqlError(`Error in the JQL Query: date value '${s}' is invalid (yyyy/MM/dd HH:mm, yyyy-MM-dd or a relative -1d)`);
  return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0));
}

export function matchJql(node: Node | undefined, s: JqlSubject, now: number): boolean {
  if (!node) return true;
  if (node.kind === 'not') return !matchJql(node.node, s, now);
  if (node.kind === 'and') return matchJql(node.left, s, now) && matchJql(node.right, s, now);
  if (node.kind === 'or') return matchJql(node.left, s, now) || matchJql(node.right, s, now);
  const { field, op, values } = node;
  const ci = (x: Value): string => String(typeof x === 'object' ? x.fn : x).toLowerCase();
  const eqAny = (actual: string | number | null, list: Value[]): boolean => list.some((v) => actual !== null && ci(v) === String(actual).toLowerCase());
  const textOf = (): string => (field === 'text' ? [s.summary, s.description, s.comments].join('\n') : field === 'summary' ? s.summary : field === 'description' ? s.description : s.comments).toLowerCase();
  switch (field) {
    case 'text':
    case 'summary':
    case 'description':
    case 'comment': {
      // Jira matches words (with stemming); the fake matches the phrase as a substring.
      if (op !== '~' && op !== '!~') throw new JqlError(`Error in the JQL Query: the operator '${op}' is not supported by the '${field}' field`);
      const hit = textOf().includes(ci(values[0]!));
      return op === '~' ? hit : !hit;
    }
    case 'labels': {
      if (op === 'is' || op === 'is not') return (s.labels.length === 0) === (op === 'is');
      const hit = s.labels.some((l) => eqAny(l, values));
      return op === '=' || op === 'in' ? hit : !hit;
    }
    case 'sprint': {
      if (op === 'is' || op === 'is not') return (s.sprint === null) === (op === 'is');
      const fn = values.find((v): v is { fn: string } => typeof v === 'object');
      const hit = fn ? (fn.fn === 'opensprints' ? s.sprintState === 'active' || s.sprintState === 'future' : fn.fn === 'closedsprints' ? s.sprintState === 'closed' : ((): never => { throw new JqlError(`the fake does not implement ${fn.fn}()`, true); })()) : eqAny(s.sprint, values);
      return op === '=' || op === 'in' ? hit : !hit;
    }
    case 'updated':
    case 'created': {
      const actual = field === 'updated' ? s.updated : s.created;
      const at = jqlDate(values[0]!, now);
      // Minute precision, as Jira compares.
      const a = Math.floor(actual / 60_000) * 60_000;
      return op === '>' ? a > at : op === '>=' ? a >= at : op === '<' ? a < at : op === '<=' ? a <= at : op === '=' ? a === at : op === '!=' ? a !== at : ((): never => { throw new JqlError(`Error in the JQL Query: '${op}' on ${field}`); })();
    }
    default: {
      const actual = { project: s.project, key: s.key, issuekey: s.key, id: s.id, status: s.status, statuscategory: s.statusCategory }[field]!;
      const list = field === 'statuscategory' ? values.map((v) => ({ 'to do': 'new', 'in progress': 'indeterminate', done: 'done' })[ci(v)] ?? ci(v)) : values;
      const hit = eqAny(actual, list);
      if (op === '=' || op === 'in') return hit;
      if (op === '!=' || op === 'not in') return !hit;
      throw new JqlError(`Error in the JQL Query: the operator '${op}' is not supported by the '${field}' field`);
    }
  }
}
