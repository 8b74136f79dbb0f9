import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { refusal, route } from '../http';
import { CinemaRunner, isCinemaRefusal, type CinemaRunnerOptions } from './runner';

export interface CinemaOptions {
  runner: CinemaRunner;
}

/**
 * The cinema: anyone may ask what plays and today's screenings (`GET /api/cinema`); starting
 * and stopping a film on the docent's word is the docent's (or admin's) over HTTP (the docent remote and the
 * control API call the runner or this route). The day's schedule runs by itself.
 */
export const cinemaPlugin: CapabilityPlugin<CinemaOptions> = async (app, opts) => {
  const { runner } = opts;
  opts.disposables.defer(() => runner.dispose());
  opts.disposables.add(opts.live.onWelcome((id) => runner.join(id)));
  route(app, 'GET /api/cinema', () => runner.status());
  await app.register(async (docent) => {
    // The docent's word (a docent or admin session: the remote, the control API).
    docent.addHook('onRequest', opts.auth.guard('docent'));
    route(docent, 'POST /api/cinema', (body) => {
      if (body.action === 'stop') {
        runner.stop();
        return { run: null };
      }
      const r = runner.start({ playlist: body.playlist, film: body.film, surfaces: body.surfaces });
      if (isCinemaRefusal(r)) return refusal(r.error === 'no-surface' ? 400 : 404, r.error, r.message['zh-Hans'], r.message.en);
      return { run: r };
    });
  });
  // A screening due when the host starts begins (or is joined) at once, not a tick later.
  runner.tick();
};

/** The cinema capability and its runner (the hall keeps the runner for the docent remote and the control API). */
export function hallCinema(options: CinemaRunnerOptions): { runner: CinemaRunner; capability: Capability } {
  const r = new CinemaRunner(options);
  return { runner: r, capability: capability('cinema', cinemaPlugin, { runner: r }) };
}
