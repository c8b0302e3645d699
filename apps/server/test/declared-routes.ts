import type * as FastifyModule from 'fastify';

export interface DeclaredRoute { method: string; url: string; permission: string | null }

/**
 * The fastify module with every app it builds recording its routes into `declared` as they are
 * declared: an onRoute hook added before any route exists sees each route's own options (Fastify
 * keeps no public list of them). For `vi.mock('fastify', …)` in a test file.
 */
export function recordingDeclaredRoutes(original: typeof FastifyModule, declared: DeclaredRoute[]): typeof FastifyModule {
  const build = ((options?: Parameters<typeof original.default>[0]) => {
    const app = original.default(options);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        declared.push({ method, url: route.url, permission: (route.config as { permission?: string } | undefined)?.permission ?? null });
      }
    });
    return app;
  }) as unknown as typeof original.default;
  return { ...original, default: build };
}
