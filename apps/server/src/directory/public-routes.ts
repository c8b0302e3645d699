import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicPath, type PublicLanguage } from '../public-site/languages';
import { publishedLanguage, sendNotFoundPage, sendPage } from '../public-site/respond';
import { publicGet } from '../public-site/routing';
import { FIND_HELP_SLUG, chooserPage, findMunicipality, municipalityPage, municipalityPath } from './public-page';
import { publishedEntriesFor } from './service';

const config = { permission: 'public' as const };
const schema = { hide: true };

/** One query parameter as text; repeated or odd values count as absent, so malformed input cannot fail. */
function queryText(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 60) : undefined;
}

/** "Find help near you": a chooser that works as a plain form, and one page per municipality. */
export async function directoryPublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  publicGet(app, FIND_HELP_SLUG, (request, reply, lang) => {
    const chosen = queryText(request, 'municipality');
    if (chosen !== undefined) {
      const municipality = findMunicipality(chosen.trim());
      if (municipality) return reply.redirect(municipalityPath(lang, municipality.code), 303);
      const { title, body } = chooserPage({ lang, missingMunicipality: true });
      return sendPage(request, reply, { lang, slug: FIND_HELP_SLUG, title, body, status: 400 });
    }
    const { title, body } = chooserPage({ lang, query: queryText(request, 'q') });
    return sendPage(request, reply, { lang, slug: FIND_HELP_SLUG, title, body });
  });

  const sendMunicipality = async (request: FastifyRequest, reply: FastifyReply, lang: PublicLanguage, code: string) => {
    const municipality = findMunicipality(code);
    if (!municipality) return sendNotFoundPage(request, reply, lang);
    const entries = await publishedEntriesFor(db, municipality);
    const { title, body } = municipalityPage(lang, municipality, entries, new Date());
    return sendPage(request, reply, { lang, slug: `${FIND_HELP_SLUG}/${municipality.code}`, title, body });
  };

  app.get<{ Params: { code: string } }>(`/${FIND_HELP_SLUG}/:code`, { config, schema }, (request, reply) =>
    sendMunicipality(request, reply, 'sv', request.params.code));

  app.get<{ Params: { lang: string; code: string } }>(`/:lang/${FIND_HELP_SLUG}/:code`, { config, schema }, (request, reply) => {
    const { lang: segment, code } = request.params;
    if (segment === 'sv') {
      const municipality = findMunicipality(code);
      return reply.redirect(municipality ? municipalityPath('sv', municipality.code) : publicPath('sv', FIND_HELP_SLUG), 301);
    }
    const lang = publishedLanguage(segment);
    if (!lang) return sendNotFoundPage(request, reply, 'sv');
    return sendMunicipality(request, reply, lang, code);
  });
}
