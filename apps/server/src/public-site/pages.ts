import { html, type SafeHtml } from './html';
import { publicPath, type PublicLanguage } from './languages';
import { slugOf, type SitePage } from './site-pages';
import { siteTexts } from './texts';
import type { TextSection } from './texts/types';

function section(lang: PublicLanguage, { heading, paragraphs = [], items = [], links = [] }: TextSection): SafeHtml {
  return html`<section>
<h2>${heading}</h2>
${paragraphs.map((paragraph) => html`<p>${paragraph}</p>\n`)}${items.length > 0 ? html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>\n` : ''}${
  links.length > 0 ? html`<ul class="links">${links.map((link) => html`<li><a href="${publicPath(lang, slugOf(link.to))}">${link.label}</a></li>`)}</ul>\n` : ''}</section>
`;
}

/** One of the site's own pages, from its texts. */
export function sitePage(lang: PublicLanguage, page: SitePage): { title: string; body: SafeHtml } {
  const texts = siteTexts(lang).pages[page];
  return {
    title: texts.title,
    body: html`<h1>${texts.title}</h1>
<p class="lead">${texts.lead}</p>
${texts.sections.map((part) => section(lang, part))}`,
  };
}
