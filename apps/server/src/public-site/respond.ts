import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from './html';
import { isPublicLanguage, publicPath, type PublicLanguage } from './languages';
import { renderPage, type PageInput } from './layout';
import { isPublished, siteTexts } from './texts';

type Encoding = 'br' | 'gzip' | 'identity';

/** Picks the best encoding the client accepts; a malformed header just means no compression. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding ?? '';
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...parameters] = part.trim().split(';');
    const refused = parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(parameter));
    if (name && !refused) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

export function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } });
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  return body;
}

/**
 * Sends a finished public page, compressed. Pages are never stored by any cache: what a visitor
 * read must not linger on a shared device or a proxy.
 */
export function sendHtml(request: FastifyRequest, reply: FastifyReply, document: string, status = 200): FastifyReply {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'Accept-Encoding');
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(compress(Buffer.from(document, 'utf8'), encoding));
}

/** renderPage and sendHtml in one step. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PageInput): FastifyReply {
  return sendHtml(request, reply, renderPage(page), page.status ?? 200);
}

/**
 * The language named by an address segment, if the site is published in it. 'sv' itself is not a
 * prefix (Swedish lives at the root) and yields null too; callers redirect it with `swedishRedirect`.
 */
export function publishedLanguage(segment: string | undefined): PublicLanguage | null {
  if (!segment || segment === 'sv' || !isPublicLanguage(segment)) return null;
  return isPublished(segment) ? segment : null;
}

/** The page in its own language that says the address leads nowhere. */
export function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage): FastifyReply {
  const texts = siteTexts(lang).notFound;
  const body = html`<h1>${texts.title}</h1>
<p>${texts.text}</p>
<p><a href="${publicPath(lang, '')}">${texts.home}</a></p>`;
  return sendPage(request, reply, { lang, slug: '-', title: texts.title, body, status: 404 });
}
