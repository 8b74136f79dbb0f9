import type { SurfaceRole } from '../../../core/protocol/messages';
import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { refusal, route } from '../http';
import { ShowRunner, type ShowRunnerOptions } from './runner';

export interface ShowsOptions {
  runner: ShowRunner;
  /** Which surface roles may start and stop shows over the socket (the kiosk's button, the docent). */
  requesters: readonly SurfaceRole[];
  /** Surface roles by id, to check a request's sender. */
  roleOf: (surfaceId: string) => SurfaceRole | undefined;
  /** A show to loop as the hall's attract from the start (hall.yaml `shows.attract`). */
  attract?: { showId?: string | undefined; packId?: string | undefined } | undefined;
  /** Opens a timeline station on the metro wall(s) (the control desk's wall.goto); resolves to a refusal's sentence, or undefined when done. */
  openStation?: ((stationId: string | null, surface: string | undefined, who: string) => Promise<{ 'zh-Hans': string; en: string } | undefined>) | undefined;
}

const notFound = (showId: string | undefined) =>
  refusal(404, 'no-such-show', `没有找到演出${showId ? `“${showId}”` : ''}：启用的内容包里没有这个演出。`, `No show${showId ? ` "${showId}"` : ''} in the active packs.`);

/**
 * Shows on the host clock (core/show): surfaces hear cues over the live socket and report back;
 * `GET /api/shows` tells anyone where the show is; starting and stopping over HTTP is the
 * admin's (the docent and DM pages use the same runner through `show.request` on their socket).
 */
export const showsPlugin: CapabilityPlugin<ShowsOptions> = async (app, opts) => {
  const { runner, live } = opts;
  opts.disposables.defer(() => runner.dispose());
  opts.disposables.add(live.on('show.join', (_m, id) => runner.join(id)));
  opts.disposables.add(live.on('show.presented', (m, id) => runner.presented(id, m.runId, m.index, m.hostMs, m.mainMs)));
  opts.disposables.add(live.on('show.video', (m, id) => runner.video(id, m.runId, m.index, m.samples, m.seeks)));
  opts.disposables.add(live.on('show.ready', (m, id) => runner.ready(id, m.runId, m.frame)));
  opts.disposables.add(
    live.on('show.request', (m, id) => {
      const role = opts.roleOf(id);
      if (!role || !opts.requesters.includes(role)) {
        live.sendTo(id, { type: 'error', code: 'unauthorised', ref: m.type, message: { 'zh-Hans': '这个界面不能开始或停止演出。', en: 'This surface may not start or stop shows.' } });
        return;
      }
      if (m.action === 'stop') {
        runner.stop();
        return;
      }
      if (!runner.start({ showId: m.showId, packId: m.packId })) {
        live.sendTo(id, { type: 'error', code: 'bad-message', ref: m.type, message: notFound(m.showId).body.message });
        return;
      }
      opts.log(`show started by ${id}`);
    }),
  );

  opts.disposables.add(
    live.on('timeline.open', (m, id) => {
      const role = opts.roleOf(id);
      const refuse = (message: { 'zh-Hans': string; en: string }) => live.sendTo(id, { type: 'error', code: 'unauthorised', ref: m.type, message });
      if (!role || !opts.requesters.includes(role)) return refuse({ 'zh-Hans': '这个界面不能在墙上打开时间线站点。', en: 'This surface may not open timeline stations on the walls.' });
      if (!opts.openStation) return refuse({ 'zh-Hans': '这个展厅没有地铁时间线墙。', en: 'This hall has no metro timeline wall.' });
      void opts.openStation(m.stationId, m.surface, id).then((problem) => {
        if (problem) live.sendTo(id, { type: 'error', code: 'bad-message', ref: m.type, message: problem });
      });
    }),
  );

  route(app, 'GET /api/shows', () => runner.status());
  await app.register(async (admin) => {
    admin.addHook('onRequest', opts.adminOnly);
    route(admin, 'POST /api/shows', (body) => {
      if (body.action === 'stop') {
        runner.stop();
        return { run: null };
      }
      if (body.action === 'attract') {
        if (!runner.setAttract(body.showId === null ? undefined : { showId: body.showId, packId: body.packId })) return notFound(body.showId ?? undefined);
        return { run: runner.status().run };
      }
      if (!runner.start({ showId: body.showId, packId: body.packId, loop: body.loop })) return notFound(body.showId);
      return { run: runner.status().run };
    });
  });

  if (opts.attract && !runner.setAttract(opts.attract)) opts.log(`attract show ${opts.attract.showId ?? '(first)'} is not in the active packs: no attract loop`);
};

/**
 * The shows capability and its runner (the hall keeps the runner: pack changes, benches). The
 * runner's clock and sends come from the hall, which owns the host and its hub.
 */
export function hallShows(runner: ShowRunnerOptions, options: Omit<ShowsOptions, 'runner'>): { runner: ShowRunner; capability: Capability } {
  const r = new ShowRunner(runner);
  return { runner: r, capability: capability('shows', showsPlugin, { ...options, runner: r }) };
}
