/**
 * The public service directory over HTTP against a real database: staff maintain their own
 * organisation's entries (and nobody else's), coverage decides which municipality pages show an
 * entry, unpublished entries stay hidden, bad input is refused, and the public pages work as plain
 * forms in every language the public site publishes.
 */
import { DirectoryLanguage } from '@utvag/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities } from '../src/db/reference-data';
import { chooserPage, findMunicipality, municipalityPage } from '../src/directory/public-page';
import { directoryTextsByLanguage } from '../src/directory/texts';
import { publishedEntriesFor } from '../src/directory/service';
import { quickExitScript, stylesheet } from '../src/public-site/assets';
import { createOrganisation } from '../src/organisations/store';
import { PublicLanguage, languagePrefix } from '../src/public-site/languages';
import { publishedLanguages } from '../src/public-site/texts';
import { as, expectStatus, makeUser, organisations, testEnv, type TestEnv, type TestUser } from './helpers';

let env: TestEnv;
let orebroAdmin: TestUser;
let orebroManager: TestUser;
let orebroCoordinator: TestUser;
let stockholmAdmin: TestUser;
let regionAdmin: TestUser;
let associationManager: TestUser;
let agencyAdmin: TestUser;


const entry = (overrides: Record<string, unknown> = {}) => ({
  kind: 'social_services',
  name: 'Stödmottagningen Testköping',
  description: { sv: 'Vi hjälper dig som säljer sex eller har gjort det.', en: 'We help people who sell sex or have done so.' },
  phone: '019-21 10 00',
  email: 'stod@testkoping.example',
  webAddress: 'https://testkoping.example/stod',
  streetAddress: 'Provgatan 1, Testköping',
  protectedLocation: false,
  openingHours: { alwaysOpen: false, periods: [{ day: 'mon', opens: '08:00', closes: '16:00' }, { day: 'tue', opens: '08:30', closes: '12:00' }] },
  languages: ['sv', 'en'],
  free: true,
  anonymous: true,
  forChildren: false,
  forAdults: true,
  coverage: { scope: 'own_area' },
  published: true,
  ...overrides,
});

const put = (user: TestUser, url: string, payload: unknown) =>
  env.app.inject({ method: 'PUT', url, payload: payload as Record<string, unknown>, headers: { authorization: `Bearer ${user.token}` } });

async function create(user: TestUser, overrides: Record<string, unknown> = {}) {
  const response = await as(env, user).post('/api/v1/directory-entries', entry(overrides));
  expectStatus(response, 201);
  return response.json() as { id: string; version: number; name: string };
}

async function page(url: string): Promise<LightMyRequestResponse> {
  return env.app.inject({ method: 'GET', url });
}

const ownEntries = async (user: TestUser) => (await as(env, user).get('/api/v1/directory-entries')).json().entries as { id: string; name: string; published: boolean }[];

const countyOf = (countyCode: string) => municipalities().filter((municipality) => municipality.countyCode === countyCode);

beforeAll(async () => {
  env = await testEnv();
  const orebro = await organisations.municipality(env, '1880');
  const stockholm = await organisations.municipality(env, '0180');
  const region = await organisations.region(env, '18');
  const association = await organisations.civilSociety(env);
  const agency = await createOrganisation(env.database.db, { type: 'national_agency', name: 'Testmyndigheten' });
  orebroAdmin = await makeUser(env, orebro, ['org_admin']);
  orebroManager = await makeUser(env, orebro, ['manager']);
  orebroCoordinator = await makeUser(env, orebro, ['coordinator']);
  stockholmAdmin = await makeUser(env, stockholm, ['org_admin']);
  regionAdmin = await makeUser(env, region, ['org_admin']);
  associationManager = await makeUser(env, association, ['manager']);
  agencyAdmin = await makeUser(env, agency, ['org_admin']);
});
afterAll(async () => { await env?.close(); });

describe('staff maintain their own entries', () => {
  it('creates once per Idempotency-Key, lists, changes at the read version, unpublishes and deletes, all audited', async () => {
    const headers = { 'idempotency-key': 'directory-create-1' };
    const first = await as(env, orebroAdmin).post('/api/v1/directory-entries', entry({ name: 'Mottagning Alfa' }), headers);
    expectStatus(first, 201);
    const again = await as(env, orebroAdmin).post('/api/v1/directory-entries', entry({ name: 'Mottagning Alfa' }), headers);
    expectStatus(again, 201);
    const created = first.json();
    expect(again.json().id).toBe(created.id);
    expect(created).toMatchObject({ name: 'Mottagning Alfa', version: 1, published: true, coverage: { scope: 'own_area' }, organisationName: 'Örebro kommun' });
    expect((await ownEntries(orebroAdmin)).filter((item) => item.name === 'Mottagning Alfa')).toHaveLength(1);

    const changed = await put(orebroManager, `/api/v1/directory-entries/${created.id}`, { version: 1, ...entry({ name: 'Mottagning Beta', languages: ['sv', 'ro'] }) });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ name: 'Mottagning Beta', languages: ['sv', 'ro'], version: 2 });

    const stale = await put(orebroAdmin, `/api/v1/directory-entries/${created.id}`, { version: 1, ...entry({ name: 'Mottagning Gamma' }) });
    expectStatus(stale, 409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });

    const unpublished = await as(env, orebroAdmin).post(`/api/v1/directory-entries/${created.id}/publication`, { version: 2, published: false });
    expectStatus(unpublished, 200);
    expect(unpublished.json()).toMatchObject({ published: false, version: 3, name: 'Mottagning Beta' });

    expectStatus(await as(env, orebroAdmin).delete(`/api/v1/directory-entries/${created.id}`), 204);
    expect((await ownEntries(orebroAdmin)).some((item) => item.id === created.id)).toBe(false);
    expectStatus(await as(env, orebroAdmin).delete(`/api/v1/directory-entries/${created.id}`), 404);

    const audit = await env.database.db.selectFrom('auditEvents').select(['action', 'actorUserId', 'details'])
      .where('action', 'like', 'directory_entry.%').orderBy('occurredAt').execute();
    const mine = audit.filter((event) => (event.details as { entryId?: string }).entryId === created.id);
    expect(mine.map((event) => event.action)).toEqual(['directory_entry.create', 'directory_entry.update', 'directory_entry.unpublish', 'directory_entry.delete']);
    expect(mine[1]!.actorUserId).toBe(orebroManager.id);
  });

  it('is documented in the OpenAPI description', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(response, 200);
    const paths = response.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    expect(Object.keys(paths['/api/v1/directory-entries'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/directory-entries/{entryId}'] ?? {}).sort()).toEqual(['delete', 'put']);
    expect(paths['/api/v1/directory-entries/{entryId}/publication']?.post?.tags).toEqual(['directory-entries']);
    expect(Object.keys(paths).some((path) => path.includes('find-help'))).toBe(false);
  });

  it('tells the reader what their organisation may publish', async () => {
    const list = await as(env, associationManager).get('/api/v1/directory-entries');
    expectStatus(list, 200);
    expect(list.json()).toMatchObject({ canMaintain: true, coverageScopes: ['selected', 'national'] });
    expect(list.json().kinds).not.toContain('social_services');
    expect(list.json().places).toHaveLength(21);
    expect(list.json().places.flatMap((county: { municipalities: unknown[] }) => county.municipalities)).toHaveLength(290);
    const coordinatorList = await as(env, orebroCoordinator).get('/api/v1/directory-entries');
    expect(coordinatorList.json()).toMatchObject({ canMaintain: false, coverageScopes: ['own_area'], places: [] });
  });

  it('lets nobody outside the organisation change an entry (404), and staff without the role get 403', async () => {
    const created = await create(orebroAdmin, { name: 'Mottagning Delta' });
    const url = `/api/v1/directory-entries/${created.id}`;
    expectStatus(await put(stockholmAdmin, url, { version: 1, ...entry({ name: 'Kapad' }) }), 404);
    expectStatus(await as(env, stockholmAdmin).post(`${url}/publication`, { version: 1, published: false }), 404);
    expectStatus(await as(env, stockholmAdmin).delete(url), 404);
    expect((await ownEntries(stockholmAdmin)).some((item) => item.id === created.id)).toBe(false);

    expectStatus(await as(env, orebroCoordinator).post('/api/v1/directory-entries', entry()), 403);
    const forbidden = await put(orebroCoordinator, url, { version: 1, ...entry({ name: 'Ändrad' }) });
    expectStatus(forbidden, 403);
    expect(forbidden.json().error.code).toBe('cannot_maintain_directory');
    expectStatus(await as(env, orebroCoordinator).delete(url), 403);

    const unchanged = (await ownEntries(orebroAdmin)).find((item) => item.id === created.id);
    expect(unchanged).toMatchObject({ name: 'Mottagning Delta', published: true });
  });
});

describe('bad input is refused, naming the rule, and nothing changes', () => {
  const cases: [string, () => TestUser, Record<string, unknown>, string][] = [
    ['a protected service with a street address', () => orebroAdmin, { protectedLocation: true }, 'address_of_protected_service'],
    ['a javascript: web address', () => orebroAdmin, { webAddress: 'javascript:alert(1)' }, 'web_address_format'],
    ['a phone number with letters', () => orebroAdmin, { phone: 'ring mig' }, 'phone_format'],
    ['no way to make contact', () => orebroAdmin, { phone: undefined, email: undefined, webAddress: undefined, streetAddress: undefined }, 'contact_way_missing'],
    ['neither children nor adults', () => orebroAdmin, { forAdults: false }, 'audience_missing'],
    ['closing before opening', () => orebroAdmin, { openingHours: { alwaysOpen: false, periods: [{ day: 'mon', opens: '16:00', closes: '08:00' }] } }, 'closes_before_opens'],
    ['always open with periods', () => orebroAdmin, { openingHours: { alwaysOpen: true, periods: [{ day: 'mon', opens: '08:00', closes: '16:00' }] } }, 'always_open_with_periods'],
    ['no Swedish description', () => orebroAdmin, { description: { en: 'Only English' } }, 'invalid_type'],
    ['a made-up language code', () => orebroAdmin, { languages: ['Swedish'] }, 'language_code_format'],
    ['selected coverage with nothing selected', () => associationManager, { kind: 'civil_society', coverage: { scope: 'selected', municipalityCodes: [], countyCodes: [] } }, 'coverage_empty'],
  ];
  for (const [name, user, overrides, rule] of cases) {
    it(`refuses ${name}`, async () => {
      const before = (await ownEntries(user())).length;
      const response = await as(env, user()).post('/api/v1/directory-entries', entry(overrides));
      expectStatus(response, 400);
      expect(JSON.stringify(response.json().error)).toContain(rule);
      expect((await ownEntries(user())).length).toBe(before);
    });
  }

  const ruleCases: [string, () => TestUser, Record<string, unknown>, string][] = [
    ['own-area coverage from an association', () => associationManager, { kind: 'civil_society' }, 'coverage_not_allowed'],
    ['national coverage from a municipality', () => orebroAdmin, { coverage: { scope: 'national' } }, 'coverage_not_allowed'],
    ['social services from a region', () => regionAdmin, {}, 'kind_not_allowed'],
    ['a municipality code that does not exist', () => associationManager, { kind: 'civil_society', coverage: { scope: 'selected', municipalityCodes: ['9999'], countyCodes: [] } }, 'unknown_place'],
  ];
  for (const [name, user, overrides, code] of ruleCases) {
    it(`refuses ${name}`, async () => {
      const before = (await ownEntries(user())).length;
      const response = await as(env, user()).post('/api/v1/directory-entries', entry(overrides));
      expectStatus(response, 400);
      expect(response.json().error.code).toBe(code);
      expect((await ownEntries(user())).length).toBe(before);
    });
  }
});

describe('coverage on the public pages', () => {
  it('shows a region\'s entry for every municipality of its county and nowhere else', async () => {
    await create(regionAdmin, { kind: 'youth_clinic', name: 'Ungdomsmottagningen Länet' });
    const county = countyOf('18');
    expect(county.length).toBeGreaterThan(5);
    for (const municipality of county) {
      const response = await page(`/find-help/${municipality.code}`);
      expectStatus(response, 200);
      expect(response.body, municipality.name).toContain('Ungdomsmottagningen Länet');
    }
    expect((await page('/find-help/0180')).body).not.toContain('Ungdomsmottagningen Länet');
  });

  it('shows a national line for all 290 municipalities, after the local help', async () => {
    await create(agencyAdmin, {
      kind: 'support_line', name: 'Stödlinjen Test', coverage: { scope: 'national' }, streetAddress: undefined, phone: '020-00 00 00',
      openingHours: { alwaysOpen: true, periods: [] },
    });
    const all = municipalities();
    expect(all).toHaveLength(290);
    for (const municipality of all) {
      const response = await page(`/find-help/${municipality.code}`);
      expect(response.body, municipality.name).toContain('Stödlinjen Test');
    }
    const orebro = (await page('/find-help/1880')).body;
    expect(orebro.indexOf('Mottagning Delta')).toBeGreaterThan(-1);
    expect(orebro.indexOf('Mottagning Delta')).toBeLessThan(orebro.indexOf('Stödlinjen Test'));
    expect(orebro).toContain('href="tel:020000000"');
    expect(orebro).toContain('Öppet dygnet runt');
  });

  it('shows a municipality\'s entry only in that municipality, and an association\'s in the places it chose', async () => {
    await create(stockholmAdmin, { name: 'Stockholms stödmottagning' });
    await create(associationManager, {
      kind: 'civil_society', name: 'Föreningen Fyrtornet', coverage: { scope: 'selected', municipalityCodes: ['1280'], countyCodes: ['01'] },
    });
    expect((await page('/find-help/0180')).body).toContain('Stockholms stödmottagning');
    expect((await page('/find-help/1880')).body).not.toContain('Stockholms stödmottagning');
    for (const municipality of [...countyOf('01'), { code: '1280', name: 'Malmö' }]) {
      expect((await page(`/find-help/${municipality.code}`)).body, municipality.name).toContain('Föreningen Fyrtornet');
    }
    expect((await page('/find-help/1880')).body).not.toContain('Föreningen Fyrtornet');
  });

  it('hides unpublished entries until they are published', async () => {
    const hidden = await create(orebroAdmin, { name: 'Mottagning Opublicerad', published: false });
    expect((await page('/find-help/1880')).body).not.toContain('Mottagning Opublicerad');
    expectStatus(await as(env, orebroAdmin).post(`/api/v1/directory-entries/${hidden.id}/publication`, { version: 1, published: true }), 200);
    expect((await page('/find-help/1880')).body).toContain('Mottagning Opublicerad');
  });

  it('says so plainly when nothing nearby is published, and still shows 112 and the national lines', async () => {
    const body = (await page('/find-help/2584')).body;
    expect(body).toContain('Ingen verksamhet har lagt in sina uppgifter för Kiruna än.');
    expect(body).toContain('Ring 112');
    expect(body).toContain('Stödlinjen Test');
  });

  it('never publishes the address of a protected service and shows entries\' text as text', async () => {
    await create(orebroAdmin, {
      kind: 'specialised_clinic', name: '<script>alert(1)</script> Skyddat boende', protectedLocation: true, streetAddress: undefined,
    });
    const body = (await page('/find-help/1880')).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Skyddat boende');
    expect(body).toContain('Adressen är skyddad.');
  });
});

describe('the public pages in every published language', () => {
  it('has directory texts for every language the public site publishes, and the same languages as the domain', () => {
    expect(publishedLanguages.length).toBeGreaterThan(0);
    for (const lang of publishedLanguages) expect(directoryTextsByLanguage[lang], lang).toBeDefined();
    expect([...DirectoryLanguage.options]).toEqual([...PublicLanguage]);
  });

  for (const lang of publishedLanguages) {
    const prefix = languagePrefix(lang);
    it(`works as a plain form in ${lang}`, async () => {
      const chooser = await page(`${prefix}/find-help`);
      expectStatus(chooser, 200);
      expect(chooser.headers['set-cookie']).toBeUndefined();
      expect(chooser.body).toMatch(new RegExp(`<html lang="${lang === 'sv-ll' ? 'sv' : lang}" dir="(ltr|rtl)">`));
      expect(chooser.body.match(/<option value="\d{4}">/g)).toHaveLength(290);
      expect(chooser.body.match(/<optgroup /g)).toHaveLength(21);
      expect(chooser.body).toContain(`<form method="get" action="${prefix}/find-help">`);

      const chosen = await page(`${prefix}/find-help?municipality=1880`);
      expectStatus(chosen, 303);
      expect(chosen.headers.location).toBe(`${prefix}/find-help/1880`);

      const services = await page(`${prefix}/find-help/1880`);
      expectStatus(services, 200);
      expect(services.headers['set-cookie']).toBeUndefined();
      expect(services.body).toContain('Örebro');
      expect(services.body).toContain('Mottagning Delta');
      expect(services.body).toContain('href="tel:019211000"');
      expect(services.body).toContain('112');

      const search = await page(`${prefix}/find-help?q=orebro`);
      expect(search.body).toContain(`href="${prefix}/find-help/1880"`);
      const missing = await page(`${prefix}/find-help?municipality=0000`);
      expectStatus(missing, 400);
      expect(missing.body).toContain('aria-invalid="true"');
      expectStatus(await page(`${prefix}/find-help/0000`), 404);
    });
  }

  it('stays within the page budget on a cheap phone: 30 KB compressed with the stylesheet and script', async () => {
    for (const url of ['/find-help', '/find-help/1880', '/find-help?q=s']) {
      const response = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.rawPayload.length + stylesheet.br.length + quickExitScript.br.length, url).toBeLessThan(30 * 1024);
    }
  });

  it('has a page in each language with directory texts, ready for when the site publishes that language', async () => {
    const orebro = findMunicipality('1880')!;
    const entries = await publishedEntriesFor(env.database.db, orebro);
    for (const [lang, texts] of Object.entries(directoryTextsByLanguage)) {
      const chooser = chooserPage({ lang: lang as PublicLanguage, query: 'öre' }).body.toString();
      expect(chooser, lang).toContain(texts.chooseLabel);
      expect(chooser, lang).toContain('/find-help/1880');
      const services = municipalityPage(lang as PublicLanguage, orebro, entries, new Date()).body.toString();
      expect(services, lang).toContain(texts.kinds.social_services);
      expect(services, lang).toContain(texts.nationalHeading);
      expect(services, lang).toContain('Mottagning Delta');
    }
    const english = municipalityPage('en', orebro, entries, new Date('2025-03-10T10:00:00Z')).body.toString();
    expect(english).toContain('We help people who sell sex or have done so.');
    expect(english).toContain('Open today 8:00–16:00');
    const swedish = municipalityPage('sv', orebro, entries, new Date('2025-03-11T10:00:00Z')).body.toString();
    expect(swedish).toContain('Öppet i dag 8.30–12');
    expect(swedish).toContain('svenska, engelska');
  });

  it('redirects /sv/ addresses to the Swedish ones', async () => {
    const response = await page('/sv/find-help/1880');
    expectStatus(response, 301);
    expect(response.headers.location).toBe('/find-help/1880');
    expect((await page('/sv/find-help')).headers.location).toBe('/find-help');
  });

  it('searches without accents and escapes what the visitor typed', async () => {
    const body = (await page('/find-help?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E')).body;
    expect(body).not.toContain('<script>x</script>');
    expect(body).toContain('Ingen kommun passar');
    const upplands = (await page('/find-help?q=vasby')).body;
    expect(upplands).toContain('href="/find-help/0114"');
    for (const query of ['?q=&q=', '?municipality[]=1880', '?municipality=%00', '?q=' + 'a'.repeat(5000), '?q=%E0%A4%A', '?municipality=1880&municipality=0180']) {
      expect((await page(`/find-help${query}`)).statusCode, query).toBeLessThan(500);
    }
    for (const path of ['/find-help/%00', '/find-help/..%2F..%2Fetc', '/find-help/18801', '/xx/find-help/1880', '/zz/find-help', '/sv/find-help/%3Cscript%3E']) {
      const response = await page(path);
      expect(response.statusCode, path).toBeLessThan(500);
      expect(response.body, path).not.toContain('<script>');
    }
  });

  it('shows the English description to English readers and the Swedish one with its lang to readers of languages without one', async () => {
    const withEnglish = publishedLanguages.includes('en');
    if (withEnglish) expect((await page('/en/find-help/1880')).body).toContain('We help people who sell sex or have done so.');
    expect((await page('/find-help/1880')).body).toContain('Vi hjälper dig som säljer sex eller har gjort det.');
  });
});
