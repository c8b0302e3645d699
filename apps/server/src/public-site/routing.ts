import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PublicLanguage } from './languages';
import { publishedLanguage, sendNotFoundPage } from './respond';

export type PublicGetHandler = (request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage) => unknown;

/**
 * Registers a public page under every published language: GET /{slug} in Swedish and
 * GET /:lang/{slug} for the others. /sv/{slug} redirects to /{slug}; a language the site is not
 * published in gets the Swedish 404 page. Other capabilities use this for their visitor pages.
 */
export function publicGet(app: FastifyInstance, slug: string, handler: PublicGetHandler): void {
  const config = { permission: 'public' as const };
  app.get(`/${slug}`, { config, schema: { hide: true } }, (request, reply) => handler(request, reply, 'sv'));
  app.get<{ Params: { lang: string } }>(`/:lang/${slug}`, { config, schema: { hide: true } }, (request, reply) => {
    if (request.params.lang === 'sv') return reply.redirect(`/${slug}`, 301);
    const lang = publishedLanguage(request.params.lang);
    if (!lang) return sendNotFoundPage(request, reply, 'sv');
    return handler(request, reply, lang);
  });
}
