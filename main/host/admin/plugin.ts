import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ShownFinding, UploadLine } from '../../../core/protocol/admin';
import type { HallContent } from '../../../core/protocol/messages';
import { capability, type CapabilityPlugin } from '../capability';
import { refusal, route, type Refusal } from '../http';
import { installPack } from '../packs/install';
import type { InstallProgress } from '../packs/progress';
import { PackRefused } from '../packs/refused';
import { PackStoreError, type PackStore } from '../packs/store';
import type { QuizStatsStore } from '../quiz-stats';
import { withExcerpts } from './excerpts';
import { SurfacePreview } from './preview';
import { readStats, statsCsv, VisitLog } from './stats';
import { Thumbnails, type Capture } from './thumbnails';
import { listPacks, prunePack } from './versions';

export interface AdminOptions {
  store: PackStore;
  dataDir: string;
  quizStats: QuizStatsStore;
  /** The live content (what a preview hands back to its surface). */
  content: () => HallContent | undefined;
  /** The shell's screen capture of a surface, when it has one (see main/shell). */
  capture?: Capture | undefined;
  /** Largest pack upload accepted, bytes (default 4 GiB). */
  maxUploadBytes?: number;
}

const NO_STORE = { headers: { 'cache-control': 'no-store' } };
const ZIP_TYPES = ['application/octet-stream', 'application/zip', 'application/x-zip-compressed'];

function storeRefusal(err: unknown): Refusal {
  if (err instanceof PackStoreError) return refusal(409, err.code, err.bilingual['zh-Hans'], err.bilingual.en);
  throw err;
}

/**
 * The admin console's host side (`/api/admin/…`, every route behind the admin guard):
 * packs (upload with install progress, activate, roll back, prune), a version previewed on one
 * surface, surface thumbnails, and the statistics with their CSV. Also counts kiosk module
 * visits (anonymously) from the screens the surfaces report.
 */
export const adminPlugin: CapabilityPlugin<AdminOptions> = async (app, opts) => {
  const { store } = opts;
  const preview = new SurfacePreview(opts.live, store, opts.content, opts.clock);
  const thumbnails = new Thumbnails(opts.capture, Date.now);
  const visits = new VisitLog(opts.dataDir, () => opts.content()?.packId, Date.now, opts.log);
  opts.disposables.add(opts.live.onWelcome((id) => preview.rejoined(id)));
  opts.disposables.add(opts.live.onScreen((id, screen) => visits.screen(id, screen)));
  const onActivated = () => preview.activated();
  store.on('activated', onActivated);
  opts.disposables.defer(() => void store.off('activated', onActivated));
  const maxUpload = opts.maxUploadBytes ?? 4 * 1024 ** 3;
  let installing = false;

  await app.register(async (admin) => {
    admin.addHook('onRequest', opts.adminOnly);
    // A pack arrives as the raw bytes of its .rhpack/.zip; the handler streams it to disk.
    admin.addContentTypeParser(ZIP_TYPES, (_req, payload, done) => done(null, payload));

    route(admin, 'GET /api/admin/packs', async () => ({ packs: await listPacks(store), preview: preview.current }), NO_STORE);

    route(admin, 'POST /api/admin/packs/activate', async (body) => {
      try {
        const ev = await store.activate(body.packId, body.version);
        opts.log(`admin: ${ev.id}@${ev.version} activated`);
        return { packId: ev.id, version: ev.version, previous: ev.previous ?? null };
      } catch (err) {
        return storeRefusal(err);
      }
    }, NO_STORE);

    route(admin, 'POST /api/admin/packs/rollback', async (body) => {
      try {
        const ev = await store.rollback(body.packId);
        opts.log(`admin: ${ev.id} rolled back to ${ev.version}`);
        return { packId: ev.id, version: ev.version, previous: ev.previous ?? null };
      } catch (err) {
        return storeRefusal(err);
      }
    }, NO_STORE);

    route(admin, 'POST /api/admin/packs/prune', async (body) => {
      try {
        const r = await prunePack(store, body.packId);
        const p = preview.current;
        if (p && p.packId === body.packId && r.removed.includes(p.version)) preview.stop();
        opts.log(`admin: ${body.packId} pruned: ${r.removed.join(', ') || 'nothing'}`);
        return { packId: body.packId, ...r };
      } catch (err) {
        return storeRefusal(err);
      }
    }, NO_STORE);

    route(admin, 'POST /api/admin/preview', async (body) => {
      if ('stop' in body) {
        preview.stop();
        return { preview: null };
      }
      const r = await preview.start(body.surfaceId, body.packId, body.version);
      if ('refused' in r) return r;
      opts.log(`admin: previewing ${body.packId}@${body.version} on ${body.surfaceId}`);
      return { preview: r };
    }, NO_STORE);

    route(admin, 'GET /api/admin/stats', () => readStats(opts.dataDir, opts.quizStats), NO_STORE);

    admin.get<{ Params: { kind: string } }>('/api/admin/stats/:kind', async (req, reply) => {
      const kind = /^(quiz|endings|visits)\.csv$/.exec(req.params.kind)?.[1] as 'quiz' | 'endings' | 'visits' | undefined;
      if (!kind) return reply.code(404).send(refusal(404, 'not-found', '没有这种统计。', 'No such statistic.').body);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="redhall-${kind}-${day}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(statsCsv(readStats(opts.dataDir, opts.quizStats), kind));
    });

    // Not JSON: the shell's PNG of the surface's screen (404 when the shell cannot take one).
    admin.get<{ Params: { id: string } }>('/api/admin/surfaces/:id/thumbnail', async (req, reply) => {
      if (!opts.live.surfaces.some((s) => s.id === req.params.id)) return reply.code(404).send(refusal(404, 'no-such-surface', '没有这个屏幕。', 'No such surface.').body);
      const png = await thumbnails.of(req.params.id);
      if (!png) return reply.code(404).send(refusal(404, 'no-thumbnail', '此屏幕暂时无法截图。', 'No picture of this screen is available.').body);
      return reply.header('cache-control', 'no-store').type('image/png').send(png);
    });

    // The upload: the pack's bytes in the body; the answer streams newline-delimited JSON
    // (core/protocol/admin.ts UploadLine): `pack.progress` lines for each install phase, then
    // one result with the findings (offending lines quoted). Installed, not activated.
    admin.post('/api/admin/packs/upload', async (req, reply) => {
      if (!ZIP_TYPES.includes(String(req.headers['content-type']).split(';')[0]!.trim()))
        return reply.code(415).send(refusal(415, 'not-a-pack', '请上传 .rhpack 或 .zip 文件。', 'Upload a .rhpack or .zip file.').body);
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > maxUpload) return reply.code(413).send(tooBig(maxUpload).body);
      if (installing) return reply.code(409).send(refusal(409, 'busy', '另一个内容包正在安装，请稍候。', 'Another pack is being installed; wait for it to finish.').body);
      installing = true;
      const dir = join(opts.dataDir, 'uploads');
      const file = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.rhpack`);
      try {
        await mkdir(dir, { recursive: true });
        let bytes = 0;
        const cap = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            bytes += chunk.length;
            cb(bytes > maxUpload ? new UploadTooBig() : null, chunk);
          },
        });
        await pipeline(req.body as Readable, cap, createWriteStream(file, { mode: 0o600 }));
      } catch (err) {
        installing = false;
        await rm(file, { force: true });
        if (err instanceof UploadTooBig) return reply.code(413).send(tooBig(maxUpload).body);
        return reply.code(400).send(refusal(400, 'upload-broken', `上传中断：${(err as Error).message}`, `The upload broke off: ${(err as Error).message}`).body);
      }

      const out = new PassThrough();
      const send = (line: UploadLine) => out.write(JSON.stringify(line) + '\n');
      let last: { phase: string; at: number } = { phase: '', at: 0 };
      const progress = (p: InstallProgress) => {
        const t = Date.now();
        if (p.phase === last.phase && t - last.at < 100 && p.done < p.total) return;
        last = { phase: p.phase, at: t };
        send({ type: 'pack.progress', packId: '', phase: p.phase, done: p.done, total: p.total });
      };
      void (async () => {
        let staged: ShownFinding[] | undefined;
        try {
          const r = await installPack(store, file, {
            activate: false,
            onProgress: progress,
            onRefused: async (root, e) => {
              staged = await withExcerpts(root, e.findings);
            },
          });
          opts.log(`admin: ${r.id}@${r.version} installed (not active yet)`);
          send({ type: 'result', ok: true, packId: r.id, version: r.version, findings: await withExcerpts(store.versionDir(r.id, r.version), r.findings) });
        } catch (err) {
          if (err instanceof PackRefused) {
            const findings = staged ?? (await withExcerpts(undefined, err.findings));
            opts.log(`admin: upload refused: ${findings.filter((f) => f.severity === 'error').length} error(s)`);
            send({ type: 'result', ok: false, message: { 'zh-Hans': '内容包有错误，未安装。', en: 'The pack has errors and was not installed.' }, findings });
          } else {
            opts.log(`admin: upload failed: ${(err as Error).stack ?? String(err)}`);
            send({ type: 'result', ok: false, message: { 'zh-Hans': `安装失败：${(err as Error).message}`, en: `The install failed: ${(err as Error).message}` }, findings: [] });
          }
        } finally {
          await rm(file, { force: true });
          installing = false;
          out.end();
        }
      })();
      return reply.header('cache-control', 'no-store').type('application/x-ndjson; charset=utf-8').send(out);
    });
  });
};

class UploadTooBig extends Error {}

function tooBig(max: number): Refusal {
  const gb = (max / 1024 ** 3).toFixed(1);
  return refusal(413, 'too-big', `文件太大（上限 ${gb} GB）。`, `The file is too big (the limit is ${gb} GB).`);
}

/** The admin capability bound to its options. */
export const admin = (options: AdminOptions) => capability('admin', adminPlugin, options);
