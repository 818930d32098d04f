import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseConfig, PaydownError, findWorkspaceRoot } from '../../../src/engine';
import { parseByteSize } from '../../../src/engine/config/config';

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
    const { config, file } = await loadConfig(root);
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
      'scan.excludes: unknown setting (known: include, exclude, maxFileSize)',
      'scan.maxFileSize: must be a number of bytes or a size like "2MiB", got "lots"',
      'effort.hoursPerDay: must be a positive number, got -1',
    ]);
    assert.match(err.message, /^\.paydown\/config\.jsonc is invalid: tags\[1\]\.impact/);
  });

  it('reports a syntax error with its line and column', () => {
    const err = configError('{\n  "tags": ["TODO"\n  "caseSensitive": true\n}');
    assert.match(err.details[0]!, /^\.paydown\/config\.jsonc:3:3: CommaExpected$/);
  });

  it('loads the file from .paydown/ under the workspace root', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-config-'));
    mkdirSync(path.join(root, '.paydown'));
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), '{ "tags": ["DEBT"] }');
    const { config, file } = await loadConfig(root);
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
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'caseSensitive', 'effort', 'scan', 'tags']);
    assert.deepEqual(Object.keys(schema.properties.scan.properties).sort(), ['exclude', 'include', 'maxFileSize']);
    assert.deepEqual(Object.keys(schema.properties.effort.properties).sort(), ['hoursPerDay', 'hoursPerPoint']);
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
