// Where the kit's reports link for a man page: man7.org's HTML pages, the Linux man-pages project's
// own site. A link is navigation the reader chooses, never a request the report makes by itself.

const MAN_PAGE = /^([a-z0-9_.+-]+)\((\d)\)$/i;

/** A web address for a man page like `pipe(7)`, or undefined for other sources. */
export function manPageUrl(page: string): string | undefined {
  const match = MAN_PAGE.exec(page);
  return match ? `https://man7.org/linux/man-pages/man${match[2]}/${match[1]}.${match[2]}.html` : undefined;
}

/** Allure links for the man pages among `pages` (others are left out), each page once. */
export function manPageLinks(pages: readonly string[]): { name: string; url: string }[] {
  return [...new Set(pages)].flatMap((page) => {
    const url = manPageUrl(page);
    return url ? [{ name: page, url }] : [];
  });
}
