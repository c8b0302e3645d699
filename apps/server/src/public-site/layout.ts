import { assetPath, quickExitScript, stylesheet } from './assets';
import { html, type SafeHtml } from './html';
import { htmlLang, isRightToLeft, languageName, publicPath, type PublicLanguage } from './languages';
import { LinkedPage, SitePage, slugOf, type LinkTarget } from './site-pages';
import { publishedLanguages, siteTexts } from './texts';

/**
 * Where the quick exit leads: a weather page says nothing about what the visitor was reading.
 * It is the only address outside the site that any public page links to.
 */
export const QUICK_EXIT_URL = 'https://www.smhi.se/';

/** The staff app, linked from the footer. */
export const STAFF_APP_PATH = '/app/';

export interface PageInput {
  lang: PublicLanguage;
  /** The page's slug without language prefix ('' for home, 'mailbox', 'find-help', …). */
  slug: string;
  title: string;
  body: SafeHtml;
  /** A page answered with an error status is kept out of search engines. */
  status?: number;
}

const menu: readonly LinkTarget[] = [...SitePage, ...LinkedPage];

/** A complete public page: every page of every capability on the public site goes through this. */
export function renderPage({ lang, slug, title, body, status = 200 }: PageInput): string {
  const texts = siteTexts(lang);
  const current = slug.replace(/^\/+|\/+$/g, '');
  const dir = isRightToLeft(lang) ? 'rtl' : 'ltr';
  const menuItems = menu.map((target) => {
    const targetSlug = slugOf(target);
    return html`<li><a href="${publicPath(lang, targetSlug)}"${targetSlug === current ? html` aria-current="page"` : ''}>${texts.nav[target]}</a></li>`;
  });
  const languageItems = publishedLanguages.map((other) =>
    html`<li><a href="${publicPath(other, current)}" lang="${htmlLang(other)}" hreflang="${htmlLang(other)}" dir="${isRightToLeft(other) ? 'rtl' : 'ltr'}"${other === lang ? html` aria-current="page"` : ''}>${languageName[other]}</a></li>`);
  const pageTitle = current === '' && title === texts.siteName ? title : `${title} – ${texts.siteName}`;

  return `<!doctype html>\n${html`<html lang="${htmlLang(lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${status === 200 ? '' : html`<meta name="robots" content="noindex">`}
<title>${pageTitle}</title>
<link rel="stylesheet" href="${assetPath(stylesheet)}">
<script src="${assetPath(quickExitScript)}" defer></script>
</head>
<body>
<a class="skip" href="#main">${texts.skipToContent}</a>
<header class="top">
<div class="bar"><a class="brand" href="${publicPath(lang, '')}">${texts.siteName}</a>
<a id="quick-exit" class="exit" href="${QUICK_EXIT_URL}" rel="noreferrer">${texts.quickExit}</a></div>
<p id="quick-exit-keys" class="exit-keys" hidden>${texts.quickExitKeys}</p>
<nav class="menu" aria-label="${texts.menuLabel}"><ul>${menuItems}</ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer>
<p class="emergency">${texts.emergency}</p>
<p>${texts.footerPromise}</p>
<nav class="langs" aria-label="${texts.languagesLabel}"><ul>${languageItems}</ul></nav>
<p><a href="${STAFF_APP_PATH}">${texts.staffLogin}</a></p>
</footer>
</body>
</html>
`}`;
}
