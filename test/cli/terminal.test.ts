import * as assert from 'node:assert/strict';
import { buildOnce, gitWorkspace, paydown } from './runCli';

const ESC = '\u001b';
/** Screen clear, window title (OSC 0), a hyperlink (OSC 8), a C1 CSI, a bell, a backspace and a bidi override. */
const HOSTILE_TITLE = `clear${ESC}[2J title${ESC}]0;pwned\u0007 link${ESC}]8;;http://evil.example${ESC}\\here${ESC}]8;;${ESC}\\ c1\u009b31m bs\bover rlo\u202eevil`;

/** Control characters the text reports must never print raw (tab and newline excepted). */
// eslint-disable-next-line no-control-regex -- the point of the test
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

/** Our own colour codes (style.ts), the only escape sequences allowed with FORCE_COLOR. */
// eslint-disable-next-line no-control-regex
const OWN_SGR = /\u001b\[(1|2|22|31|32|33|35|36|39)m/g;

function hostileRepository(): string {
  return gitWorkspace({ 'src/pay.ts': `// TODO: ${HOSTILE_TITLE} @alice effort:1\nexport {};\n` });
}

describe('escape sequences in comments (CLI text reports)', function () {
  this.timeout(60_000);
  before(buildOnce);

  it('scan, check, ledger sync and ledger list show control characters as visible escapes, colour or not', () => {
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      const root = hostileRepository();
      for (const args of [['scan'], ['check'], ['check', '--format', 'github'], ['ledger', 'sync', '--dry-run'], ['ledger', 'sync'], ['ledger', 'list']]) {
        const run = paydown([...args, '--no-cache'], { cwd: root, env });
        assert.equal(run.status, args[0] === 'check' ? 1 : 0, run.stderr);
        const text = run.stdout.replace(OWN_SGR, '');
        assert.doesNotMatch(text, RAW_CONTROL, `${args.join(' ')}: ${JSON.stringify(text)}`);
        assert.ok(text.includes('clear\\x1b[2J title\\x1b]0;pwned\\x07'), `${args.join(' ')}: ${text}`);
        assert.ok(text.includes('c1\\x9b31m bs\\x08over rlo\\u202eevil'), text);
      }
    }
  });

  it('JSON output stays exact', () => {
    const root = hostileRepository();
    const scan = JSON.parse(paydown(['scan', '--format', 'json', '--no-cache'], { cwd: root }).stdout);
    assert.equal(scan.items[0].title, HOSTILE_TITLE);
    paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
    const list = JSON.parse(paydown(['ledger', 'list', '--format', 'json', '--no-cache'], { cwd: root }).stdout);
    assert.equal(list.items[0].title, HOSTILE_TITLE);
  });
});
