/** The site's own pages, by their English slug; 'home' lives at the language's root. */
export const SitePage = ['home', 'rights', 'programs', 'contact', 'safety', 'professionals'] as const;
export type SitePage = (typeof SitePage)[number];

/** Pages other capabilities serve under the same prefix, linked from the navigation. */
export const LinkedPage = ['mailbox', 'find-help'] as const;
export type LinkedPage = (typeof LinkedPage)[number];

export type LinkTarget = SitePage | LinkedPage;

export function slugOf(target: LinkTarget): string {
  return target === 'home' ? '' : target;
}

export function isSitePage(value: string): value is SitePage {
  return value !== 'home' && (SitePage as readonly string[]).includes(value);
}
