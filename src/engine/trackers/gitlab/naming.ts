/**
 * How GitLab tickets are named in the ledger, in comments and on the web. A comment's `GL-12` is
 * issue 12 of the configured project; Paydown also reads GitLab's own references, `#12` and
 * `group/sub/project#12`. The ledger key names the project (`group/sub/project#12`), so a link
 * stays right when the config later points elsewhere. Project paths compare case-insensitively,
 * as GitLab routes them.
 */
import type { TicketNaming } from '../plan';

/** The naming rules of project `project` (`group/sub/project`). */
export function gitlabNaming(project: string): TicketNaming {
  const prefix = `${project.toLowerCase()}#`;
  return {
    keyOfReference(reference: string): string | null {
      const short = /^(?:GL-|#)(\d+)$/i.exec(reference);
      if (short) return `${project}#${short[1]}`;
      const full = /^([\w.-]+(?:\/[\w.-]+)+)#(\d+)$/.exec(reference);
      return full && full[1]!.toLowerCase() === project.toLowerCase() ? `${project}#${full[2]}` : null;
    },
    referenceOfKey(key: string): string | null {
      const iid = key.slice(prefix.length);
      return key.toLowerCase().startsWith(prefix) && /^\d+$/.test(iid) ? `GL-${iid}` : null;
    },
  };
}
