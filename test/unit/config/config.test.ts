import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseConfig, PaydownError, findWorkspaceRoot } from '../../../src/engine';
import { parseByteSize } from '../../../src/engine/config/config';
import { configSchemaLanguageIds } from '../docs/languagesDoc';

function configError(text: string): PaydownError {
  try {
    parseConfig(text, '.paydown/config.jsonc');
  } catch (err) {
    if (PaydownError.is(err, 'config-invalid')) return err;
    throw err;
  }
  assert.fail('expected the config to be rejected');
}

describe('workspace config (.paydown/config.jsonc)', () => {
  it('gives the five default tags with their impacts when there is no config file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-config-'));
    const { config, file } = loadConfig(root);
    assert.equal(file, null);
    assert.deepEqual(config.annotations.tags.map((t) => t.name), ['TODO', 'FIXME', 'HACK', 'XXX', 'DEBT']);
    assert.equal(config.annotations.caseSensitive, true);
    assert.equal(config.scan.maxFileSize, 1024 * 1024);
  });

  it('reads JSON with comments and trailing commas: tags replaced, renamed, with impacts', () => {
    const config = parseConfig(
      `{
        // our team calls it PAYDOWN, and we do not use XXX
        "tags": ["TODO", { "name": "PAYDOWN", "impact": "high" }, "FIXME",],
        "caseSensitive": false,
        "scan": { "exclude": ["vendor/**"], "maxFileSize": "2MiB" },
        "effort": { "hoursPerPoint": 6 },
      }`,
      'config',
    );
    assert.deepEqual(config.annotations.tags, [
      { name: 'TODO', impact: 'low' },
      { name: 'PAYDOWN', impact: 'high' },
      { name: 'FIXME', impact: 'medium' },
    ]);
    assert.equal(config.annotations.caseSensitive, false);
    assert.deepEqual(config.scan.exclude, ['vendor/**']);
    assert.equal(config.scan.maxFileSize, 2 * 1024 * 1024);
    assert.equal(config.annotations.hoursPerPoint, 6);
    assert.equal(config.annotations.hoursPerDay, 8);
  });

  it('reports every problem with its path, not just the first', () => {
    const err = configError(`{
      "tags": ["TODO", { "name": "DEBT", "impact": "huge" }, "2BAD", "TODO"],
      "scan": { "maxFileSize": "lots", "excludes": [] },
      "effort": { "hoursPerDay": -1 }
    }`);
    assert.deepEqual(err.details, [
      'tags[1].impact: must be one of low, medium, high, critical, got "huge"',
      'tags[2]: "2BAD" is not a tag word (letters, digits, "_" and "-", starting with a letter)',
      'tags[3]: "TODO" is listed twice',
      'scan.excludes: unknown setting (known: include, exclude, maxFileSize, languages, placeholders)',
      'scan.maxFileSize: must be a number of bytes or a size like "2MiB", got "lots"',
      'effort.hoursPerDay: must be a positive number no greater than 24, got -1',
    ]);
    assert.match(err.message, /^\.paydown\/config\.jsonc is invalid: tags\[1\]\.impact/);
  });

  it('reads scan.languages: language ids by glob, aliases allowed', () => {
    const config = parseConfig('{ "scan": { "languages": { "**/*.test": "python", "templates/*.tmpl": "html", "*.bzlx": "starlark" } } }', 'config');
    assert.deepEqual(config.annotations.languages, { '**/*.test': 'python', 'templates/*.tmpl': 'html', '*.bzlx': 'starlark' });
  });

  it('names the glob of a scan.languages entry whose language is unknown, and lists the ids', () => {
    const err = configError('{ "scan": { "languages": { "**/*.test": "pyton", "": "c", "x/*": 3 } } }');
    assert.equal(err.details.length, 3);
    assert.match(err.details[0]!, /^scan\.languages\["\*\*\/\*\.test"\]: "pyton" is not a language Paydown reads; use one of typescript, typescriptreact, javascript, .*\bpython\b.*\btcl\b/);
    assert.equal(err.details[1], 'scan.languages[""]: the glob is empty; write one like "**/*.tmpl"');
    assert.match(err.details[2]!, /^scan\.languages\["x\/\*"\]: 3 is not a language/);
    assert.match(configError('{ "scan": { "languages": ["python"] } }').details[0]!, /^scan\.languages: must be an object/);
  });

  it('reads scan.placeholders: false turns placeholders for unfinished code off; anything but a boolean is a problem', () => {
    assert.equal(parseConfig('{ "scan": { "placeholders": false } }', 'config').annotations.placeholders, false);
    assert.equal(parseConfig('{}', 'config').annotations.placeholders, undefined);
    assert.deepEqual(configError('{ "scan": { "placeholders": "no" } }').details, ['scan.placeholders: must be true or false']);
  });

  it('reports a syntax error with its line and column', () => {
    const err = configError('{\n  "tags": ["TODO"\n  "caseSensitive": true\n}');
    assert.match(err.details[0]!, /^\.paydown\/config\.jsonc:3:3: CommaExpected$/);
  });

  it('loads the file from .paydown/ under the workspace root', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-config-'));
    mkdirSync(path.join(root, '.paydown'));
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), '{ "tags": ["DEBT"] }');
    const { config, file } = loadConfig(root);
    assert.equal(file, path.join(root, '.paydown', 'config.jsonc'));
    assert.deepEqual(config.annotations.tags, [{ name: 'DEBT', impact: 'medium' }]);
  });

  it('parses byte sizes', () => {
    assert.equal(parseByteSize(1000), 1000);
    assert.equal(parseByteSize('512 KiB'), 512 * 1024);
    assert.equal(parseByteSize('1.5MB'), 1_500_000);
    assert.equal(parseByteSize('0'), undefined);
    assert.equal(parseByteSize('1 parsec'), undefined);
  });

  it('documents exactly the settings it reads in schemas/config.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, '../../../schemas/config.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'cadence', 'caseSensitive', 'check', 'effort', 'outcomes', 'planning', 'scan', 'sprints', 'tags', 'trackers']);
    const common = ['assignees', 'closeRemoved', 'create', 'labels'];
    const trackerKeys = (kind: string): string[] => Object.keys(schema.properties.trackers.properties[kind].properties).sort();
    assert.deepEqual(Object.keys(schema.properties.trackers.properties).sort(), ['github', 'gitlab', 'jira', 'linear']);
    assert.deepEqual(trackerKeys('github'), [...common, 'apiUrl', 'repo'].sort());
    assert.deepEqual(trackerKeys('gitlab'), [...common, 'apiUrl', 'project'].sort());
    assert.deepEqual(trackerKeys('jira'), [...common, 'board', 'deployment', 'doneTransition', 'issueType', 'project', 'storyPointsField', 'url'].sort());
    assert.deepEqual(trackerKeys('linear'), [...common, 'apiUrl', 'team'].sort());
    assert.deepEqual(Object.keys(schema.$defs.sprint.properties).sort(), ['capacity', 'debtBudget', 'end', 'name', 'squad', 'start']);
    assert.deepEqual(Object.keys(schema.properties.sprints.oneOf[1].properties).sort(), ['board', 'capacity', 'debtBudget', 'from', 'group', 'iterationField', 'project', 'sprints', 'squad', 'team']);
    assert.deepEqual(Object.keys(schema.properties.check.properties).sort(), ['minAllocatedShare', 'required', 'tags', 'untracked']);
    assert.deepEqual(Object.keys(schema.properties.scan.properties).sort(), ['exclude', 'include', 'languages', 'maxFileSize', 'placeholders']);
    // Every language id and alias the config accepts, and no other (regenerate with npm run docs:languages).
    assert.deepEqual(schema.properties.scan.properties.languages.additionalProperties.enum, configSchemaLanguageIds());
    assert.deepEqual(Object.keys(schema.properties.effort.properties).sort(), ['hoursPerDay', 'hoursPerPoint']);
  });
});

describe('planning config: sprints, cadence, outcomes, planning, check', () => {
  it('reads sprints with a share or points budget, a cadence, outcomes, weights and check rules', () => {
    const config = parseConfig(
      `{
        "sprints": [
          { "name": "S22", "start": "2026-10-05", "end": "2026-10-16", "capacity": 40, "debtBudget": "20%" },
          { "name": "S23", "start": "2026-10-19", "end": "2026-10-30", "capacity": 36, "debtBudget": 10, "squad": "payments" }
        ],
        "cadence": { "start": "2026-11-02", "lengthDays": 14, "capacity": 40, "debtBudget": "25%", "name": "S{n}", "firstNumber": 24 },
        "outcomes": [{ "name": "reliability", "description": "Fewer incidents", "paths": ["src/payments/**"], "labels": ["#payments"] }],
        "planning": { "defaultEstimate": 2, "weights": { "age": 0.5, "interest": 2 }, "interestDays": 30 },
        "check": { "required": ["owner", "effort"], "tags": ["DEBT"], "minAllocatedShare": "80%" }
      }`,
      'config',
    );
    assert.deepEqual(config.sprints.map((s) => [s.name, s.debtBudget, s.squad]), [
      ['S22', { share: 0.2 }, null],
      ['S23', { points: 10 }, 'payments'],
    ]);
    assert.deepEqual(config.cadence, { start: '2026-11-02', lengthDays: 14, capacity: 40, debtBudget: { share: 0.25 }, name: 'S{n}', firstNumber: 24, squad: null });
    assert.deepEqual(config.outcomes, [{ name: 'reliability', description: 'Fewer incidents', paths: ['src/payments/**'], labels: ['payments'] }]);
    assert.deepEqual(config.planning, { defaultEstimate: 2, weights: { impact: 1, age: 0.5, due: 1, interest: 2 }, interestDays: 30 });
    assert.deepEqual(config.check, { untracked: true, required: ['owner', 'effort'], tags: ['DEBT'], minAllocatedShare: 0.8 });
  });

  it('names every planning problem by its path, and nothing runs on a half-read config', () => {
    const err = configError(`{
      "sprints": [
        { "name": "S1", "start": "2026-01-05", "end": "2026-01-16", "capacity": 40, "debtBudget": "20%" },
        { "name": "S2", "start": "2026-01-19", "end": "2026-01-12", "capacity": 40, "debtBudget": "20%" },
        { "name": "S1", "start": "2026-01-10", "end": "2026-01-20", "capacity": 40, "debtBudget": "120%" },
        { "name": "S4", "start": "2026-02-30", "end": "2026-03-01", "capacity": 10, "debtBudget": 12 }
      ],
      "cadence": { "start": "2026-01-10", "lengthDays": 14, "capacity": 40, "debtBudget": "20%", "name": "Sprint" },
      "outcomes": [{ "name": "fast onboarding" }],
      "check": { "required": ["owner", "colour"] }
    }`);
    assert.deepEqual(err.details, [
      'sprints[1].end: 2026-01-12 is before start 2026-01-19',
      'sprints[2].debtBudget: must be a share of capacity like "20%" or a number of points, got "120%"',
      'sprints[3].start: must be a date written YYYY-MM-DD, got "2026-02-30"',
      'sprints[3].debtBudget: 12 points is more than the capacity of 10',
      // sprints[2] is invalid (its budget), yet its name and dates are still checked against the others
      'sprints[2].name: "S1" is also the name of sprints[0]',
      'sprints[2]: 2026-01-10…2026-01-20 overlaps sprints[0] (S1)',
      'cadence.name: must contain {n} or {start} so each sprint gets its own name',
      'outcomes[0].name: "fast onboarding" cannot be written as outcome:fast onboarding (letters, digits, "_", "-" and ".")',
      'check.required[1]: must be one of owner, effort, impact, outcome, id, got "colour"',
      'cadence.start: 2026-01-10 must be after the last configured sprint, which ends 2026-01-20',
    ]);
  });

  it('reports every problem at once: a duplicate names its own index, a broken cadence is still checked against the sprints', () => {
    const err = configError(`{
      "sprints": [
        { "name": "A", "start": "2026-01-05", "end": "2026-01-16", "capacity": 40, "debtBudget": "20%" },
        { "name": "B", "start": "2026-01-19", "end": "2026-01-30", "capacity": -1, "debtBudget": "20%" },
        { "name": "A", "start": "2026-02-02", "end": "2026-02-13", "capacity": 40, "debtBudget": "20%" }
      ],
      "cadence": { "start": "2026-02-01", "lengthDays": 0, "capacity": 40, "debtBudget": "20%" }
    }`);
    assert.deepEqual(err.details, [
      'sprints[1].capacity: must be a non-negative number no greater than 1000000, got -1',
      'sprints[2].name: "A" is also the name of sprints[0]',
      'cadence.lengthDays: must be a positive whole number no greater than 365, got 0',
      'cadence.start: 2026-02-01 must be after the last configured sprint, which ends 2026-02-13',
    ]);
  });

  it('reports syntax errors and what the parser could still read together', () => {
    const err = configError('{\n  "tags": ["TODO"]\n  "caseSensitive": "yes"\n}');
    assert.deepEqual(err.details, ['.paydown/config.jsonc:3:3: CommaExpected', 'caseSensitive: must be true or false']);
  });

  it('bounds every number, so huge values are problems named by path instead of crashes or Infinity', () => {
    const err = configError(`{
      "sprints": [{ "name": "S1", "start": "2026-01-05", "end": "2026-01-16", "capacity": 1e300, "debtBudget": 2e6 }],
      "cadence": { "start": "2026-02-01", "lengthDays": 1000000000, "capacity": 1e400, "debtBudget": "20%", "firstNumber": 1.5 },
      "planning": { "defaultEstimate": 1e9, "weights": { "impact": 1e300, "age": 2000 } },
      "effort": { "hoursPerDay": 25, "hoursPerPoint": 1e6 }
    }`);
    assert.deepEqual(err.details, [
      'effort.hoursPerPoint: must be a positive number no greater than 1000, got 1000000',
      'effort.hoursPerDay: must be a positive number no greater than 24, got 25',
      'sprints[0].capacity: must be a non-negative number no greater than 1000000, got 1e+300',
      'sprints[0].debtBudget: must be at most 1000000 points, got 2000000',
      'cadence.lengthDays: must be a positive whole number no greater than 365, got 1000000000',
      'cadence.capacity: must be a non-negative number no greater than 1000000, got Infinity',
      'cadence.firstNumber: must be a non-negative whole number no greater than 1000000, got 1.5',
      'planning.defaultEstimate: must be a positive number no greater than 1000000, got 1000000000',
      'planning.weights.impact: must be a non-negative number no greater than 1000, got 1e+300',
      'planning.weights.age: must be a non-negative number no greater than 1000, got 2000',
    ]);
  });

  it('refuses duplicate sprint names, overlapping sprints of one squad, and a cadence inside them', () => {
    const err = configError(`{
      "sprints": [
        { "name": "S1", "start": "2026-01-05", "end": "2026-01-16", "capacity": 40, "debtBudget": "20%" },
        { "name": "S1", "start": "2026-01-12", "end": "2026-01-23", "capacity": 40, "debtBudget": "20%" },
        { "name": "P1", "start": "2026-01-12", "end": "2026-01-23", "capacity": 40, "debtBudget": "20%", "squad": "payments" }
      ],
      "cadence": { "start": "2026-01-20", "lengthDays": 14, "capacity": 40, "debtBudget": "20%" }
    }`);
    assert.deepEqual(err.details, [
      'sprints[1].name: "S1" is also the name of sprints[0]',
      'sprints[1]: 2026-01-12…2026-01-23 overlaps sprints[0] (S1)',
      'cadence.start: 2026-01-20 must be after the last configured sprint, which ends 2026-01-23',
    ]);
  });
});

describe('workspace root', () => {
  it('is the nearest folder with .paydown/, else with .git, else the start folder', () => {
    const top = mkdtempSync(path.join(tmpdir(), 'paydown-root-'));
    mkdirSync(path.join(top, 'repo', '.git'), { recursive: true });
    mkdirSync(path.join(top, 'repo', 'pkg', '.paydown'), { recursive: true });
    mkdirSync(path.join(top, 'repo', 'pkg', 'src', 'deep'), { recursive: true });
    mkdirSync(path.join(top, 'repo', 'other'), { recursive: true });
    assert.equal(findWorkspaceRoot(path.join(top, 'repo', 'pkg', 'src', 'deep')), path.join(top, 'repo', 'pkg'));
    assert.equal(findWorkspaceRoot(path.join(top, 'repo', 'other')), path.join(top, 'repo'));
    const loose = mkdtempSync(path.join(tmpdir(), 'paydown-loose-'));
    assert.equal(findWorkspaceRoot(loose), loose);
  });
});

describe('config: trackers', () => {
  it('reads trackers.github with its defaults and every field', () => {
    assert.equal(parseConfig('{}', 'c').trackers.github, null);
    assert.deepEqual(parseConfig('{ "trackers": { "github": {} } }', 'c').trackers.github, { repo: null, apiUrl: null, labels: ['tech-debt'], assignees: {}, closeRemoved: true, create: { kind: 'scheduled' } });
    const github = parseConfig(
      '{ "trackers": { "github": { "repo": "acme/pay", "apiUrl": "https://ghe.example.com/api/v3/", "labels": ["debt", "paydown"], "assignees": { "@alice": "alice-gh" }, "closeRemoved": false, "create": ["FIXME", "DEBT"] } } }',
      'c',
    ).trackers.github;
    assert.deepEqual(github, { repo: 'acme/pay', apiUrl: 'https://ghe.example.com/api/v3', labels: ['debt', 'paydown'], assignees: { alice: 'alice-gh' }, closeRemoved: false, create: { kind: 'tags', tags: ['FIXME', 'DEBT'] } });
  });

  it('reads trackers.gitlab, trackers.jira and trackers.linear with their defaults and every field', () => {
    const common = { labels: ['tech-debt'], assignees: {}, closeRemoved: true, create: { kind: 'scheduled' } };
    const parsed = parseConfig('{ "trackers": { "gitlab": {}, "jira": { "project": "PAY" }, "linear": { "team": "ENG" } } }', 'c').trackers;
    assert.deepEqual(parsed.gitlab, { project: null, apiUrl: null, ...common });
    assert.deepEqual(parsed.jira, { url: null, deployment: null, project: 'PAY', issueType: 'Task', storyPointsField: null, board: null, doneTransition: null, ...common });
    assert.deepEqual(parsed.linear, { team: 'ENG', apiUrl: null, ...common });
    const full = parseConfig(
      `{ "trackers": {
        "gitlab": { "project": "acme/platform/payments", "apiUrl": "https://gitlab.acme.com/api/v4", "labels": ["debt"], "assignees": { "@alice": "alice.gl" }, "create": "open" },
        "jira": { "url": "https://acme.atlassian.net/", "deployment": "cloud", "project": "PAY", "issueType": "Story", "storyPointsField": "customfield_10016", "board": 12, "doneTransition": "Close", "closeRemoved": false },
        "linear": { "team": "ENG", "apiUrl": "https://api.linear.app/graphql", "create": "none" } } }`,
      'c',
    ).trackers;
    assert.deepEqual(full.gitlab, { project: 'acme/platform/payments', apiUrl: 'https://gitlab.acme.com/api/v4', labels: ['debt'], assignees: { alice: 'alice.gl' }, closeRemoved: true, create: { kind: 'open' } });
    assert.deepEqual(full.jira, { url: 'https://acme.atlassian.net', deployment: 'cloud', project: 'PAY', issueType: 'Story', storyPointsField: 'customfield_10016', board: 12, doneTransition: 'Close', ...common, closeRemoved: false });
    assert.deepEqual(full.linear, { team: 'ENG', apiUrl: 'https://api.linear.app/graphql', ...common, create: { kind: 'none' } });
  });

  it('says what each wrong GitLab, Jira or Linear field must be, and asks for the Jira project and the Linear team', () => {
    try {
      parseConfig('{ "trackers": { "gitlab": { "project": "no-group" }, "jira": { "project": "pay", "board": "twelve", "deployment": "server", "storyPointsField": "points", "token": "x" }, "linear": {} } }', 'c');
      assert.fail('expected an error');
    } catch (err) {
      const details = (err as PaydownError).details.join('\n');
      assert.match(details, /trackers\.gitlab\.project: must be "group\/project"/);
      assert.match(details, /trackers\.jira\.project: must be a project key such as "PAY", got "pay"/);
      assert.match(details, /trackers\.jira\.board: must be a board id/);
      assert.match(details, /trackers\.jira\.deployment: must be "cloud" or "datacenter"/);
      assert.match(details, /trackers\.jira\.storyPointsField: must be a custom field id/);
      assert.match(details, /trackers\.jira\.token: unknown setting/);
      assert.match(details, /trackers\.linear\.team: required/);
    }
  });

  it('names every wrong tracker field at once', () => {
    try {
      parseConfig('{ "trackers": { "github": { "repo": "no-slash", "apiUrl": "ftp://x", "create": "sometimes", "token": "ghp_x" } } }', 'c');
      assert.fail('expected an error');
    } catch (err) {
      const details = (err as PaydownError).details.join('\n');
      assert.match(details, /trackers\.github\.token: unknown setting/);
      assert.match(details, /trackers\.github\.repo: must be "owner\/name"/);
      assert.match(details, /trackers\.github\.apiUrl: must be an http\(s\) URL/);
      assert.match(details, /trackers\.github\.create: must be "scheduled", "open", "none" or a list of tags/);
    }
  });
});
