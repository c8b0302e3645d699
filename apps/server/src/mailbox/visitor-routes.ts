import { FirstMessage, VisitorReply, mailboxMessageMaxLength, type MailboxAgeGroup } from '@utvag/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TooManyRequestsError } from '../http/errors';
import { isPublicLanguage, publicPath, type PublicLanguage } from '../public-site/languages';
import { publishedLanguage, sendNotFoundPage, sendPage } from '../public-site/respond';
import { HONEYPOT_FIELD, formToken, formTokenProblem, type FormTokenProblem } from './abuse';
import {
  conversationPage, deletePage, mailboxSlug, messagePage, openPage, startPage, textsFor, welcomePage, type FirstMessageDraft, type Notice, type Places,
} from './pages';
import type { MailboxTexts } from './texts';
import {
  MailboxRefusal, chooseShared, closeMailbox, deleteAsVisitor, openMailbox, readAsVisitor, replyAsVisitor, showCredentialsOnce, visitorSession,
  writeFirstMessage, type VisitorDeps, type VisitorSession,
} from './visitor';

/** The only cookie on the public side, set when the visitor opens (or creates) a mailbox. */
export const MAILBOX_COOKIE = 'utvag_mailbox';
/** Big enough for an oversized message to be read and refused in words; bigger is refused as too large. */
const FORM_BODY_LIMIT = 256 * 1024;

type Form = Record<string, string | string[]>;
type Handler = (request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage) => unknown;

const NOTICES: readonly Notice[] = ['sent', 'closed', 'deleted', 'shared', 'ended'];

function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Form)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function fields(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Form)[name];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').slice(0, 500);
}

function noticeOf(request: FastifyRequest): Notice | null {
  const value = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof value === 'string' && (NOTICES as readonly string[]).includes(value) ? value as Notice : null;
}

function parseForm(text: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = form[key];
    if (existing === undefined) form[key] = value;
    else form[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

function tokenProblemText(texts: MailboxTexts, problem: FormTokenProblem): string {
  return problem === 'too_fast' ? texts.formTooFast : problem === 'expired' ? texts.formExpired : texts.formMissing;
}

const waitMinutes = (error: TooManyRequestsError) => Math.max(1, Math.ceil(error.retryAfterSeconds / 60));

/** The anonymous mailbox's visitor pages: plain forms, POST then redirect, no script needed. */
export async function mailboxVisitorRoutes(app: FastifyInstance): Promise<void> {
  const deps: VisitorDeps = { db: app.deps.database.db, keyring: app.deps.keyring };
  const { secureCookies } = app.deps;
  const config = { permission: 'public' as const };
  const schema = { hide: true };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, parseForm(String(body)));
  });

  // Every refusal and failure on these pages is a page in the visitor's language, never JSON.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = languageOfUrl(request.url);
    const { texts } = textsFor(lang);
    if (error instanceof TooManyRequestsError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return sendPage(request, reply, { lang, slug: mailboxSlug.start, ...messagePage(lang, texts.tooMany(waitMinutes(error))), status: 429 });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: { type: error.name, code: error.code } }, 'mailbox page failed');
    const text = status === 413 ? texts.tooLarge : status === 500 ? texts.somethingWrong : texts.formMissing;
    return sendPage(request, reply, { lang, slug: mailboxSlug.start, ...messagePage(lang, text), status });
  });

  const places = await loadPlaces(app);
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(MAILBOX_COOKIE, token, { httpOnly: true, secure: secureCookies, sameSite: 'strict', path: '/' });
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(MAILBOX_COOKIE, { httpOnly: true, secure: secureCookies, sameSite: 'strict', path: '/' });
  const redirect = (reply: FastifyReply, lang: PublicLanguage, slug: string, notice?: Notice) =>
    reply.code(303).header('location', `${publicPath(lang, slug)}${notice ? `?done=${notice}` : ''}`).send();
  const session = async (request: FastifyRequest): Promise<VisitorSession | null> =>
    visitorSession(deps.db, request.cookies[MAILBOX_COOKIE]);
  const address = (request: FastifyRequest) => request.ip ?? 'unknown';

  /** Without a live session the visitor is sent to open the mailbox, told why. */
  const withSession = (handler: (request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage, session: VisitorSession) => unknown): Handler =>
    async (request, reply, lang) => {
      const current = await session(request);
      if (!current) {
        if (request.cookies[MAILBOX_COOKIE]) clearCookie(reply);
        return redirect(reply, lang, mailboxSlug.open, request.cookies[MAILBOX_COOKIE] ? 'ended' : undefined);
      }
      return handler(request, reply, lang, current);
    };

  const route = (method: 'GET' | 'POST', slug: string, handler: Handler) => {
    app.route({ method, url: `/${slug}`, config, schema, handler: (request, reply) => handler(request, reply, 'sv') });
    app.route<{ Params: { lang: string } }>({
      method, url: `/:lang/${slug}`, config, schema,
      handler: (request, reply) => {
        if (request.params.lang === 'sv') return reply.redirect(`/${slug}`, method === 'GET' ? 301 : 308);
        const lang = publishedLanguage(request.params.lang);
        if (!lang) return sendNotFoundPage(request, reply, 'sv');
        return handler(request, reply, lang);
      },
    });
  };

  route('GET', mailboxSlug.start, (request, reply, lang) =>
    sendPage(request, reply, { lang, slug: mailboxSlug.start, ...startPage(lang, { token: formToken(deps.keyring), places, notice: noticeOf(request) }) }));

  route('POST', mailboxSlug.start, async (request, reply, lang) => {
    const { texts } = textsFor(lang);
    const draft = firstMessageDraft(request.body, lang);
    const refuse = (status: number, errors: { field: string; text: string }[]) =>
      sendPage(request, reply, { lang, slug: mailboxSlug.start, ...startPage(lang, { token: formToken(deps.keyring), places, draft, errors }), status });
    // A filled honeypot is a script: it gets the same words a person would, and nothing is stored.
    if (field(request.body, HONEYPOT_FIELD) !== '') return refuse(400, [{ field: 'message', text: texts.formMissing }]);
    const problem = formTokenProblem(deps.keyring, field(request.body, 'token'));
    if (problem) return refuse(problem === 'too_fast' ? 429 : 400, [{ field: 'message', text: tokenProblemText(texts, problem) }]);
    const parsed = FirstMessage.safeParse({
      body: draft.message, language: draft.language, ageGroup: draft.ageGroup,
      municipalityCode: /^[0-9]{4}$/.test(draft.place) ? draft.place : null,
      countyCode: /^county:[0-9]{2}$/.test(draft.place) ? draft.place.slice(7) : null,
    });
    if (!parsed.success) return refuse(400, [messageProblem(texts, parsed.error.issues[0]?.message, draft.message)]);
    if (!isPublicLanguage(parsed.data.language)) return refuse(400, [{ field: 'language', text: texts.invalidChoice }]);
    if (!knownPlace(places, parsed.data.municipalityCode, parsed.data.countyCode) || (draft.place !== '' && !parsed.data.municipalityCode && !parsed.data.countyCode)) {
      return refuse(400, [{ field: 'place', text: texts.invalidChoice }]);
    }
    try {
      const created = await writeFirstMessage(deps, parsed.data, address(request));
      setCookie(reply, created.cookie);
      return redirect(reply, lang, mailboxSlug.welcome);
    } catch (error) {
      if (error instanceof TooManyRequestsError) return refuse(429, [{ field: 'message', text: texts.tooMany(waitMinutes(error)) }]);
      if (error instanceof MailboxRefusal) return refuse(503, [{ field: 'message', text: texts.noReceiver }]);
      throw error;
    }
  });

  route('GET', mailboxSlug.open, (request, reply, lang) =>
    sendPage(request, reply, { lang, slug: mailboxSlug.open, ...openPage(lang, { notice: noticeOf(request) }) }));

  route('POST', mailboxSlug.open, async (request, reply, lang) => {
    const { texts } = textsFor(lang);
    const code = field(request.body, 'code').slice(0, 100);
    const refuse = (status: number, error: string) =>
      sendPage(request, reply, { lang, slug: mailboxSlug.open, ...openPage(lang, { code, error }), status });
    try {
      const opened = await openMailbox(deps, code, field(request.body, 'passphrase'), address(request));
      setCookie(reply, opened.cookie);
      return redirect(reply, lang, mailboxSlug.conversation);
    } catch (error) {
      if (error instanceof TooManyRequestsError) return refuse(429, texts.tooMany(waitMinutes(error)));
      if (error instanceof MailboxRefusal) return refuse(401, texts.wrongCredentials);
      throw error;
    }
  });

  route('GET', mailboxSlug.welcome, withSession(async (request, reply, lang, current) =>
    sendPage(request, reply, { lang, slug: mailboxSlug.welcome, ...welcomePage(lang, await showCredentialsOnce(deps, current)) })));

  const showConversation = async (request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage, current: VisitorSession, extra: { draft?: string; error?: string; status?: number } = {}) => {
    const conversation = await readAsVisitor(deps, current);
    if (!conversation) {
      await closeMailbox(deps.db, current);
      clearCookie(reply);
      return redirect(reply, lang, mailboxSlug.start, 'deleted');
    }
    const page = conversationPage(lang, { conversation, token: formToken(deps.keyring, current.id), notice: noticeOf(request), draft: extra.draft, error: extra.error ?? null });
    return sendPage(request, reply, { lang, slug: mailboxSlug.conversation, ...page, status: extra.status ?? 200 });
  };

  route('GET', mailboxSlug.conversation, withSession((request, reply, lang, current) => showConversation(request, reply, lang, current)));

  route('POST', mailboxSlug.conversation, withSession(async (request, reply, lang, current) => {
    const { texts } = textsFor(lang);
    const draft = field(request.body, 'message');
    const problem = formTokenProblem(deps.keyring, field(request.body, 'token'), current.id);
    if (problem) return showConversation(request, reply, lang, current, { draft, error: tokenProblemText(texts, problem), status: 400 });
    const parsed = VisitorReply.safeParse({ body: draft });
    if (!parsed.success) {
      return showConversation(request, reply, lang, current, { draft, error: messageProblem(texts, parsed.error.issues[0]?.message, draft).text, status: 400 });
    }
    try {
      if (!(await replyAsVisitor(deps, current, parsed.data.body, address(request)))) return showConversation(request, reply, lang, current);
    } catch (error) {
      if (error instanceof TooManyRequestsError) return showConversation(request, reply, lang, current, { draft, error: texts.tooMany(waitMinutes(error)), status: 429 });
      throw error;
    }
    return redirect(reply, lang, mailboxSlug.conversation, 'sent');
  }));

  route('POST', mailboxSlug.share, withSession(async (request, reply, lang, current) => {
    if (formTokenProblem(deps.keyring, field(request.body, 'token'), current.id) === 'missing') {
      return showConversation(request, reply, lang, current, { error: textsFor(lang).texts.formMissing, status: 400 });
    }
    await chooseShared(deps, current, fields(request.body, 'share'));
    return redirect(reply, lang, mailboxSlug.conversation, 'shared');
  }));

  route('POST', mailboxSlug.close, async (request, reply, lang) => {
    const current = await session(request);
    if (current) await closeMailbox(deps.db, current);
    clearCookie(reply);
    return redirect(reply, lang, mailboxSlug.open, 'closed');
  });

  route('GET', mailboxSlug.delete, withSession((request, reply, lang, current) =>
    sendPage(request, reply, { lang, slug: mailboxSlug.delete, ...deletePage(lang, formToken(deps.keyring, current.id)) })));

  route('POST', mailboxSlug.delete, withSession(async (request, reply, lang, current) => {
    if (formTokenProblem(deps.keyring, field(request.body, 'token'), current.id) === 'missing') {
      return sendPage(request, reply, { lang, slug: mailboxSlug.delete, ...deletePage(lang, formToken(deps.keyring, current.id)), status: 400 });
    }
    await deleteAsVisitor(deps, current);
    clearCookie(reply);
    return redirect(reply, lang, mailboxSlug.start, 'deleted');
  }));
}

function firstMessageDraft(body: unknown, lang: PublicLanguage): FirstMessageDraft {
  const age = field(body, 'age');
  return {
    message: field(body, 'message'),
    language: field(body, 'language') || lang,
    ageGroup: (['under_18', 'adult', 'not_said'].includes(age) ? age : 'not_said') as MailboxAgeGroup,
    place: field(body, 'place').slice(0, 20),
  };
}

function messageProblem(texts: MailboxTexts, code: string | undefined, text: string): { field: string; text: string } {
  if (code === 'message_empty') return { field: 'message', text: texts.messageEmpty };
  if (code === 'message_too_long') return { field: 'message', text: texts.messageTooLong(mailboxMessageMaxLength, text.trim().length) };
  return { field: 'language', text: texts.invalidChoice };
}

function knownPlace(places: Places, municipalityCode: string | null, countyCode: string | null): boolean {
  if (municipalityCode && !places.municipalities.some((place) => place.code === municipalityCode)) return false;
  if (countyCode && !places.counties.some((county) => county.code === countyCode)) return false;
  return true;
}

function languageOfUrl(url: string): PublicLanguage {
  const segment = /^\/([a-z]{2}(?:-[a-z]{2})?)\//.exec(url)?.[1];
  return publishedLanguage(segment) ?? 'sv';
}

/** Municipalities and counties for the place chooser, read once: reference data changes with a release. */
async function loadPlaces(app: FastifyInstance): Promise<Places> {
  const { db } = app.deps.database;
  const counties = await db.selectFrom('counties').select(['code', 'name']).execute();
  const municipalities = await db.selectFrom('municipalities').select(['code', 'name', 'countyCode']).execute();
  const collator = new Intl.Collator('sv');
  return {
    counties: counties.sort((a, b) => collator.compare(a.name, b.name)),
    municipalities: municipalities.sort((a, b) => collator.compare(a.name, b.name)),
  };
}
