import { existsSync } from 'node:fs';
import type { DecisionOutcome, DecisionType } from '@utvag/domain';
import PDFDocument from 'pdfkit';

/** Everything the decision letter says; the service fills it from a decided decision. */
export interface DecisionLetter {
  organisationName: string;
  recipientName: string;
  /** Null when the person has protected identity (or no address is known): the letter then prints none. */
  recipientAddress: string | null;
  decisionId: string;
  type: DecisionType;
  outcome: DecisionOutcome;
  legalBasis: string;
  reasons: string;
  amount: number | null;
  extent: string | null;
  periodFrom: string;
  periodTo: string | null;
  decidedBy: string;
  decidedOn: string;
}

const typeTitle: Record<DecisionType, string> = {
  protected_housing: 'skyddat boende',
  financial_assistance: 'ekonomiskt bistånd',
  debt_advice_referral: 'remiss till budget- och skuldrådgivning',
  contact_person: 'kontaktperson',
  other_assistance: 'bistånd',
};

const outcomeText: Record<DecisionOutcome, string> = {
  granted: 'Du beviljas det du har ansökt om.',
  partly_granted: 'Du beviljas delvis det du har ansökt om.',
  refused: 'Din ansökan avslås.',
};

const kronor = (amount: number) => `${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kr`;

/**
 * A font file to embed, when the host has one: Liberation Sans and DejaVu Sans cover Swedish and far
 * more. Without one the letter uses the standard Helvetica, whose WinAnsi encoding (Latin-1) holds å, ä,
 * ö, é and §, which is every character the letter's own text uses.
 */
const embeddableFonts = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];
export function defaultLetterFont(): string | null {
  return embeddableFonts.find((path) => existsSync(path)) ?? null;
}

/** Renders the decision letter as a PDF in Swedish, in large clear type, with how to appeal. */
export function renderDecisionLetter(letter: DecisionLetter, options: { compress?: boolean; fontPath?: string | null } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    compress: options.compress ?? true,
    lang: 'sv-SE',
    info: { Title: `Beslut om ${typeTitle[letter.type]}`, Author: letter.organisationName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fontPath = options.fontPath === undefined ? defaultLetterFont() : options.fontPath;
  const regular = fontPath ?? 'Helvetica';
  const heading = fontPath ?? 'Helvetica-Bold';
  const section = (title: string, text: string) => {
    doc.moveDown(0.8).font(heading).fontSize(15).text(title);
    doc.font(regular).fontSize(13).text(text, { lineGap: 3 });
  };

  doc.font(regular).fontSize(13).text(letter.organisationName);
  doc.moveDown(0.5).text(letter.recipientName);
  if (letter.recipientAddress) doc.text(letter.recipientAddress);
  doc.moveDown(1).font(heading).fontSize(22).text(`Beslut om ${typeTitle[letter.type]}`);
  doc.font(regular).fontSize(12).text(`Beslutsdatum ${letter.decidedOn}  ·  Beslutsnummer ${letter.decisionId}`);

  section('Beslut', outcomeText[letter.outcome]);
  section('Period', letter.periodTo ? `Från ${letter.periodFrom} till ${letter.periodTo}` : `Från ${letter.periodFrom}, tills vidare`);
  if (letter.amount !== null) section('Belopp', kronor(letter.amount));
  if (letter.extent) section('Omfattning', letter.extent);
  section('Lagrum', letter.legalBasis);
  section('Skäl för beslutet', letter.reasons);
  section('Beslutet är fattat av', `${letter.decidedBy}, ${letter.organisationName}`);
  section('Så överklagar du', [
    'Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten.',
    `Skicka eller lämna överklagandet till ${letter.organisationName}, inte direkt till förvaltningsrätten.`,
    'Överklagandet måste ha kommit in inom tre veckor från den dag du fick del av beslutet.',
    'Skriv vilket beslut du överklagar, varför du tycker att det är fel och hur du vill att det ska ändras. Skriv under och ange hur vi når dig.',
    'Du kan få hjälp att skriva överklagandet. Kontakta din samordnare.',
  ].join('\n'));

  doc.end();
  return done;
}
