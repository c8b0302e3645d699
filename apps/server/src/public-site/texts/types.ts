import type { LinkTarget, SitePage } from '../site-pages';

/**
 * Everything the public site says, for one language. Swedish (sv.ts) is the source; a translator
 * copies it and translates each string. The type makes a missing text a compile error.
 */
export interface TextLink {
  to: LinkTarget;
  label: string;
}

export interface TextSection {
  heading: string;
  paragraphs?: readonly string[];
  items?: readonly string[];
  links?: readonly TextLink[];
}

export interface PageTexts {
  /** The page's heading and the start of its <title>. */
  title: string;
  /** One or two sentences under the heading. */
  lead: string;
  sections: readonly TextSection[];
}

export interface SiteTexts {
  siteName: string;
  skipToContent: string;
  quickExit: string;
  /** Shown only when the script runs, since the keys need it. */
  quickExitKeys: string;
  menuLabel: string;
  languagesLabel: string;
  nav: Record<LinkTarget, string>;
  emergency: string;
  footerPromise: string;
  staffLogin: string;
  notFound: { title: string; text: string; home: string };
  pages: Record<SitePage, PageTexts>;
}
