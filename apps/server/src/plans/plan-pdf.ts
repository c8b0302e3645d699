import { existsSync } from 'node:fs';
import { filterPlanContent, hidesLocation, ProtectedIdentity, seesWholePlan, type LifeArea, type PlanContent } from '@utvag/domain';
import PDFDocument from 'pdfkit';
import type { AccessContext } from '../access/context';
import { CONTACT_CONTEXT, IDENTITY_CONTEXT, type ContactFields, type IdentityFields } from '../cases/store';
import type { Keyring } from '../crypto/keyring';
import type { Tx } from '../db/database';
import { defaultLetterFont } from '../decisions/letter';
import { selectLetterParticipant, selectOrganisationName } from '../decisions/store';
import { NotFoundError } from '../http/errors';
import { openPlanContent, selectVersion } from './store';

/** The languages of the public site; the printed plan's headings come in the participant's language. */
export const planPrintLanguages = ['sv', 'en', 'ro', 'hu', 'pl', 'bg', 'ru', 'uk', 'th', 'es', 'pt', 'ar', 'fa', 'so'] as const;
export type PlanPrintLanguage = (typeof planPrintLanguages)[number];

interface Headings { title: string; goals: string; achieve: string; actions: string; responsible: string; followUp: string; agreedOn: string }

const headings: Record<PlanPrintLanguage, Headings> = {
  sv: { title: 'Min plan', goals: 'Mina mål', achieve: 'Vad jag vill uppnå', actions: 'Insatser', responsible: 'Ansvarig', followUp: 'Uppföljning', agreedOn: 'Överenskommen den' },
  en: { title: 'My plan', goals: 'My goals', achieve: 'What I want to achieve', actions: 'Actions', responsible: 'Responsible', followUp: 'Follow-up', agreedOn: 'Agreed on' },
  ro: { title: 'Planul meu', goals: 'Obiectivele mele', achieve: 'Ce vreau să realizez', actions: 'Măsuri', responsible: 'Responsabil', followUp: 'Urmărire', agreedOn: 'Convenit la data de' },
  hu: { title: 'Az én tervem', goals: 'Céljaim', achieve: 'Amit el szeretnék érni', actions: 'Intézkedések', responsible: 'Felelős', followUp: 'Nyomon követés', agreedOn: 'Elfogadva' },
  pl: { title: 'Mój plan', goals: 'Moje cele', achieve: 'Co chcę osiągnąć', actions: 'Działania', responsible: 'Odpowiedzialny', followUp: 'Kontrola postępów', agreedOn: 'Uzgodniono dnia' },
  bg: { title: 'Моят план', goals: 'Моите цели', achieve: 'Какво искам да постигна', actions: 'Мерки', responsible: 'Отговорник', followUp: 'Проследяване', agreedOn: 'Договорено на' },
  ru: { title: 'Мой план', goals: 'Мои цели', achieve: 'Чего я хочу достичь', actions: 'Меры поддержки', responsible: 'Ответственный', followUp: 'Контроль', agreedOn: 'Согласовано' },
  uk: { title: 'Мій план', goals: 'Мої цілі', achieve: 'Чого я хочу досягти', actions: 'Заходи', responsible: 'Відповідальний', followUp: 'Контроль', agreedOn: 'Погоджено' },
  th: { title: 'แผนของฉัน', goals: 'เป้าหมายของฉัน', achieve: 'สิ่งที่ฉันต้องการบรรลุ', actions: 'มาตรการช่วยเหลือ', responsible: 'ผู้รับผิดชอบ', followUp: 'การติดตามผล', agreedOn: 'ตกลงเมื่อวันที่' },
  es: { title: 'Mi plan', goals: 'Mis objetivos', achieve: 'Lo que quiero lograr', actions: 'Medidas', responsible: 'Responsable', followUp: 'Seguimiento', agreedOn: 'Acordado el' },
  pt: { title: 'O meu plano', goals: 'Os meus objetivos', achieve: 'O que quero alcançar', actions: 'Medidas', responsible: 'Responsável', followUp: 'Acompanhamento', agreedOn: 'Acordado em' },
  ar: { title: 'خطتي', goals: 'أهدافي', achieve: 'ما أريد تحقيقه', actions: 'الإجراءات', responsible: 'المسؤول', followUp: 'المتابعة', agreedOn: 'تم الاتفاق في' },
  fa: { title: 'برنامه من', goals: 'اهداف من', achieve: 'آنچه می خواهم به دست بیاورم', actions: 'اقدامات', responsible: 'مسئول', followUp: 'پیگیری', agreedOn: 'توافق شده در' },
  so: { title: 'Qorshahayga', goals: 'Yoolalkayga', achieve: 'Waxa aan doonayo inaan gaaro', actions: 'Tallaabooyin', responsible: "Mas'uul", followUp: 'Dabagal', agreedOn: 'La isku raacay' },
};

/** The script each language's headings are written in, and so which fonts can show them. */
type Script = 'latin1' | 'latinExtended' | 'cyrillic' | 'thai' | 'arabic';
const scriptOf: Record<PlanPrintLanguage, Script> = {
  sv: 'latin1', en: 'latin1', es: 'latin1', pt: 'latin1', so: 'latin1',
  ro: 'latinExtended', hu: 'latinExtended', pl: 'latinExtended',
  bg: 'cyrillic', ru: 'cyrillic', uk: 'cyrillic',
  th: 'thai',
  ar: 'arabic', fa: 'arabic',
};
const rightToLeft: ReadonlySet<PlanPrintLanguage> = new Set(['ar', 'fa']);

/** Font files on the host that hold each script (the standard Helvetica holds Latin-1 alone). */
const fontsForScript: Record<Exclude<Script, 'latin1'>, readonly string[]> = {
  latinExtended: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  cyrillic: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'],
  arabic: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf', '/usr/share/fonts/opentype/noto/NotoSansArabic-Regular.ttf'],
  thai: ['/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf', '/usr/share/fonts/truetype/tlwg/Loma.ttf', '/usr/share/fonts/truetype/tlwg/Garuda.ttf', '/usr/share/fonts/opentype/tlwg/Loma.otf'],
};

/** A font file on the host for a script, or null; `latin1` needs none. */
export function systemFontFor(script: Script): string | null {
  if (script === 'latin1') return null;
  return fontsForScript[script].find((path) => existsSync(path)) ?? null;
}

const lifeAreaName: Record<LifeArea, string> = {
  protection_housing: 'Skydd och boende',
  health: 'Hälsa',
  trauma_care: 'Traumabehandling',
  income: 'Försörjning',
  debt: 'Skulder',
  sexual_health: 'Sexuell hälsa',
  work_education: 'Arbete och utbildning',
  relationships: 'Relationer',
  legal_process: 'Rättsprocess',
  residence: 'Uppehållsrätt',
  return: 'Återvändande',
};

const statusName = { planned: 'Planerad', ongoing: 'Pågår', done: 'Klar', cancelled: 'Avbruten' } as const;

/** Everything the printed plan says, already filtered by the reader's consent. */
export interface PrintablePlan {
  organisationName: string;
  participantName: string;
  /** Null for a person with protected identity (or when none is known): the plan then prints no location. */
  participantAddress: string | null;
  number: number;
  agreedOn: string | null;
  content: PlanContent;
  /** Names of responsible organisations and people, by id. */
  names: ReadonlyMap<string, string>;
  /** False when consent hides some life areas from the reader. */
  wholePlan: boolean;
}

export interface PlanPdfOptions {
  lang?: PlanPrintLanguage;
  compress?: boolean;
  /** The font for the body text (Swedish); null for the standard Helvetica. */
  fontPath?: string | null;
  /** Finds a font for the headings' script; null when the host has none, and the headings are then in Swedish. */
  fontFor?: (script: Script) => string | null;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Does the font just selected in `doc` hold every character of `text`? True when pdfkit cannot say. */
function covers(doc: Doc, text: string): boolean {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } } })._font?.font;
  if (typeof font?.hasGlyphForCodePoint !== 'function') return true;
  return [...text].every((character) => /\s/.test(character) || font.hasGlyphForCodePoint!(character.codePointAt(0)!));
}

/**
 * Which language the headings are printed in, and with which font: the participant's language when a
 * font that shows its script is found, else Swedish. Never a font without the glyphs.
 */
export function headingLanguage(lang: PlanPrintLanguage, fontFor: (script: Script) => string | null = systemFontFor): { lang: PlanPrintLanguage; fontPath: string | null } {
  const script = scriptOf[lang];
  if (script === 'latin1') return { lang, fontPath: null };
  const fontPath = fontFor(script);
  if (!fontPath) return { lang: 'sv', fontPath: null };
  const probe = new PDFDocument({ autoFirstPage: false });
  try {
    probe.font(fontPath);
    const all = Object.values(headings[lang]).join('');
    return covers(probe, all) ? { lang, fontPath } : { lang: 'sv', fontPath: null };
  } catch {
    return { lang: 'sv', fontPath: null };
  }
}

/** Renders the plan as a PDF in Swedish, in large clear type, with headings in the participant's language. */
export function renderPlanPdf(plan: PrintablePlan, options: PlanPdfOptions = {}): Promise<Buffer> {
  const requested = options.lang ?? 'sv';
  const bodyFont = options.fontPath === undefined ? defaultLetterFont() : options.fontPath;
  const chosen = headingLanguage(requested, options.fontFor);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    compress: options.compress ?? true,
    lang: 'sv-SE',
    info: { Title: `${headings.sv.title} – version ${plan.number}`, Author: plan.organisationName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const regular = bodyFont ?? 'Helvetica';
  const bold = bodyFont ?? 'Helvetica-Bold';
  const own = headings[chosen.lang];
  const rtl = rightToLeft.has(chosen.lang);
  /** A heading in the participant's language, followed by the Swedish one when they differ. */
  const heading = (key: keyof Headings, size: number) => {
    if (chosen.lang === 'sv') {
      doc.font(bold).fontSize(size).text(headings.sv[key]);
      return;
    }
    doc.font(chosen.fontPath ?? bold).fontSize(size).text(own[key], { align: rtl ? 'right' : 'left' });
    doc.font(regular).fontSize(Math.max(12, size - 6)).fillColor('#333333').text(headings.sv[key]).fillColor('black');
  };
  const line = (label: keyof Headings | null, text: string) => {
    if (label) heading(label, 14);
    doc.font(regular).fontSize(14).text(text, { lineGap: 3 });
  };
  const nameOf = (id: string | null | undefined) => (id ? plan.names.get(id) ?? '' : '');

  doc.font(regular).fontSize(13).text(plan.organisationName);
  doc.text(plan.participantName);
  if (plan.participantAddress) doc.text(plan.participantAddress);
  doc.moveDown(1);
  heading('title', 24);
  doc.font(regular).fontSize(13).text(`Version ${plan.number}`);
  doc.moveDown(0.5);
  line('agreedOn', plan.agreedOn ?? 'Inte överenskommen ännu (utkast)');
  doc.moveDown(0.3);
  line('followUp', plan.content.followUpOn ?? 'Inte bestämd');
  if (!plan.wholePlan) doc.moveDown(0.3).font(regular).fontSize(12).text('Planen visar bara de livsområden du har samtycke att läsa.');

  doc.moveDown(1);
  heading('goals', 20);
  if (plan.content.goals.length === 0) doc.font(regular).fontSize(14).text('Inga mål ännu.');
  for (const goal of plan.content.goals) {
    doc.moveDown(0.8).font(bold).fontSize(17).text(lifeAreaName[goal.lifeArea]);
    doc.moveDown(0.2);
    line('achieve', goal.participantWords);
    if (goal.professionalWords) doc.moveDown(0.2).font(regular).fontSize(13).text(`Teamets beskrivning: ${goal.professionalWords}`, { lineGap: 3 });
    if (goal.actions.length === 0) continue;
    doc.moveDown(0.4);
    heading('actions', 15);
    for (const action of goal.actions) {
      doc.moveDown(0.3).font(bold).fontSize(14).text(`• ${action.description}`, { lineGap: 2 });
      const responsible = [nameOf(action.responsibleOrganisationId), nameOf(action.responsibleUserId)].filter(Boolean).join(', ');
      line('responsible', responsible || '–');
      doc.font(regular).fontSize(13).text(`${action.endOn ? `${action.startOn} – ${action.endOn}` : `Från ${action.startOn}`}  ·  ${statusName[action.status]}`);
      line('followUp', action.followUpOn);
    }
  }

  doc.end();
  return done;
}

async function responsibleNames(trx: Tx, content: PlanContent): Promise<Map<string, string>> {
  const actions = content.goals.flatMap((goal) => goal.actions);
  const organisationIds = [...new Set(actions.map((action) => action.responsibleOrganisationId))];
  const userIds = [...new Set(actions.flatMap((action) => (action.responsibleUserId ? [action.responsibleUserId] : [])))];
  const organisations = organisationIds.length === 0 ? [] : await trx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).execute();
  const users = userIds.length === 0 ? [] : await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  return new Map([...organisations, ...users].map((row) => [row.id, row.name]));
}

/**
 * What one reader may print of a plan version: goals filtered by their consent exactly as in the plan
 * view, and no address for a person with protected identity. The print is audited as `plan.print`.
 */
export async function printablePlan(access: AccessContext, keyring: Keyring, caseId: string, number: number): Promise<PrintablePlan> {
  return access.read(async (scope) => {
    const loaded = await scope.requireCase(caseId);
    const row = await selectVersion(scope.trx, caseId, number);
    if (!row) throw new NotFoundError();
    const content = filterPlanContent(await openPlanContent(keyring, row.content), loaded.access.categories);
    const participant = await selectLetterParticipant(scope.trx, loaded.participantId);
    const identity = scope.sees(loaded, 'identity') && participant.identityData
      ? await keyring.decryptJson<IdentityFields>(participant.identityData, IDENTITY_CONTEXT) : null;
    // A printed page travels: for a person with protected identity it never carries where they live, whoever prints it.
    const hidden = hidesLocation(ProtectedIdentity.parse(participant.protectedIdentity));
    const contact = !hidden && scope.sees(loaded, 'contact_details') && participant.contactData
      ? await keyring.decryptJson<ContactFields>(participant.contactData, CONTACT_CONTEXT) : null;
    await scope.auditCase(loaded, 'plan.print', { details: { number } });
    return {
      organisationName: await selectOrganisationName(scope.trx, loaded.facts.ownerOrganisationId),
      participantName: [identity?.firstName, identity?.lastName].filter(Boolean).join(' ') || participant.alias,
      participantAddress: hidden ? null : contact?.address ?? null,
      number: row.number,
      agreedOn: row.agreedOn,
      content,
      names: await responsibleNames(scope.trx, content),
      wholePlan: seesWholePlan(loaded.access.categories),
    };
  });
}

/** The printed plan as a PDF. */
export async function planPdf(access: AccessContext, keyring: Keyring, caseId: string, number: number, lang: PlanPrintLanguage): Promise<Buffer> {
  return renderPlanPdf(await printablePlan(access, keyring, caseId, number), { lang });
}
