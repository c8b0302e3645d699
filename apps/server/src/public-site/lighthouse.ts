/**
 * `npm run lighthouse`: measures the public site with Lighthouse's mobile profile in Debian's
 * Chromium. Starts the server on a free port with a throwaway data directory, audits a set of pages,
 * prints the scores and exits non-zero when a page is below target. Kept out of the timed tests:
 * Lighthouse's simulated throttling needs a quiet machine to say anything true.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { loadConfig } from '../config';
import { startRuntime } from '../server';
import { publicPath, type PublicLanguage } from './languages';
import { seedDemo } from '../demo/seed';
import { SitePage, slugOf } from './site-pages';
import { isPublished, publishedLanguages } from './texts';

const TARGET = { performance: 95, accessibility: 100 };
/** Right to left, a script of its own, and the easy-to-read version: measured as soon as they are published. */
const REQUIRED_HOMES: readonly PublicLanguage[] = ['sv', 'sv-ll', 'ar', 'th'];

function pagesToAudit(): string[] {
  const homes = [...new Set([...REQUIRED_HOMES.filter(isPublished), ...publishedLanguages])].map((lang) => publicPath(lang, ''));
  const swedishPages = SitePage.filter((page) => page !== 'home').map((page) => publicPath('sv', slugOf(page)));
  // The visitor pages of the mailbox and of "find help near you" (Örebro: the demo data publishes services there).
  const visitorPages = ['mailbox', 'mailbox/open', 'find-help', 'find-help/1880'].map((slug) => publicPath('sv', slug));
  return [...homes, ...swedishPages, ...visitorPages];
}

const RUNS = 3;

function print(line: string): void {
  process.stdout.write(line + '\n');
}

interface Scores { performance: number; accessibility: number; findings: string[] }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One Lighthouse run; null when the run itself failed (a trace Lighthouse could not record). */
async function audit(url: string, port: number): Promise<Scores | null> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result || result.lhr.runtimeError) {
    print(`    ${url}: ${result?.lhr.runtimeError?.code ?? 'no result'}, run again`);
    return null;
  }
  const { categories, audits } = result.lhr;
  const findings = Object.values(audits)
    .filter((item) => item.score !== null && item.score < 1 && item.scoreDisplayMode !== 'informative' && item.scoreDisplayMode !== 'manual')
    .map((item) => `${item.id}: ${item.displayValue ?? item.score}`);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    findings,
  };
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'utvag-lighthouse-'));
  const runtime = await startRuntime(loadConfig({
    UTVAG_DATA_DIR: dataDir, UTVAG_DEMO: 'false', UTVAG_MASTER_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'error',
  }));
  // The fictional demo organisations publish services, so "find help near you" is measured with content on it.
  await seedDemo(runtime.database.db, runtime.keyring);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failures = 0;
  try {
    await runtime.app.listen({ port: 0, host: '127.0.0.1' });
    const address = runtime.app.server.address();
    if (!address || typeof address === 'string') throw new Error('The server has no port.');
    const origin = `http://127.0.0.1:${address.port}`;

    for (const lang of REQUIRED_HOMES.filter((lang) => !isPublished(lang))) {
      print(`${publicPath(lang, '')}  not published yet: measured once its translation is registered`);
    }
    print(`page                     performance  accessibility   (median of ${RUNS} runs)`);
    for (const path of pagesToAudit()) {
      const runs: Scores[] = [];
      let failedRuns = 0;
      while (runs.length < RUNS && failedRuns < RUNS) {
        const scores = await audit(origin + path, chrome.port);
        if (scores) runs.push(scores);
        else failedRuns += 1;
      }
      const performance = median(runs.map((run) => run.performance));
      const accessibility = median(runs.map((run) => run.accessibility));
      const below = runs.length === 0 || performance < TARGET.performance || accessibility < TARGET.accessibility;
      if (below) failures += 1;
      print(`${path.padEnd(24)} ${String(performance).padStart(11)}  ${String(accessibility).padStart(13)}   ${runs.map((run) => run.performance).join(' ')}${below ? '  BELOW TARGET' : ''}`);
      if (below) for (const finding of runs.at(-1)?.findings ?? []) print(`    ${finding}`);
    }
  } finally {
    chrome.kill();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  print(failures === 0
    ? `All pages meet the targets (performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}).`
    : `${failures} page(s) below target.`);
  return failures === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
