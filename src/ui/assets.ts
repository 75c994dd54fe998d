// The UI's own static files (one script, one stylesheet), read once and served with a content hash in the URL.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Asset { body: Buffer; type: string; hash: string }

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function load(file: string): Asset {
  const body = fs.readFileSync(file);
  return { body, type: types[path.extname(file)] ?? 'application/octet-stream', hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

const own = (name: string) => load(new URL(`./static/${name}`, import.meta.url).pathname);
const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Served at /ui/static/<name>; the OpenAPI viewer's files come from the swagger-ui-dist package, nothing remote. */
export const assets: Record<string, Asset> = {
  'app.js': own('app.js'),
  'app.css': own('app.css'),
  'api-docs.js': own('api-docs.js'),
  'swagger-ui.css': load(path.join(swaggerDir, 'swagger-ui.css')),
  'swagger-ui-bundle.js': load(path.join(swaggerDir, 'swagger-ui-bundle.js')),
};

export const assetUrl = (name: keyof typeof assets & string) => `/ui/static/${name}?v=${assets[name]!.hash}`;
