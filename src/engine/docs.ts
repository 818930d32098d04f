/**
 * Where Paydown's own pages are, for messages and files that point a user at them. A message is
 * read by someone who installed Paydown from npm or the Marketplace, without its repository at
 * hand: a link, never a path of the repository.
 */

/** Paydown's home page. */
export const PAYDOWN_URI = 'https://github.com/paydown-dev/paydown';

/** The page of Paydown's `docs/` folder named `page` (`sprints.md`), with an optional `#anchor`. */
export function docsLink(page: string, anchor?: string): string {
  return `${PAYDOWN_URI}/blob/main/docs/${page}${anchor ? `#${anchor}` : ''}`;
}
