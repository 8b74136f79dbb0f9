import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { refusal, route } from '../http';
import { isOathRefusal, OathRunner, type OathRunnerOptions } from './runner';

export interface OathOptions {
  runner: OathRunner;
}

/**
 * The group oath: anyone may ask where it is (`GET /api/oath`); starting and stopping is the
 * docent's (or admin's) over HTTP (the docent remote and the control API call the runner or this route).
 * A surface that says hello while the oath is on hears the run and comes in at the right line.
 */
export const oathPlugin: CapabilityPlugin<OathOptions> = async (app, opts) => {
  const { runner } = opts;
  opts.disposables.defer(() => runner.dispose());
  opts.disposables.add(opts.live.onWelcome((id) => runner.join(id)));
  route(app, 'GET /api/oath', () => ({ run: runner.run ?? null, hostNow: opts.clock() }));
  await app.register(async (docent) => {
    // The docent's word (a docent or admin session: the remote, the control API).
    docent.addHook('onRequest', opts.auth.guard('docent'));
    route(docent, 'POST /api/oath', (body) => {
      if (body.action === 'stop') {
        runner.stop();
        return { run: null };
      }
      const r = runner.start({ surfaces: body.surfaces, audio: body.audio });
      if (isOathRefusal(r)) return refusal(r.error === 'no-oath' ? 404 : 400, r.error, r.message['zh-Hans'], r.message.en);
      return { run: r };
    });
  });
};

/** The oath capability and its runner (the hall keeps the runner for the docent remote and the control API). */
export function hallOath(options: OathRunnerOptions): { runner: OathRunner; capability: Capability } {
  const r = new OathRunner(options);
  return { runner: r, capability: capability('oath', oathPlugin, { runner: r }) };
}
