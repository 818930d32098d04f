/**
 * Jira issues as a {@link TrackerClient}: Cloud over REST v3, Data Center over REST v2, both with
 * the Agile 1.0 API for sprints, over the shared request layer (retries, limits, pacing, token
 * pinning; see `api.ts`).
 *
 * Invariants:
 * - Tickets are found by the marker line their description ends with (`adf.ts`), first through a
 *   search for Paydown's first label, then through a text search for tickets whose label a user
 *   removed. Cloud's search index lags writes: the issues this client created are read fresh
 *   (`reconcileIssues`).
 * - A create whose answer is lost is never resent here: `outcome-unknown` goes to the engine,
 *   which looks the marker up before creating again. A create Jira refused for an optional field
 *   (assignee, story points) is sent once more without it.
 * - An edit reads the ticket first and sends only what differs from it (summary and story points
 *   in one `PUT`, the sprint through the Agile API), so a replay writes nothing; a refused story
 *   points field is left out as on create.
 * - Closing comments once (a replay finds its comment and does not repeat it), then moves the
 *   ticket along a transition into the "done" status category; a done ticket is left alone.
 */
import { PaydownError } from '../../errors';
import { silentLogger } from '../../ports';
import { TrackerError, type RemoteTicket, type TicketDraft, type TicketPatch, type TrackerClient } from '../model';
import { jiraMarkerItemId, markdownToAdf, markdownToWiki, richText } from './adf';
import { createJiraApi, searchIssues, type JiraIssueJson, type JiraSiteOptions } from './api';
import { jiraBrowseUrl, parseJiraKey } from './naming';
import { boardSprints, type JiraSprintJson } from './sprints';

/** What a Jira client needs. */
export interface JiraClientOptions extends JiraSiteOptions {
  /** Project key: `PAY`. */
  project: string;
  /** Issue type name for new tickets (default "Task"). */
  issueType: string;
  labels: readonly string[];
  /** The story points custom field id (`customfield_10016`), or null: no estimate is sent. */
  storyPointsField: string | null;
  /** The board whose sprints a ticket joins (by the draft's sprint name), or null. */
  board: number | null;
  /** Name of the transition (or target status) that closes; null: the first transition whose target status category is "done". */
  doneTransition: string | null;
}

interface Status {
  name?: string;
  statusCategory?: { key?: string };
}
interface Transition {
  id: string;
  name?: string;
  to?: Status;
}
interface Comment {
  body?: unknown;
}

/** The fields Paydown reads; the sprint field's id is looked up per site. */
const FIELDS = ['summary', 'description', 'status', 'resolution', 'labels', 'assignee', 'updated'];
const SPRINT_FIELD_TYPE = 'com.pyxis.greenhopper.jira:gh-sprint';
/** Jira keeps a summary to 255 characters. */
const SUMMARY_LIMIT = 255;
/**
 * Minutes added to a `changedSince` window: JQL compares to the minute, and a relative date is
 * read when each page is served, so the window must outlast the listing.
 */
const CHANGED_MARGIN_MINUTES = 5;

/** A title as a Jira summary: one line, at most 255 characters; empty when nothing is left. */
const summaryOf = (title: string): string => title.replace(/\s*[\r\n]+\s*/g, ' ').trim().slice(0, SUMMARY_LIMIT);

/** `text` as a JQL string literal. */
const jqlString = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

/**
 * A label Jira accepts: labels cannot hold spaces (the UI splits on them and the API refuses them),
 * so runs of whitespace become one `-`, as Atlassian advises for multi-word labels.
 */
export function jiraLabel(label: string): string {
  return label.trim().replace(/\s+/g, '-').slice(0, 255);
}

/** A Jira timestamp (`2026-03-02T09:00:01.000+0000`) as ISO 8601 UTC; the text itself when unreadable. */
function isoOf(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : text;
}

/** A sprint as a sprint field's value gives it. */
interface FieldSprint {
  id: number | null;
  name: string;
  state: string;
}

/**
 * The sprints in a sprint field's value: Cloud and recent DC give objects, older DC strings like
 * `…Sprint@1a2b[id=2,rapidViewId=1,state=ACTIVE,name=Sprint 2,…]`.
 */
function fieldSprints(value: unknown): FieldSprint[] {
  if (!Array.isArray(value)) return [];
  const sprints: FieldSprint[] = [];
  for (const v of value) {
    if (v && typeof v === 'object') {
      const s = v as { id?: unknown; name?: unknown; state?: unknown };
      if (typeof s.name === 'string') sprints.push({ id: typeof s.id === 'number' ? s.id : null, name: s.name, state: String(s.state ?? '').toLowerCase() });
      continue;
    }
    if (typeof v !== 'string') continue;
    const name = /[[,]name=(.*?)(?:,\w+=|\]$)/.exec(v)?.[1];
    if (name === undefined) continue;
    const id = Number(/[[,]id=(\d+)/.exec(v)?.[1]);
    sprints.push({ id: Number.isInteger(id) ? id : null, name, state: (/[[,]state=(\w+)/.exec(v)?.[1] ?? '').toLowerCase() });
  }
  return sprints;
}

/**
 * The name of the open (active, else future) sprint in a sprint field's value; with `boardSprints`
 * (the ids of a board's open sprints), only one of those: another board's sprint, whatever its
 * name, is not a sprint of this board.
 */
export function openSprintName(value: unknown, boardSprints?: ReadonlySet<number>): string | null {
  const sprints = fieldSprints(value).filter((s) => boardSprints === undefined || (s.id !== null && boardSprints.has(s.id)));
  return (sprints.find((s) => s.state === 'active') ?? sprints.find((s) => s.state === 'future'))?.name ?? null;
}

/**
 * Whether a sprint field's value holds the sprint of this id as open: the sprint a ticket is in
 * is told by id, as another board may well have an open sprint of the same name.
 */
export function inOpenSprint(value: unknown, sprintId: number): boolean {
  return fieldSprints(value).some((s) => s.id === sprintId && (s.state === 'active' || s.state === 'future'));
}

/** How a ticket's sprint is read: see `sprintReading` in {@link createJiraClient}. */
interface SprintReading {
  field: string | null;
  board: ReadonlySet<number> | undefined;
}

/** A {@link TrackerClient} for one Jira project. */
export function createJiraClient(options: JiraClientOptions): TrackerClient {
  const api = createJiraApi(options);
  const { http } = api;
  const project = options.project.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_]*$/.test(project)) throw new TrackerError('invalid', `Jira project must be a project key like PAY, got ${JSON.stringify(options.project)}`);
  const cloud = options.deployment === 'cloud';
  const logger = options.logger ?? silentLogger;
  const labels = [...new Set(options.labels.map(jiraLabel).filter(Boolean))];
  const issueType = options.issueType.trim() || 'Task';
  const rich = (markdown: string): unknown => (cloud ? markdownToAdf(markdown) : markdownToWiki(markdown));
  const signalOf = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});
  /** Ids of the issues this client created: Cloud's search reads them fresh. */
  const created: string[] = [];

  /** The site's Sprint field id (a custom field, numbered per site), or null without Jira Software. */
  const sprintFieldId = readOnce(async (signal) => {
    const list = (await http.request<Array<{ id: string; schema?: { custom?: string } }>>({ method: 'GET', url: `${api.rest}/field`, ...signalOf(signal) })).data;
    return (Array.isArray(list) ? list : []).find((f) => f.schema?.custom === SPRINT_FIELD_TYPE)?.id ?? null;
  });

  /** The board's active and future sprints, the ones a ticket may join; null when they cannot be read. */
  const boardOpenSprints = readOnce(async (signal): Promise<JiraSprintJson[] | null> => {
    if (options.board === null) return null;
    try {
      return await boardSprints(api, options.board, ['active', 'future'], signal);
    } catch (err) {
      // A board that is gone or out of reach (or a site without Jira Software) costs the sprint, not the ticket.
      if (!TrackerError.is(err, 'not-found') && !TrackerError.is(err, 'forbidden')) throw err;
      logger.warn(`Jira: board ${options.board}'s sprints cannot be read (${err.message}); tickets join no sprint`);
      return null;
    }
  });
  const openSprints = async (signal?: AbortSignal): Promise<JiraSprintJson[]> => (await boardOpenSprints(signal)) ?? [];

  /**
   * How to read a ticket's sprint: the site's sprint field and, with a board, the ids of the
   * board's open sprints (a ticket in another board's sprint is in none of this board's). When
   * the board's sprints cannot be read, any open sprint counts, as without a board: reading a
   * ticket as out of its sprint would be a change the tracker never made.
   */
  async function sprintReading(signal?: AbortSignal): Promise<SprintReading> {
    const field = await sprintFieldId(signal);
    if (field === null || options.board === null) return { field, board: undefined };
    const sprints = await boardOpenSprints(signal);
    return { field, board: sprints === null ? undefined : new Set(sprints.map((s) => s.id)) };
  }

  async function fieldsToRead(signal?: AbortSignal): Promise<string[]> {
    const sprint = await sprintFieldId(signal);
    return sprint ? [...FIELDS, sprint] : FIELDS;
  }

  const keyOf = (key: string): string => {
    const k = parseJiraKey(key);
    if (!k || k.project !== project) throw new TrackerError('invalid', `${JSON.stringify(key)} is not an issue of Jira project ${project}`);
    return `${k.project}-${k.number}`;
  };

  const toTicket = (issue: JiraIssueJson, sprint: SprintReading): RemoteTicket => {
    const f = issue.fields ?? {};
    const status = f.status as Status | undefined;
    const resolution = (f.resolution as { name?: string } | null | undefined)?.name;
    const assignee = f.assignee as { accountId?: string; name?: string } | null | undefined;
    const who = cloud ? assignee?.accountId : assignee?.name;
    return {
      tracker: 'jira',
      key: issue.key,
      reference: issue.key,
      url: jiraBrowseUrl(api.site, issue.key),
      title: typeof f.summary === 'string' ? f.summary : '',
      state: status?.statusCategory?.key === 'done' ? 'closed' : 'open',
      stateReason: resolution ?? status?.name ?? null,
      assignees: who ? [who] : [],
      milestone: sprint.field ? openSprintName(f[sprint.field], sprint.board) : null,
      updatedAt: isoOf(f.updated),
      itemId: jiraMarkerItemId(f.description),
    };
  };

  async function fetchIssue(key: string, fields: readonly string[], signal?: AbortSignal): Promise<JiraIssueJson | null> {
    try {
      const issue = (await http.request<JiraIssueJson>({ method: 'GET', url: `${api.rest}/issue/${encodeURIComponent(key)}?${new URLSearchParams({ fields: fields.join(',') })}`, ...signalOf(signal) })).data;
      // A moved issue answers under its new key, in another project: not this project's any more.
      return parseJiraKey(issue.key)?.project === project ? issue : null;
    } catch (err) {
      if (TrackerError.is(err, 'not-found')) return null;
      throw err;
    }
  }

  async function openSprint(name: string, signal?: AbortSignal): Promise<JiraSprintJson | null> {
    const sprints = await openSprints(signal);
    return sprints.find((s) => s.name === name) ?? sprints.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase()) ?? null;
  }

  /** Whether `issue` already carries `comment` (a replay after a lost answer must not say it twice). */
  async function alreadySaid(issue: JiraIssueJson, comment: string, signal?: AbortSignal): Promise<boolean> {
    const same = (body: unknown): boolean => flat(richText(body)) === flat(richText(rich(comment)));
    const embedded = issue.fields?.comment as { comments?: Comment[]; total?: number } | undefined;
    const first = embedded?.comments ?? [];
    if (first.some((c) => same(c.body))) return true;
    if (!cloud || (embedded?.total ?? 0) <= first.length) return false;
    // Cloud may embed only some comments: read them all.
    for (let startAt = 0; ; ) {
      const page = (await http.request<{ comments?: Comment[]; total?: number }>({ method: 'GET', url: `${api.rest}/issue/${encodeURIComponent(issue.key)}/comment?startAt=${startAt}&maxResults=100`, ...signalOf(signal) })).data;
      const comments = page.comments ?? [];
      if (comments.some((c) => same(c.body))) return true;
      startAt += comments.length;
      if (comments.length === 0 || startAt >= (page.total ?? 0)) return false;
    }
  }

  function doneTransition(key: string, transitions: readonly Transition[]): Transition {
    const wanted = options.doneTransition?.trim().toLowerCase();
    const pick = wanted
      ? (transitions.find((t) => t.name?.trim().toLowerCase() === wanted) ?? transitions.find((t) => t.to?.name?.trim().toLowerCase() === wanted))
      : transitions.find((t) => t.to?.statusCategory?.key === 'done');
    if (pick) return pick;
    const offered = transitions.map((t) => `"${t.name ?? t.id}"${t.to?.name ? ` → ${t.to.name}` : ''}`).join(', ') || 'none';
    throw new TrackerError('invalid', `Jira: ${key} has no transition ${wanted ? `named "${options.doneTransition}"` : 'into a "done" status'} (it offers ${offered})`, {
      hint: 'set the Jira done transition to one of the names offered',
    });
  }

  return {
    kind: 'jira',
    host: api.host,
    project,

    async findByMarkers(itemIds, signal) {
      const wanted = new Set(itemIds);
      if (wanted.size === 0) return new Map();
      const fields = await fieldsToRead(signal);
      const found = new Map<string, JiraIssueJson>();
      const keep = (issue: JiraIssueJson): void => {
        const id = jiraMarkerItemId(issue.fields?.description);
        if (!id || !wanted.has(id) || parseJiraKey(issue.key)?.project !== project) return;
        const seen = found.get(id);
        // Two tickets for one item (made by hand, or before Paydown looked): the oldest counts.
        if (!seen || Number(issue.id) < Number(seen.id)) found.set(id, issue);
      };
      const inProject = `project = ${jqlString(project)}`;
      const search = (jql: string): ReturnType<typeof searchIssues> => searchIssues(api, `${jql} ORDER BY created ASC`, fields, { reconcile: created, ...signalOf(signal) });
      if (labels[0]) (await search(`${inProject} AND labels = ${jqlString(labels[0])}`)).forEach(keep);
      if (found.size < wanted.size) {
        // `labels not in (…)` leaves out issues with no label at all, hence `is EMPTY`.
        const unlabelled = labels[0] ? ` AND (labels is EMPTY OR labels not in (${jqlString(labels[0])}))` : '';
        (await search(`${inProject} AND text ~ "paydown"${unlabelled}`)).forEach(keep);
      }
      const sprint = await sprintReading(signal);
      return new Map([...found].map(([id, issue]) => [id, toTicket(issue, sprint)]));
    },

    async get(key, signal) {
      const fields = await fieldsToRead(signal);
      const issue = await fetchIssue(keyOf(key), fields, signal);
      return issue ? toTicket(issue, await sprintReading(signal)) : null;
    },

    async create(draft: TicketDraft, signal) {
      const summary = summaryOf(draft.title) || draft.itemId;
      const description = rich(draft.body);
      const fields: Record<string, unknown> = {
        project: { key: project },
        issuetype: { name: issueType },
        summary,
        description,
        labels: [...new Set([...labels, ...draft.labels.map(jiraLabel)])].filter(Boolean),
      };
      // Jira has one assignee: the first of the draft's.
      const assignee = draft.assignees[0];
      if (draft.assignees.length > 1) logger.info(`Jira: an issue has one assignee; ${draft.itemId}'s ticket goes to ${assignee}, not ${draft.assignees.slice(1).join(', ')}`);
      if (assignee) fields.assignee = cloud ? { accountId: assignee } : { name: assignee };
      if (options.storyPointsField && draft.estimate !== null) fields[options.storyPointsField] = draft.estimate;
      // Read before writing: a failing read must not come after a created ticket.
      const sprint = draft.milestone && options.board !== null ? await openSprint(draft.milestone, signal) : null;
      if (draft.milestone && options.board !== null && !sprint) logger.info(`Jira: board ${options.board} has no open sprint "${draft.milestone}"; ${draft.itemId}'s ticket joins none`);

      const post = (): Promise<{ data: { id: string; key: string } }> => http.request<{ id: string; key: string }>({ method: 'POST', url: `${api.rest}/issue`, body: { fields }, ...signalOf(signal) });
      let answer: { id: string; key: string };
      try {
        answer = (await post()).data;
      } catch (err) {
        // A 400 created nothing: a ticket without the optional fields Jira refused beats no ticket.
        const optional = new Set(['assignee', ...(options.storyPointsField ? [options.storyPointsField] : [])]);
        const refused = TrackerError.is(err, 'invalid') ? (err.details.fields ?? []).filter((f) => optional.has(f) && f in fields) : [];
        if (refused.length === 0) throw err;
        logger.warn(`Jira: ${project} refused ${refused.join(', ')} (${err instanceof Error ? err.message : String(err)}); ${draft.itemId}'s ticket is created without ${refused.length > 1 ? 'them' : 'it'}`);
        for (const f of refused) delete fields[f];
        answer = (await post()).data;
      }
      created.push(answer.id);

      let milestone: string | null = null;
      if (sprint) {
        try {
          // https://developer.atlassian.com/cloud/jira/software/rest/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-issue-post
          await http.request({ method: 'POST', url: `${api.agile}/sprint/${sprint.id}/issue`, body: { issues: [answer.key] }, ...signalOf(signal) });
          milestone = sprint.name;
        } catch (err) {
          if (signal?.aborted || PaydownError.is(err, 'aborted')) throw err;
          // The ticket exists: failing now would have the engine think it does not.
          logger.warn(`Jira: ${answer.key} could not join sprint "${sprint.name}" (${err instanceof Error ? err.message : String(err)}); add it on the board`);
        }
      }
      // The ticket as Jira now has it (its status name, the sprint): what the ledger records, so
      // the next sync finds nothing changed. The ticket exists: a failed read only costs accuracy.
      try {
        const issue = await fetchIssue(answer.key, await fieldsToRead(signal), signal);
        if (issue) return toTicket(issue, await sprintReading(signal));
      } catch (err) {
        if (signal?.aborted || PaydownError.is(err, 'aborted')) throw err;
        logger.debug(`Jira: ${answer.key} was created; reading it back failed (${err instanceof Error ? err.message : String(err)})`);
      }
      const who = fields.assignee ? assignee! : null;
      return {
        tracker: 'jira',
        key: answer.key,
        reference: answer.key,
        url: jiraBrowseUrl(api.site, answer.key),
        title: summary,
        state: 'open',
        stateReason: null,
        assignees: who ? [who] : [],
        milestone,
        updatedAt: options.clock.now().toISOString(),
        itemId: jiraMarkerItemId(description),
      };
    },

    async update(key, patch: TicketPatch, signal) {
      const k = keyOf(key);
      const points = options.storyPointsField;
      const fields = [...(await fieldsToRead(signal)), ...(points ? [points] : [])];
      const reading = await sprintReading(signal);
      const sprintField = reading.field;
      const issue = await fetchIssue(k, fields, signal);
      if (!issue) throw new TrackerError('not-found', `Jira: ${k} no longer exists in ${project}`);
      const before = toTicket(issue, reading);

      // Only what differs from the ticket as Jira has it: a replay sends nothing.
      const edit: Record<string, unknown> = {};
      const summary = patch.title === undefined ? '' : summaryOf(patch.title);
      if (summary && summary !== before.title) edit.summary = summary;
      if (points && patch.estimate !== undefined) {
        const has = issue.fields?.[points];
        if ((typeof has === 'number' ? has : null) !== patch.estimate) edit[points] = patch.estimate;
      }
      // Read before writing, as create does; without a board Paydown leaves sprints to the people.
      let move: JiraSprintJson | 'backlog' | null = null;
      if (patch.milestone !== undefined && options.board !== null) {
        const sprint = patch.milestone === null ? null : await openSprint(patch.milestone, signal);
        if (patch.milestone !== null && !sprint) {
          // Only the board's sprints are Paydown's to leave: one of another board stays as it is.
          const elsewhere = before.milestone === null && sprintField !== null ? openSprintName(issue.fields?.[sprintField]) : null;
          const outcome = before.milestone !== null ? `leaves sprint "${before.milestone}" for the backlog` : elsewhere !== null ? `stays in sprint "${elsewhere}" of another board` : 'stays in the backlog';
          logger.info(`Jira: board ${options.board} has no open sprint "${patch.milestone}"; ${k} ${outcome}`);
        }
        if (sprint) move = sprintField !== null && inOpenSprint(issue.fields?.[sprintField], sprint.id) ? null : sprint;
        else move = before.milestone === null ? null : 'backlog';
      }
      if (Object.keys(edit).length === 0 && move === null) return before;

      if (Object.keys(edit).length > 0) {
        // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
        // (DC: https://developer.atlassian.com/server/jira/platform/updating-an-issue-via-the-jira-rest-apis-6848604/): absent fields stay as they are; null clears one.
        const put = (): Promise<unknown> => http.request({ method: 'PUT', url: `${api.rest}/issue/${encodeURIComponent(k)}`, body: { fields: edit }, ...signalOf(signal) });
        try {
          await put();
        } catch (err) {
          // A 400 changed nothing: the summary without the story points Jira refused beats neither.
          if (!points || !(points in edit) || !TrackerError.is(err, 'invalid') || !(err.details.fields ?? []).includes(points)) throw err;
          logger.warn(`Jira: ${project} refused ${points} on ${k} (${err.message}); its story points stay as they are`);
          delete edit[points];
          if (Object.keys(edit).length > 0) await put();
        }
      }
      if (move === 'backlog') {
        // https://developer.atlassian.com/cloud/jira/software/rest/api-group-backlog/#api-rest-agile-1-0-backlog-issue-post
        await http.request({ method: 'POST', url: `${api.agile}/backlog/issue`, body: { issues: [k] }, ...signalOf(signal) });
      } else if (move) {
        // https://developer.atlassian.com/cloud/jira/software/rest/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-issue-post
        await http.request({ method: 'POST', url: `${api.agile}/sprint/${move.id}/issue`, body: { issues: [k] }, ...signalOf(signal) });
      }
      // The ticket as Jira now has it: what the ledger records.
      const after = await fetchIssue(k, fields, signal);
      if (!after) throw new TrackerError('not-found', `Jira: ${k} no longer exists in ${project}`);
      return toTicket(after, reading);
    },

    async close(key, comment, signal) {
      const k = keyOf(key);
      const fields = [...(await fieldsToRead(signal)), 'comment'];
      const sprint = await sprintReading(signal);
      const issue = await fetchIssue(k, fields, signal);
      if (!issue) throw new TrackerError('not-found', `Jira: ${k} no longer exists in ${project}`);
      if ((issue.fields?.status as Status | undefined)?.statusCategory?.key === 'done') return toTicket(issue, sprint);
      if (!(await alreadySaid(issue, comment, signal))) {
        await http.request({ method: 'POST', url: `${api.rest}/issue/${encodeURIComponent(k)}/comment`, body: { body: rich(comment) }, ...signalOf(signal) });
      }
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
      const offered = (await http.request<{ transitions?: Transition[] }>({ method: 'GET', url: `${api.rest}/issue/${encodeURIComponent(k)}/transitions`, ...signalOf(signal) })).data.transitions ?? [];
      const transition = doneTransition(k, offered);
      await http.request({ method: 'POST', url: `${api.rest}/issue/${encodeURIComponent(k)}/transitions`, body: { transition: { id: transition.id } }, ...signalOf(signal) });
      const after = await fetchIssue(k, fields, signal);
      return toTicket(after ?? issue, sprint);
    },

    async changedSince(since, signal) {
      const clauses = [`project = ${jqlString(project)}`, ...(labels[0] ? [`labels = ${jqlString(labels[0])}`] : [])];
      if (since !== null) {
        const at = Date.parse(since);
        if (!Number.isFinite(at)) throw new TrackerError('invalid', `Jira: ${JSON.stringify(since)} is not a time`);
        // A relative date ("-90m") is read by the server in no time zone at all, where
        // "yyyy/MM/dd HH:mm" would be read in the user's profile zone, which REST v2 cannot tell.
        const minutes = Math.max(0, Math.ceil((options.clock.now().getTime() - at) / 60_000)) + CHANGED_MARGIN_MINUTES;
        clauses.push(`updated >= "-${minutes}m"`);
      }
      const fields = await fieldsToRead(signal);
      const issues = await searchIssues(api, `${clauses.join(' AND ')} ORDER BY updated ASC`, fields, { reconcile: created, ...signalOf(signal) });
      const sprint = await sprintReading(signal);
      return issues.map((i) => toTicket(i, sprint));
    },
  };
}

/** A read done once and shared; read again after it failed. */
function readOnce<T>(load: (signal?: AbortSignal) => Promise<T>): (signal?: AbortSignal) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (signal) => {
    const mine = (pending ??= load(signal));
    return mine.catch((err: unknown) => {
      if (pending === mine) pending = undefined;
      throw err;
    });
  };
}

/** Text compared without its spacing: Jira may re-wrap what it stores. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
