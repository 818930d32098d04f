/**
 * Web links to code at a commit, on the host the `origin` remote names: what a ticket's
 * permalink points at when the tracker is not where the code lives (Jira, Linear). Pure.
 *
 * Invariant: a link is built only for a host whose URL scheme is known (GitHub's and GitLab's,
 * on their own hosts or any host the caller says runs them); anything else gets no link rather
 * than a wrong one.
 */

/** Files GitHub and GitLab render rather than list by line. */
const RENDERED = /\.(ipynb|md|markdown|mdown|mkdn?|rst|adoc|asciidoc|org|textile|rdoc)$/i;

/** How a code host spells a link to lines of a file at a commit. */
export type CodeHostStyle = 'github' | 'gitlab';

export interface CodeLinks {
  /** `path` (root-relative, `/`-separated) at `commit`, lines `line`–`endLine`. */
  file(commit: string, path: string, line: number, endLine: number): string;
  commit(commit: string): string;
}

/** Links under `base` (`https://github.com/acme/pay`), in the host's style. */
export function codeLinksAt(base: string, style: CodeHostStyle): CodeLinks {
  const root = base.replace(/\/+$/, '');
  const encode = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
  return {
    file(commit, path, line, endLine) {
      const range = endLine > line ? (style === 'gitlab' ? `#L${line}-${endLine}` : `#L${line}-L${endLine}`) : `#L${line}`;
      // Both hosts show a notebook or a Markdown file rendered, where line anchors lead nowhere: its source then.
      const plain = RENDERED.test(path) ? '?plain=1' : '';
      return `${root}${style === 'gitlab' ? '/-' : ''}/blob/${commit}/${encode(path)}${plain}${range}`;
    },
    commit(commit) {
      return `${root}${style === 'gitlab' ? '/-' : ''}/commit/${commit}`;
    },
  };
}

/**
 * Links for the repository a remote URL names (https, `ssh://`, scp-like `git@host:path`), or
 * null when the URL is not understood or its host's style is unknown. github.com and gitlab.com
 * are known; `style` says what any other host runs (a GitHub Enterprise or self-managed GitLab
 * host the workspace's tracker config names).
 */
export function codeLinksOfRemote(remote: string, style: CodeHostStyle | null = null): CodeLinks | null {
  const web = webOfRemote(remote);
  if (!web) return null;
  const host = new URL(web).hostname.toLowerCase();
  const known: CodeHostStyle | null = host === 'github.com' ? 'github' : host === 'gitlab.com' ? 'gitlab' : null;
  const chosen = known ?? style;
  return chosen ? codeLinksAt(web, chosen) : null;
}

/** `https://host/path` of a remote URL, without credentials, port of ssh, or `.git`. */
function webOfRemote(remote: string): string | null {
  const url = remote.trim();
  let host: string;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return null;
    // An https remote keeps its port (a self-hosted web server); ssh and git ports are not the web's.
    host = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else {
    const m = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(url);
    if (!m) return null;
    host = m[1]!;
    path = m[2]!;
  }
  const parts = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => /^[A-Za-z0-9_.-]+$/.test(p))) return null;
  return `https://${host.toLowerCase()}/${parts.join('/')}`;
}
