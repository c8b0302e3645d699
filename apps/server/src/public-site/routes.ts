import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findAsset } from './assets';
import { renderPage } from './layout';
import type { PublicLanguage } from './languages';
import { sitePage } from './pages';
import { chooseEncoding, publishedLanguage, sendHtml, sendNotFoundPage } from './respond';
import { isSitePage, type SitePage } from './site-pages';

const config = { permission: 'public' as const };
const schema = { hide: true };

// Each site page is the same for every visitor, so its document is rendered once per language.
const rendered = new Map<string, string>();

function sendSitePage(request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage, page: SitePage): FastifyReply {
  const key = `${lang}/${page}`;
  let document = rendered.get(key);
  if (document === undefined) {
    const { title, body } = sitePage(lang, page);
    document = renderPage({ lang, slug: page === 'home' ? '' : page, title, body });
    rendered.set(key, document);
  }
  return sendHtml(request, reply, document);
}

/** Addresses under /api/ keep the API's own JSON 404, never an HTML page. */
function notFound(request: FastifyRequest, reply: FastifyReply, firstSegment: string, lang: PublicLanguage): unknown {
  if (firstSegment === 'api') return reply.callNotFound();
  return sendNotFoundPage(request, reply, lang);
}

/** The public site: / in Swedish, /{lang}/ for the other published languages. */
export async function publicSiteRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config, schema }, (request, reply) => sendSitePage(request, reply, 'sv', 'home'));

  app.get<{ Params: { lang: string } }>('/:lang', { config, schema }, (request, reply) => {
    const segment = request.params.lang;
    if (isSitePage(segment)) return sendSitePage(request, reply, 'sv', segment);
    if (segment === 'sv') return reply.redirect('/', 301);
    if (publishedLanguage(segment)) return reply.redirect(`/${segment}/`, 301);
    return notFound(request, reply, segment, 'sv');
  });

  app.get<{ Params: { lang: string } }>('/:lang/', { config, schema }, (request, reply) => {
    const segment = request.params.lang;
    if (segment === 'sv') return reply.redirect('/', 301);
    const lang = publishedLanguage(segment);
    if (!lang) return notFound(request, reply, segment, 'sv');
    return sendSitePage(request, reply, lang, 'home');
  });

  app.get<{ Params: { lang: string; page: string } }>('/:lang/:page', { config, schema }, (request, reply) => {
    const { lang: segment, page } = request.params;
    if (segment === 'sv') return reply.redirect(`/${isSitePage(page) ? page : ''}`, 301);
    const lang = publishedLanguage(segment);
    if (!lang) return notFound(request, reply, segment, 'sv');
    if (!isSitePage(page)) return sendNotFoundPage(request, reply, lang);
    return sendSitePage(request, reply, lang, page);
  });

  app.get<{ Params: { name: string } }>('/public-assets/:name', { config, schema }, (request, reply) => {
    const asset = findAsset(request.params.name);
    if (!asset) return reply.callNotFound();
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding');
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(encoding === 'identity' ? asset.identity : asset[encoding]);
  });
}
