/**
 * The public site: every published language × every page, its headers and budgets, the published
 * set of languages and the completeness of their texts, escaping, and the 404 page's language.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickExitScript, stylesheet } from '../src/public-site/assets';
import { escapeHtml, html, raw } from '../src/public-site/html';
import { PublicLanguage, htmlLang, isRightToLeft, publicPath, type PublicLanguage as Language } from '../src/public-site/languages';
import { QUICK_EXIT_URL } from '../src/public-site/layout';
import { chooseEncoding } from '../src/public-site/respond';
import { LinkedPage, SitePage, slugOf } from '../src/public-site/site-pages';
import { publishedLanguages, siteTexts } from '../src/public-site/texts';
import { sv } from '../src/public-site/texts/sv';
import { testEnv, type TestEnv } from './helpers';

const BUDGET_BYTES = 30 * 1024;

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env.close();
});

async function get(url: string, encoding = 'br, gzip') {
  const response = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
  const raw = response.rawPayload;
  const contentEncoding = response.headers['content-encoding'];
  const body = (contentEncoding === 'br' ? brotliDecompressSync(raw) : contentEncoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  return { response, body, transferred: raw.length };
}

function attribute(document: string, element: string, name: string): string | undefined {
  return new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(document)?.[1];
}

function addresses(document: string): string[] {
  return [...document.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
}

/** Every leaf string of a texts object, with its path. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
  return [];
}

/** The shape of a texts object: its object keys, recursively (arrays may differ in length between languages). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? 'list' : 'empty list';
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]));
  return typeof value;
}

const pages = SitePage.map((page) => ({ page, slug: slugOf(page) }));

describe('published languages', () => {
  it('publishes Swedish, easy-to-read Swedish and English, each only from a registered texts file', () => {
    expect(publishedLanguages).toEqual(expect.arrayContaining(['sv', 'sv-ll', 'en']));
    for (const lang of publishedLanguages) expect(PublicLanguage).toContain(lang);
  });

  it.each(publishedLanguages)('has every text for %s, none empty, and shaped like the Swedish source', (lang) => {
    const texts = siteTexts(lang);
    expect(shape(texts)).toEqual(shape(sv));
    for (const page of SitePage) {
      expect(texts.pages[page].sections.length, page).toBeGreaterThan(0);
      for (const section of texts.pages[page].sections) {
        expect((section.paragraphs?.length ?? 0) + (section.items?.length ?? 0) + (section.links?.length ?? 0), `${page}: ${section.heading}`).toBeGreaterThan(0);
      }
    }
    for (const [path, text] of leaves(texts)) expect(text.trim(), `${lang} ${path}`).not.toBe('');
  });

  it.each(publishedLanguages.filter((lang) => lang !== 'sv' && lang !== 'sv-ll'))('%s is a translation, not the Swedish copied', (lang) => {
    const swedish = new Map(leaves(sv));
    const copied = leaves(siteTexts(lang)).filter(([path, text]) => path !== 'siteName' && !path.endsWith('.to') && swedish.get(path) === text && !/^[\d\s:+]+$/.test(text));
    expect(copied.map(([path]) => path)).toEqual([]);
  });

  it('answers 404 in Swedish for a language the site is not yet published in', async () => {
    const unpublished = PublicLanguage.filter((lang) => !publishedLanguages.includes(lang));
    for (const lang of unpublished) {
      const { response, body } = await get(`/${lang}/`);
      expect(response.statusCode, lang).toBe(404);
      expect(attribute(body, 'html', 'lang')).toBe('sv');
      expect(body).toContain(sv.notFound.title);
    }
  });
});

describe.each(publishedLanguages)('every page in %s', (lang: Language) => {
  const texts = () => siteTexts(lang);

  it.each(pages)('serves $page within budget, with strict headers and only internal links', async ({ page, slug }) => {
    const path = publicPath(lang, slug);
    const { response, body, transferred } = await get(path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('br');

    expect(attribute(body, 'html', 'lang')).toBe(htmlLang(lang));
    expect(attribute(body, 'html', 'dir')).toBe(isRightToLeft(lang) ? 'rtl' : 'ltr');
    expect(body).toContain(`<h1>${escapeHtml(texts().pages[page].title)}</h1>`);

    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(body).not.toMatch(/\sstyle="/);
    expect(body).not.toMatch(/\son[a-z]+="/);

    // The page, its stylesheet and its script together, as a browser with an empty cache fetches them.
    const css = await get('/public-assets/' + stylesheet.name);
    const js = await get('/public-assets/' + quickExitScript.name);
    expect(transferred + css.transferred + js.transferred).toBeLessThanOrEqual(BUDGET_BYTES);

    const quickExit = /<a id="quick-exit"[^>]*href="([^"]*)"/.exec(body);
    expect(quickExit?.[1]).toBe(QUICK_EXIT_URL);
    expect(body).toContain(`src="/public-assets/${quickExitScript.name}"`);
    expect(body).toContain('href="/app/"');
    expect(body).toContain('<main id="main"');

    for (const address of addresses(body)) {
      expect(address === QUICK_EXIT_URL || (address.startsWith('/') && !address.startsWith('//')) || address.startsWith('#'), address).toBe(true);
    }
    for (const other of publishedLanguages) expect(body).toContain(`href="${publicPath(other, slug)}"`);
    for (const target of [...SitePage, ...LinkedPage]) expect(body).toContain(`href="${publicPath(lang, slugOf(target))}"`);
  });

  it('leads every link to one of its own pages somewhere that answers', async () => {
    const seen = new Set<string>();
    for (const { slug } of pages) {
      const { body } = await get(publicPath(lang, slug));
      for (const address of addresses(body)) if (address.startsWith('/') && !address.startsWith('/app/')) seen.add(address);
    }
    const linked = new Set(LinkedPage.map((target) => publicPath(lang, slugOf(target))));
    for (const address of seen) {
      const { response } = await get(address);
      // Mailbox and find-help belong to other capabilities; they must at least not fail.
      if (linked.has(address)) expect(response.statusCode, address).toBeLessThan(500);
      else expect(response.statusCode, address).toBe(200);
    }
  });

  it('answers an unknown page with the 404 page in the same language', async () => {
    const { response, body } = await get(publicPath(lang, 'no-such-page'));
    expect(response.statusCode).toBe(404);
    expect(attribute(body, 'html', 'lang')).toBe(htmlLang(lang));
    expect(body).toContain(escapeHtml(texts().notFound.title));
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('addresses', () => {
  it('serves Swedish at the root and redirects /sv/… there', async () => {
    expect((await get('/')).body).toContain(`<h1>${sv.pages.home.title}</h1>`);
    expect((await get('/rights')).body).toContain(`<h1>${sv.pages.rights.title}</h1>`);
    for (const [from, to] of [['/sv', '/'], ['/sv/', '/'], ['/sv/rights', '/rights'], ['/en', '/en/']] as const) {
      const { response } = await get(from);
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
    }
  });

  it('answers an unknown language or page in Swedish, without echoing the address', async () => {
    for (const path of ['/xx/', '/xx/rights', '/no-such-page', '/favicon.ico', '/%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      const { response, body } = await get(path);
      expect(response.statusCode, path).toBe(404);
      expect(attribute(body, 'html', 'lang'), path).toBe('sv');
      expect(body, path).not.toContain('<script>alert');
      expect(body, path).not.toContain('no-such-page');
    }
  });

  it('leaves the API and the staff app as they were', async () => {
    const api = await get('/api/no-such-thing');
    expect(api.response.statusCode).toBe(404);
    expect(api.response.headers['content-type']).toContain('application/json');
    expect((await get('/app')).response.headers.location).toBe('/app/');
    expect([200, 503]).toContain((await get('/app/')).response.statusCode);
    expect((await get('/healthz')).response.statusCode).toBe(200);
  });

  it('lets browsers keep the stylesheet and script for a year under content-hashed names', async () => {
    for (const asset of [stylesheet, quickExitScript]) {
      const { response, body } = await get(`/public-assets/${asset.name}`, 'gzip');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(asset.contentType);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(body).toBe(asset.identity.toString('utf8'));
    }
    expect((await get('/public-assets/site.css')).response.statusCode).toBe(404);
  });

  it('sends uncompressed pages to clients that ask for none, and survives odd Accept-Encoding headers', async () => {
    const plain = await get('/en/', '');
    expect(plain.response.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('<html lang="en"');
    for (const header of ['br;q=0, gzip', 'gzip;q=0', ';;,,q=', 'x'.repeat(4000), 'BR']) {
      const { response, body } = await get('/', header);
      expect(response.statusCode, header).toBe(200);
      expect(body).toContain('<html lang="sv"');
    }
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});

describe('html', () => {
  it('escapes every interpolated value unless it is already markup', () => {
    const visitor = `<script>alert("x")</script> & 'quote'`;
    expect(html`<p title="${visitor}">${visitor}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;</p>',
    );
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>`.toString()).toBe('<ul>&lt;a&gt;<li>b</li></ul>');
    expect(html`${raw('<b>kept</b>')}${null}${undefined}${false}${3}`.toString()).toBe('<b>kept</b>3');
    // A look-alike object is not trusted markup.
    expect(html`${{ value: '<b>', toString: () => '<b>' } as unknown as string}`.toString()).toBe('&lt;b&gt;');
  });
});
