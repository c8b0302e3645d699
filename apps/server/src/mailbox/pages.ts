import { mailboxMessageMaxLength, type MailboxAgeGroup } from '@utvag/domain';
import { html, type SafeHtml } from '../public-site/html';
import { PublicLanguage, htmlLang, isRightToLeft, languageName, publicPath } from '../public-site/languages';
import { HONEYPOT_FIELD } from './abuse';
import { mailboxTexts, type MailboxTexts } from './texts';
import type { Credentials, VisitorConversation } from './visitor';

/** The visitor pages of the mailbox, as HTML fragments for the public site's layout. No script is needed. */

export interface Place { code: string; name: string; countyCode: string }
export interface County { code: string; name: string }
export interface Places { counties: readonly County[]; municipalities: readonly Place[] }

export interface FirstMessageDraft {
  message: string;
  language: string;
  ageGroup: MailboxAgeGroup;
  place: string;
}

export type Notice = 'sent' | 'closed' | 'deleted' | 'shared' | 'ended';

export const mailboxSlug = {
  start: 'mailbox',
  open: 'mailbox/open',
  welcome: 'mailbox/welcome',
  conversation: 'mailbox/conversation',
  share: 'mailbox/share',
  close: 'mailbox/close',
  delete: 'mailbox/delete',
} as const;

/** The page's texts, and the `lang` wrapper needed while a language still borrows another's texts. */
export function textsFor(lang: PublicLanguage): { texts: MailboxTexts; wrap: (body: SafeHtml) => SafeHtml } {
  const texts = mailboxTexts(lang);
  const borrowed = texts.language !== lang;
  return {
    texts,
    wrap: (body) => (borrowed ? html`<div lang="${texts.language}" dir="ltr">${body}</div>` : body),
  };
}

function noticeText(texts: MailboxTexts, notice: Notice | null): string | null {
  switch (notice) {
    case 'sent': return texts.sent;
    case 'closed': return texts.closed;
    case 'deleted': return texts.deleted;
    case 'shared': return texts.shareSaved;
    case 'ended': return texts.sessionEnded;
    default: return null;
  }
}

function noticeBlock(texts: MailboxTexts, notice: Notice | null): SafeHtml {
  const text = noticeText(texts, notice);
  return text ? html`<p class="notice" role="status">${text}</p>` : html``;
}

/** The error summary at the top of a form: each error links to its field. */
function errorSummary(texts: MailboxTexts, errors: readonly { field: string; text: string }[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${texts.errorSummaryTitle}</h2>
<ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.text}</a></li>`)}</ul>
</div>`;
}

/** Line breaks the writer made, kept; everything else stays text. */
const lines = (text: string) => text.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`));

const selected = (condition: boolean) => (condition ? html` selected` : html``);
const checked = (condition: boolean) => (condition ? html` checked` : html``);

function placeOptions(texts: MailboxTexts, places: Places, chosen: string): SafeHtml[] {
  return places.counties.map((county) => html`<optgroup label="${county.name}">
<option value="county:${county.code}"${selected(chosen === `county:${county.code}`)}>${texts.wholeCounty(county.name)}</option>
${places.municipalities.filter((place) => place.countyCode === county.code).map((place) =>
    html`<option value="${place.code}"${selected(chosen === place.code)}>${place.name}</option>`)}
</optgroup>`);
}

export function startPage(lang: PublicLanguage, input: {
  token: string; places: Places; draft?: FirstMessageDraft; errors?: { field: string; text: string }[]; notice?: Notice | null;
}): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const draft = input.draft ?? { message: '', language: lang, ageGroup: 'not_said' as const, place: '' };
  const errors = input.errors ?? [];
  const messageError = errors.find((error) => error.field === 'message');
  const ages: [MailboxAgeGroup, string][] = [['under_18', texts.ageUnder18], ['adult', texts.ageAdult], ['not_said', texts.ageNotSaid]];
  const body = html`<h1>${texts.title}</h1>
${noticeBlock(texts, input.notice ?? null)}
${errorSummary(texts, errors)}
<p class="lead">${texts.intro}</p>
<p>${texts.privacy}</p>
<p><a href="${publicPath(lang, mailboxSlug.open)}">${texts.openHeading} ${texts.openLink}</a></p>
<h2 id="new">${texts.newHeading}</h2>
<form method="post" action="${publicPath(lang, mailboxSlug.start)}" aria-labelledby="new">
<input type="hidden" name="token" value="${input.token}">
<label for="message">${texts.messageLabel}</label>
<p id="message-hint" class="hint">${texts.messageHint(mailboxMessageMaxLength)}</p>
${messageError ? html`<p id="message-error" class="error">${messageError.text}</p>` : ''}
<textarea id="message" name="message" rows="10" required aria-describedby="message-hint${messageError ? ' message-error' : ''}"${messageError ? html` aria-invalid="true"` : ''}>${draft.message}</textarea>
<label for="language">${texts.languageLabel}</label>
<select id="language" name="language">
${PublicLanguage.map((code) => html`<option value="${code}" lang="${htmlLang(code)}" dir="${isRightToLeft(code) ? 'rtl' : 'ltr'}"${selected(draft.language === code)}>${languageName[code]}</option>`)}
</select>
<fieldset id="age">
<legend>${texts.ageLegend}</legend>
<p class="hint">${texts.childNote}</p>
${ages.map(([value, label]) => html`<div class="choice"><input type="radio" id="age-${value}" name="age" value="${value}"${checked(draft.ageGroup === value)}><label for="age-${value}">${label}</label></div>`)}
</fieldset>
<label for="place">${texts.placeLabel}</label>
<p id="place-hint" class="hint">${texts.placeHint}</p>
<select id="place" name="place" aria-describedby="place-hint">
<option value=""${selected(draft.place === '')}>${texts.placeNone}</option>
${placeOptions(texts, input.places, draft.place)}
</select>
<div hidden><label for="${HONEYPOT_FIELD}">${texts.honeypotLabel}</label><input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" autocomplete="off" tabindex="-1"></div>
<p><button type="submit">${texts.send}</button></p>
</form>`;
  return { title: texts.title, body: wrap(body) };
}

export function openPage(lang: PublicLanguage, input: { code?: string; error?: string | null; notice?: Notice | null }): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const errors = input.error ? [{ field: 'code', text: input.error }] : [];
  const body = html`<h1>${texts.openHeading}</h1>
${noticeBlock(texts, input.notice ?? null)}
${errorSummary(texts, errors)}
<p>${texts.openIntro}</p>
<form method="post" action="${publicPath(lang, mailboxSlug.open)}">
<label for="code">${texts.codeLabel}</label>
<p id="code-hint" class="hint">${texts.codeHint}</p>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="code-hint" value="${input.code ?? ''}">
<label for="passphrase">${texts.passphraseLabel}</label>
<input id="passphrase" name="passphrase" type="password" autocomplete="off" autocapitalize="none" spellcheck="false" required>
<p><button type="submit">${texts.openButton}</button></p>
</form>
<p><a href="${publicPath(lang, mailboxSlug.start)}#new">${texts.newHeading}</a></p>`;
  return { title: texts.openHeading, body: wrap(body) };
}

export function welcomePage(lang: PublicLanguage, credentials: Credentials | null): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const body = credentials ? html`<h1>${texts.welcomeHeading}</h1>
<p>${texts.welcomeIntro}</p>
<dl class="credentials">
<dt>${texts.codeTerm}</dt><dd><strong id="case-code" translate="no">${credentials.code}</strong></dd>
<dt>${texts.passphraseTerm}</dt><dd><strong id="passphrase" translate="no">${credentials.passphrase}</strong></dd>
</dl>
<p><strong>${texts.welcomeWarning}</strong></p>
<p>${texts.replyTime}</p>
<p><a href="${publicPath(lang, mailboxSlug.conversation)}">${texts.toConversation}</a></p>`
    : html`<h1>${texts.conversationHeading}</h1>
<p>${texts.alreadyShown}</p>
<p><a href="${publicPath(lang, mailboxSlug.conversation)}">${texts.toConversation}</a></p>`;
  return { title: credentials ? texts.welcomeHeading : texts.conversationHeading, body: wrap(body) };
}

export function conversationPage(lang: PublicLanguage, input: {
  conversation: VisitorConversation; token: string; draft?: string; error?: string | null; notice?: Notice | null;
}): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const { conversation } = input;
  const errors = input.error ? [{ field: 'message', text: input.error }] : [];
  const own = conversation.messages.filter((message) => message.fromVisitor);
  const answered = conversation.messages.some((message) => !message.fromVisitor);
  const body = html`<h1>${texts.conversationHeading}</h1>
${noticeBlock(texts, input.notice ?? null)}
${errorSummary(texts, errors)}
<ol class="messages">
${conversation.messages.map((message) => html`<li class="${message.fromVisitor ? 'from-visitor' : 'from-staff'}">
<p class="meta"><strong>${message.fromVisitor ? texts.fromYou : texts.fromUs}</strong>, <time datetime="${message.createdAt.toISOString()}">${texts.dateTime(message.createdAt)}</time>${message.fromVisitor && message.shared ? html` (${texts.sharedMark})` : ''}</p>
<p class="body">${lines(message.body)}</p>
</li>`)}
</ol>
${answered ? '' : html`<p>${texts.noReplyYet}</p>`}
${conversation.shareRequested && own.length > 0 ? html`<h2 id="share">${texts.shareHeading}</h2>
<p>${texts.shareIntro}</p>
<form method="post" action="${publicPath(lang, mailboxSlug.share)}" aria-labelledby="share">
<input type="hidden" name="token" value="${input.token}">
<fieldset><legend>${texts.shareHeading}</legend>
${own.map((message, index) => html`<div class="choice"><input type="checkbox" id="share-${index}" name="share" value="${message.id}"${checked(message.shared)}><label for="share-${index}">${texts.fromYou}, ${texts.dateTime(message.createdAt)}: ${message.body.length > 80 ? `${message.body.slice(0, 80)}…` : message.body}</label></div>`)}
</fieldset>
<p><button type="submit">${texts.shareSave}</button></p>
</form>` : ''}
<h2 id="reply">${texts.replyLabel}</h2>
<form method="post" action="${publicPath(lang, mailboxSlug.conversation)}" aria-labelledby="reply">
<input type="hidden" name="token" value="${input.token}">
<label for="message">${texts.messageLabel}</label>
<p id="message-hint" class="hint">${texts.messageHint(mailboxMessageMaxLength)}</p>
${input.error ? html`<p id="message-error" class="error">${input.error}</p>` : ''}
<textarea id="message" name="message" rows="6" required aria-describedby="message-hint${input.error ? ' message-error' : ''}"${input.error ? html` aria-invalid="true"` : ''}>${input.draft ?? ''}</textarea>
<p><button type="submit">${texts.replySend}</button></p>
</form>
<h2 id="close">${texts.closeButton}</h2>
<p>${texts.closeHint}</p>
<form method="post" action="${publicPath(lang, mailboxSlug.close)}" aria-labelledby="close">
<input type="hidden" name="token" value="${input.token}">
<p><button type="submit">${texts.closeButton}</button></p>
</form>
<p><a href="${publicPath(lang, mailboxSlug.delete)}">${texts.deleteLink}</a></p>`;
  return { title: texts.conversationHeading, body: wrap(body) };
}

export function deletePage(lang: PublicLanguage, token: string): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const body = html`<h1>${texts.deleteHeading}</h1>
<p>${texts.deleteText}</p>
<form method="post" action="${publicPath(lang, mailboxSlug.delete)}">
<input type="hidden" name="token" value="${token}">
<p><button type="submit">${texts.deleteConfirm}</button></p>
</form>
<p><a href="${publicPath(lang, mailboxSlug.conversation)}">${texts.deleteCancel}</a></p>`;
  return { title: texts.deleteHeading, body: wrap(body) };
}

/** A refusal or failure outside a form, in the visitor's language. */
export function messagePage(lang: PublicLanguage, text: string): { title: string; body: SafeHtml } {
  const { texts, wrap } = textsFor(lang);
  const body = html`<h1>${texts.title}</h1>
<p role="alert">${text}</p>
<p><a href="${publicPath(lang, mailboxSlug.start)}">${texts.title}</a></p>`;
  return { title: texts.title, body: wrap(body) };
}
