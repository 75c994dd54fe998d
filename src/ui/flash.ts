// One-shot notices after a redirect (POST → redirect → GET): a short cookie, read and cleared by the next page.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export type Flash = { kind: 'ok' | 'error' | 'info'; text: string };

const COOKIE = 'cd_flash';

export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, COOKIE, Buffer.from(JSON.stringify({ kind: flash.kind, text: flash.text.slice(0, 1500) })).toString('base64url'), { httpOnly: true, sameSite: 'Strict', path: '/ui', maxAge: 60 });
}

export function takeFlash(c: Context): Flash | null {
  const raw = getCookie(c, COOKIE);
  if (!raw) return null;
  deleteCookie(c, COOKIE, { path: '/ui' });
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
    return ['ok', 'error', 'info'].includes(f.kind) && typeof f.text === 'string' ? f : null;
  } catch {
    return null;
  }
}
