import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlLang, isRightToLeft, publicPath } from '../../server/src/public-site/languages';
import { FIND_HELP_SLUG } from '../../server/src/directory/public-page';
import { mailboxSlug } from '../../server/src/mailbox/pages';
import { QUICK_EXIT_URL } from '../../server/src/public-site/layout';
import { SitePage, slugOf } from '../../server/src/public-site/site-pages';
import { publishedLanguages, siteTexts } from '../../server/src/public-site/texts';
import type { Runtime } from '../../server/src/server';
import { axeViolations, expectNoAxeViolations, launchBrowser, startTestServer, stop } from './browser-harness';

/**
 * The public site in a real browser, with JavaScript on and off: every page in every published
 * language passes axe, carries the right lang and dir, sets no cookie and asks no other origin for
 * anything; the quick exit leaves by click and by keyboard and takes the page out of history.
 * Driven by the registered languages, so a new translation is walked without touching this file.
 */

let runtime: Runtime;
let browser: Browser;
let origin: string;
const contexts: Record<'on' | 'off', BrowserContext> = {} as never;
/**
 * axe runs inside the page, which a context without JavaScript does not allow: the JavaScript-off
 * pages are checked by axe in a context whose only script, the quick exit's, is refused, so the
 * document is the one a visitor without JavaScript gets.
 */
let scriptless: BrowserContext;
/** Requests and cookies seen by each context, other than the quick exit's own. */
const foreign: Record<'on' | 'off', string[]> = { on: [], off: [] };
const setCookies: Record<'on' | 'off', string[]> = { on: [], off: [] };

const NEUTRAL_PAGE = '<!doctype html><html lang="sv"><head><title>Väder</title></head><body><h1>Väder</h1></body></html>';

async function openContext(mode: 'on' | 'off'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: origin, javaScriptEnabled: mode === 'on', locale: 'sv-SE' });
  context.setDefaultTimeout(10_000);
  // The neutral site is not reached from the test machine: it is answered here, and counted apart.
  await context.route(`${QUICK_EXIT_URL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_PAGE }));
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin + '/') && !url.startsWith(QUICK_EXIT_URL)) foreign[mode].push(url);
  });
  context.on('response', async (response) => {
    const cookie = await response.headerValue('set-cookie');
    if (cookie) setCookies[mode].push(response.url());
  });
  return context;
}

beforeAll(async () => {
  runtime = await startTestServer('public-site');
  browser = await launchBrowser();
  const address = runtime.app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port.');
  origin = `http://localhost:${address.port}`;
  contexts.on = await openContext('on');
  contexts.off = await openContext('off');
  scriptless = await browser.newContext({ baseURL: origin, locale: 'sv-SE' });
  await scriptless.route('**/public-assets/*.js', (route) => route.abort());
});

afterAll(async () => {
  await stop();
});

/** Nothing is published on the test server, so Örebro's (1880) page shows its empty state and 112. */
const visitorPages = [mailboxSlug.start, mailboxSlug.open, FIND_HELP_SLUG, `${FIND_HELP_SLUG}/1880`];

/**
 * Every page of every language is walked with JavaScript on and off (lang, dir, the quick exit, no cookie,
 * no other origin), and axe checks every page in every language with JavaScript on. Without JavaScript a
 * page is the same document less the quick exit's key hint, so axe checks it in Swedish and the first
 * right-to-left language.
 */
const rightToLeft = publishedLanguages.find((lang) => isRightToLeft(lang)) ?? 'sv';
const axeWithoutJavaScript = new Set(['sv', rightToLeft]);
const walks = publishedLanguages.flatMap((lang) => (['on', 'off'] as const).map((mode) =>
  ({ lang, mode, axe: mode === 'on' || axeWithoutJavaScript.has(lang) })));

describe('every public page in every published language', () => {
  it.each(walks)('$lang with JavaScript $mode', async (walk) => {
    const { lang, mode } = walk;
    const context = contexts[mode];
    const page = await context.newPage();
    const axePage = mode === 'on' ? page : walk.axe ? await scriptless.newPage() : null;
    const texts = siteTexts(lang);
    for (const sitePage of SitePage) {
      const path = publicPath(lang, slugOf(sitePage));
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.getByRole('heading', { level: 1, name: texts.pages[sitePage].title, exact: true }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(htmlLang(lang));
      expect(await page.getAttribute('html', 'dir')).toBe(isRightToLeft(lang) ? 'rtl' : 'ltr');
      const exit = page.getByRole('link', { name: texts.quickExit, exact: true });
      expect(await exit.isVisible(), path).toBe(true);
      expect(await exit.getAttribute('href')).toBe(QUICK_EXIT_URL);
      // The key hint only makes a promise the script can keep.
      expect(await page.getByText(texts.quickExitKeys, { exact: true }).isVisible(), path).toBe(mode === 'on');
      if (!axePage) continue;
      if (mode === 'off') {
        await axePage.goto(path);
        expect(await axePage.getByText(texts.quickExitKeys, { exact: true }).isVisible()).toBe(false);
      }
      await expectNoAxeViolations(axePage, `${path} (JavaScript ${mode})`);
    }
    // The pages of the mailbox and of "find help near you" that a visitor reaches without a mailbox open.
    for (const slug of visitorPages) {
      const path = publicPath(lang, slug);
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.locator('h1').first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(htmlLang(lang));
      expect(await page.getAttribute('html', 'dir')).toBe(isRightToLeft(lang) ? 'rtl' : 'ltr');
      expect(await page.getByRole('link', { name: texts.quickExit, exact: true }).isVisible(), path).toBe(true);
      if (!axePage) continue;
      if (mode === 'off') await axePage.goto(path);
      await expectNoAxeViolations(axePage, `${path} (JavaScript ${mode})`);
    }
    await page.close();
    if (axePage && axePage !== page) await axePage.close();
    expect(await context.cookies()).toEqual([]);
    expect(setCookies[mode]).toEqual([]);
    expect(foreign[mode]).toEqual([]);
  });

  it('has an accessibility check that finds what is wrong', async () => {
    const page = await contexts.on.newPage();
    await page.setContent('<!doctype html><html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1><img src="data:,"><button></button></main></body></html>');
    expect((await axeViolations(page)).map((violation) => violation.rule).sort()).toEqual(['button-name', 'image-alt']);
    await expect(expectNoAxeViolations(page, 'a page made to fail')).rejects.toThrow('axe violations on a page made to fail');
    await page.close();
  });

  it('lets the keyboard reach the content and the quick exit first', async () => {
    const page = await contexts.on.newPage();
    await page.goto('/en/rights');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: siteTexts('en').skipToContent });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    // Following the skip link moves focus when the fragment navigation has run, not at once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // A fresh load without the #main fragment, so the sequential focus starts at the top of the page again.
    await page.goto('about:blank');
    await page.goto('/en/rights');
    for (let tab = 0; tab < 3; tab += 1) await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quick-exit');
    await page.close();
  });
});

describe('quick exit', () => {
  /** A page whose history holds a blank page and then the site, so Back shows what the exit left behind. */
  async function onSite(mode: 'on' | 'off', path: string): Promise<Page> {
    const page = await contexts[mode].newPage();
    await page.goto('about:blank');
    await page.goto(path);
    return page;
  }

  async function expectLeftWithoutTrace(page: Page): Promise<void> {
    await page.waitForURL(`${QUICK_EXIT_URL}**`);
    expect(await page.title()).toBe('Väder');
    await page.goBack();
    // The site's page was replaced in history: Back lands on what came before it.
    expect(page.url()).toBe('about:blank');
    await page.close();
  }

  it.each(publishedLanguages)('leaves by click and replaces the page in history (%s)', async (lang) => {
    const page = await onSite('on', publicPath(lang, 'safety'));
    await page.getByRole('link', { name: siteTexts(lang).quickExit, exact: true }).click();
    await expectLeftWithoutTrace(page);
  });

  it.each(['Escape', 'Shift'])('leaves when %s is pressed three times', async (key) => {
    const page = await onSite('on', '/');
    await page.keyboard.press(key);
    await page.keyboard.press(key);
    await page.keyboard.press(key);
    await expectLeftWithoutTrace(page);
  });

  it('stays when the presses are too few or too slow', async () => {
    const page = await onSite('on', '/contact');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(1600);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${origin}/contact`);
    await page.close();
  });

  it('works as a plain link with JavaScript off', async () => {
    const page = await onSite('off', '/en/');
    await page.getByRole('link', { name: siteTexts('en').quickExit, exact: true }).click();
    await page.waitForURL(`${QUICK_EXIT_URL}**`);
    expect(await page.title()).toBe('Väder');
    await page.close();
  });
});
