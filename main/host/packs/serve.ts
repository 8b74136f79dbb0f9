import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LOCK_FILE, PackLock } from '../../../core/pack/lock';
import { checkPackPath } from '../../../core/pack/paths';
import { extensionOf } from '../../../core/pack/probe';
import type { PackStore } from './store';

/** Content types of every file a pack may hold. */
export const MIME: Readonly<Record<string, string>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav', m4a: 'audio/mp4',
  mp4: 'video/mp4', webm: 'video/webm', glb: 'model/gltf-binary',
  yaml: 'application/yaml; charset=utf-8', yml: 'application/yaml; charset=utf-8', md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8', json: 'application/json; charset=utf-8', vtt: 'text/vtt; charset=utf-8', woff2: 'font/woff2',
};

/** Hashes from each installed version's lock: a strong ETag that is the content's SHA-256. */
const lockCache = new Map<string, Promise<Map<string, string>>>();
function lockHashes(dir: string): Promise<Map<string, string>> {
  let p = lockCache.get(dir);
  if (!p) {
    p = readFile(join(dir, LOCK_FILE), 'utf8')
      .then((t) => new Map(PackLock.parse(JSON.parse(t)).files.map((f) => [f.path, f.sha256])))
      .catch(() => new Map<string, string>());
    lockCache.set(dir, p);
  }
  return p;
}

function notFound(reply: FastifyReply) {
  return reply.code(404).type('application/json; charset=utf-8').send({ error: 'not-found', message: { 'zh-Hans': '没有这个文件。', en: 'No such file.' } });
}

/**
 * Parses a single `bytes=` range against a size: the span, 'unsatisfiable' (416), or undefined to
 * send everything. As RFC 9110 says: a header that is not a valid single range (junk, other units,
 * several ranges, an end before its start) is ignored; only a valid one that starts past the end
 * (or asks for the last 0 bytes) is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  if (b !== '' && Number(b) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: b === '' ? size - 1 : Math.min(Number(b), size - 1) };
}

/**
 * Serves `GET /packs/:packId/*` from the active version of each pack, with Range, strong ETags
 * and If-None-Match. A path can never leave the pack's folder: unsafe segments are refused before
 * touching the disk, and the real path (after links) must still be inside the version folder.
 */
async function installedVersion(store: PackStore, id: string, version: string): Promise<{ id: string; version: string; dir: string } | undefined> {
  try {
    return (await store.has(id, version)) ? { id, version, dir: store.versionDir(id, version) } : undefined;
  } catch {
    return undefined; // not an id or a version at all
  }
}

export function registerPackRoutes(app: FastifyInstance, store: PackStore): void {
  app.get<{ Params: { packId: string; '*': string } }>('/packs/:packId/*', async (req, reply) => {
    // `<id>@<version>`: an installed version that is not (yet) active, for the admin's preview on one surface.
    const at = /^([a-z0-9][a-z0-9-]*)@([0-9A-Za-z.+-]+)$/.exec(req.params.packId);
    const active = at ? await installedVersion(store, at[1]!, at[2]!) : await store.active(req.params.packId);
    if (!active) return notFound(reply);
    const rel = req.params['*'];
    if (checkPackPath(rel)) return notFound(reply);
    let full: string;
    let root: string;
    try {
      root = await realpath(active.dir);
      full = await realpath(join(active.dir, ...rel.split('/')));
    } catch {
      return notFound(reply);
    }
    if (!full.startsWith(root + sep)) return notFound(reply);
    const st = await stat(full).catch(() => undefined);
    if (!st?.isFile()) return notFound(reply);

    const hash = (await lockHashes(active.dir)).get(rel);
    const etag = hash ? `"${hash}"` : `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    reply.header('ETag', etag);
    reply.header('Accept-Ranges', 'bytes');
    reply.header('Cache-Control', 'no-cache');
    reply.header('X-Content-Type-Options', 'nosniff');
    // Content is data: even an SVG opened on its own may not run script or load anything.
    reply.header('Content-Security-Policy', "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox");
    reply.header('X-Pack-Version', active.version);
    reply.type(MIME[extensionOf(rel)] ?? 'application/octet-stream');

    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return reply.code(304).send();

    const ifRange = req.headers['if-range'];
    const range = ifRange && ifRange !== etag ? undefined : parseRange(req.headers.range, st.size);
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${st.size}`);
      return reply.code(416).send();
    }
    if (range) {
      reply.header('Content-Range', `bytes ${range.start}-${range.end}/${st.size}`);
      reply.header('Content-Length', range.end - range.start + 1);
      return reply.code(206).send(createReadStream(full, { start: range.start, end: range.end }));
    }
    reply.header('Content-Length', st.size);
    return reply.code(200).send(createReadStream(full));
  });
}
