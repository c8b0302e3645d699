import {
  Weekday, directoryKindOrder, openingOn, phoneLinkNumber, swedishWeekday, textIn, type DirectoryEntryView, type DirectoryLanguage,
} from '@utvag/domain';
import { counties, municipalities, type Municipality } from '../db/reference-data';
import { html, type SafeHtml } from '../public-site/html';
import { htmlLang, publicPath, type PublicLanguage } from '../public-site/languages';
import { directoryTexts } from './texts';
import type { DirectoryTexts } from './texts/types';

export const FIND_HELP_SLUG = 'find-help';

const collator = new Intl.Collator('sv');
const allMunicipalities = municipalities().sort((a, b) => collator.compare(a.name, b.name));
const countiesByName = counties().sort((a, b) => collator.compare(a.name, b.name));
const countyName = new Map(countiesByName.map((county) => [county.code, county.name]));

export function findMunicipality(code: string): Municipality | undefined {
  return allMunicipalities.find((municipality) => municipality.code === code);
}

/** Folds case and accents, so "orebro" finds Örebro on a keyboard without Swedish letters. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}

/** Municipalities whose name, or a word in it, begins with the query. */
export function searchMunicipalities(query: string): Municipality[] {
  const wanted = folded(query);
  if (!wanted) return [];
  return allMunicipalities.filter((municipality) => {
    const name = folded(municipality.name);
    return name.startsWith(wanted) || name.split(/[\s-]/).some((word) => word.startsWith(wanted));
  });
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

export function municipalityPath(lang: PublicLanguage, code: string): string {
  return publicPath(lang, `${FIND_HELP_SLUG}/${code}`);
}

function clockTime(time: string, style: DirectoryTexts['clock']): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  const hour = String(Number(hours));
  if (style === 'dot') return minutes === '00' ? hour : `${hour}.${minutes}`;
  return `${hour}:${minutes}`;
}

function periodText(texts: DirectoryTexts, periods: { opens: string; closes: string }[]): string {
  return periods.map((period) => `${clockTime(period.opens, texts.clock)}–${clockTime(period.closes, texts.clock)}`).join(texts.andPeriod);
}

function languageNames(lang: PublicLanguage, codes: readonly string[]): string {
  const names = new Intl.DisplayNames([htmlLang(lang)], { type: 'language', fallback: 'code' });
  return codes.map((code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  }).join(', ');
}

/** The `lang` attribute a text needs when it is shown in a language other than the page's. */
function langAttribute(pageLang: PublicLanguage, textLang: DirectoryLanguage): SafeHtml | '' {
  return htmlLang(textLang) === htmlLang(pageLang) ? '' : html` lang="${htmlLang(textLang)}"`;
}

function hoursBlock(lang: PublicLanguage, texts: DirectoryTexts, entry: DirectoryEntryView, now: Date): SafeHtml {
  const today = openingOn(entry.openingHours, swedishWeekday(now));
  const todayText = today.kind === 'always' ? texts.alwaysOpen
    : today.kind === 'open' ? fill(texts.openToday, { hours: periodText(texts, today.periods) })
      : today.kind === 'closed' ? texts.closedToday : null;
  const week = Weekday.options
    .map((day) => ({ day, opening: openingOn(entry.openingHours, day) }))
    .filter((item) => item.opening.kind === 'open');
  const note = entry.openingHours.note ? textIn(entry.openingHours.note, lang) : null;
  return html`${todayText ? html`<p><strong>${todayText}</strong></p>` : ''}${
    week.length > 0 ? html`<details><summary>${texts.hours}</summary><ul>${week.map(({ day, opening }) =>
      html`<li>${texts.weekdays[day]} ${opening.kind === 'open' ? periodText(texts, opening.periods) : ''}</li>`)}</ul></details>` : ''}${
    note ? html`<p${langAttribute(lang, note.language)}>${note.text}</p>` : ''}`;
}

function entryBlock(lang: PublicLanguage, texts: DirectoryTexts, entry: DirectoryEntryView, now: Date): SafeHtml {
  const description = textIn(entry.description, lang);
  const facts = [entry.free ? texts.free : null, entry.anonymous ? texts.anonymous : null, entry.forChildren ? texts.forChildren : null, entry.forAdults ? texts.forAdults : null]
    .filter((fact): fact is string => fact !== null);
  let webLabel = entry.webAddress;
  try {
    if (entry.webAddress) webLabel = new URL(entry.webAddress).host;
  } catch { /* shown as stored */ }
  return html`<article class="service">
<h3>${entry.name}</h3>
<p${langAttribute(lang, description.language)}>${description.text}</p>
${hoursBlock(lang, texts, entry, now)}
<ul>
${entry.phone ? html`<li>${texts.phone}: <a href="tel:${phoneLinkNumber(entry.phone)}">${entry.phone}</a></li>` : ''}
${entry.email ? html`<li>${texts.email}: <a href="mailto:${entry.email}">${entry.email}</a></li>` : ''}
${entry.webAddress ? html`<li>${texts.web}: <a href="${entry.webAddress}" rel="noreferrer noopener">${webLabel}</a></li>` : ''}
${entry.streetAddress ? html`<li>${texts.address}: ${entry.streetAddress}</li>` : ''}
${entry.protectedLocation ? html`<li>${texts.protectedAddress}</li>` : ''}
<li>${texts.languagesSpoken}: ${languageNames(lang, entry.languages)}</li>
</ul>
${facts.length > 0 ? html`<p>${facts.join(' · ')}</p>` : ''}
<p><small>${fill(texts.publishedBy, { organisation: entry.organisationName })}</small></p>
</article>
`;
}

interface ChooserInput {
  lang: PublicLanguage;
  query?: string;
  missingMunicipality?: boolean;
}

/** The chooser: a plain GET form with every municipality grouped by county, and a name search that answers with links. */
export function chooserPage({ lang, query, missingMunicipality = false }: ChooserInput): { title: string; body: SafeHtml } {
  const texts = directoryTexts(lang);
  const action = publicPath(lang, FIND_HELP_SLUG);
  const matches = query === undefined ? null : searchMunicipalities(query);
  const groups = countiesByName.map((county) => html`<optgroup label="${county.name}">${
    allMunicipalities.filter((municipality) => municipality.countyCode === county.code)
      .map((municipality) => html`<option value="${municipality.code}">${municipality.name}</option>`)}</optgroup>`);
  const body = html`<h1>${texts.title}</h1>
<p class="lead">${texts.lead}</p>
<p class="emergency">${texts.emergency}</p>
${missingMunicipality ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${texts.errorSummaryTitle}</h2>
<ul><li><a href="#municipality">${texts.municipalityMissing}</a></li></ul>
</div>` : ''}
<form method="get" action="${action}">
<label for="municipality">${texts.chooseLabel}</label>
<p id="municipality-hint">${texts.chooseHint}</p>
${missingMunicipality ? html`<p id="municipality-error" class="error">${texts.municipalityMissing}</p>` : ''}
<select id="municipality" name="municipality" aria-describedby="municipality-hint${missingMunicipality ? ' municipality-error' : ''}"${missingMunicipality ? html` aria-invalid="true"` : ''}>
<option value="">${texts.choosePlaceholder}</option>
${groups}
</select>
<p><button type="submit">${texts.chooseButton}</button></p>
</form>
<h2>${texts.searchHeading}</h2>
<form method="get" action="${action}" role="search">
<label for="q">${texts.searchLabel}</label>
<p id="q-hint">${texts.searchHint}</p>
<input id="q" name="q" type="search" autocomplete="off" maxlength="60" value="${query ?? ''}" aria-describedby="q-hint">
<p><button type="submit">${texts.searchButton}</button></p>
</form>
${matches === null ? '' : matches.length === 0
    ? html`<p role="status">${fill(texts.searchNoMatch, { query: query ?? '' })}</p>`
    : html`<p role="status">${fill(texts.searchResults, { count: matches.length, query: query ?? '' })}</p>
<ul class="links">${matches.map((municipality) => html`<li><a href="${municipalityPath(lang, municipality.code)}">${municipality.name}</a> (${countyName.get(municipality.countyCode) ?? ''})</li>`)}</ul>`}
`;
  return { title: texts.title, body };
}

/**
 * A municipality's services: help nearby first, grouped by kind in `directoryKindOrder`, and the
 * national lines last, since they are the same wherever the visitor is and are always shown.
 */
export function municipalityPage(lang: PublicLanguage, municipality: Municipality, entries: readonly DirectoryEntryView[], now: Date): { title: string; body: SafeHtml } {
  const texts = directoryTexts(lang);
  const byName = (a: DirectoryEntryView, b: DirectoryEntryView) => collator.compare(a.name, b.name);
  const national = entries.filter((entry) => entry.coverage.scope === 'national').sort(byName);
  const local = entries.filter((entry) => entry.coverage.scope !== 'national');
  const groups = directoryKindOrder
    .map((kind) => ({ kind, items: local.filter((entry) => entry.kind === kind).sort(byName) }))
    .filter((group) => group.items.length > 0);
  const title = fill(texts.municipalityTitle, { municipality: municipality.name });
  const body = html`<h1>${title}</h1>
<p class="lead">${fill(texts.municipalityLead, { municipality: municipality.name })}</p>
<p class="emergency">${texts.emergency}</p>
${groups.length === 0 ? html`<p>${fill(texts.emptyLocal, { municipality: municipality.name })}</p>` : ''}
${groups.map((group) => html`<section>
<h2>${texts.kinds[group.kind]}</h2>
${group.items.map((entry) => entryBlock(lang, texts, entry, now))}</section>
`)}
<section>
<h2>${texts.nationalHeading}</h2>
${national.length === 0 ? html`<p>${texts.emptyNational}</p>` : national.map((entry) => entryBlock(lang, texts, entry, now))}
</section>
<p><a href="${publicPath(lang, FIND_HELP_SLUG)}">${texts.otherMunicipality}</a></p>
`;
  return { title, body };
}
