import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The site's only two static files, read once, named by their content hash so browsers may keep
 * them for a year, and compressed ahead of time.
 */
export interface PublicAsset {
  name: string;
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

function load(file: string, extension: string, contentType: string): PublicAsset {
  const identity = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return {
    name: `${file.slice(0, -extension.length - 1)}.${hash}.${extension}`,
    contentType,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

export const stylesheet = load('site.css', 'css', 'text/css; charset=utf-8');
export const quickExitScript = load('quick-exit.js', 'js', 'text/javascript; charset=utf-8');

export const ASSET_PREFIX = '/public-assets/';

export function assetPath(asset: PublicAsset): string {
  return ASSET_PREFIX + asset.name;
}

export function findAsset(name: string): PublicAsset | undefined {
  return [stylesheet, quickExitScript].find((asset) => asset.name === name);
}
