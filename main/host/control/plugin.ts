import type { onRequestHookHandler } from 'fastify';
import type { HallConfig } from '../../../core/hall';
import type { HallControlState } from '../../../core/protocol/control';
import { toDisposable } from '../../../core/lifecycle';
import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { route, type Refusal } from '../http';
import { ControlDesk, type DeskOptions, type DeskResult } from './desk';
import { HallHours } from './hours';
import { OscDoor } from './osc';
import { Projectors } from './projectors';

export interface ControlOptions {
  desk: ControlDesk;
  /** hall.yaml `control.osc`, when OSC is switched on. */
  osc?: NonNullable<HallConfig['control']>['osc'];
  hours?: HallHours | undefined;
  /** How often opening hours are checked (ms). */
  tickMs?: number;
  /** Who may use the HTTP door; by default a docent or admin session (`auth.guard('docent')`, main/host/auth). */
  guard?: onRequestHookHandler;
  /** Hears the OSC door once it listens (its port, when hall.yaml asked for port 0 in tests). */
  onOsc?: (door: OscDoor) => void;
}

const asRefusal = (r: Extract<DeskResult, { ok: false }>): Refusal => ({ refused: true, status: r.status, body: { error: r.error, message: r.message } });

/**
 * The control desk's doors (docs/control.md): `GET/POST /api/control` for the docent remote and
 * central-control systems (behind the docent/admin guard), OSC over UDP where hall.yaml switches
 * it on, and opening hours ticking on the host clock. Every surface that (re)connects is told
 * its control state (blackout, asleep, muted, a wall's focus).
 */
export const controlPlugin: CapabilityPlugin<ControlOptions> = async (app, opts) => {
  const { desk } = opts;
  opts.disposables.add(opts.live.onWelcome((id) => desk.welcome(id)));

  await app.register(async (guarded) => {
    guarded.addHook('onRequest', opts.guard ?? opts.auth.guard('docent'));
    const headers = { 'cache-control': 'no-store' };
    route(guarded, 'GET /api/control', () => desk.state(), { headers });
    route(
      guarded,
      'POST /api/control',
      async (_body, req) => {
        // The desk validates again with the same schema: one path for every door.
        const r = await desk.run(req.body, `http ${req.ip}`);
        return r.ok ? r : asRefusal(r);
      },
      // A malformed command gets the desk's refusal (unknown or which argument), like OSC's.
      { headers, invalid: (body) => asRefusal(desk.malformed(body) ?? { ok: false, command: null, error: 'bad-command', message: { 'zh-Hans': '控制命令格式不正确。', 'zh-Hant': '控制命令格式不正確。', en: 'Malformed control command.' }, status: 400 }) },
    );
  });

  if (opts.osc) {
    const door = await OscDoor.open({ ...opts.osc, run: (c, who) => desk.run(c, who), log: opts.log });
    opts.disposables.add(door);
    opts.onOsc?.(door);
  }
  const hours = opts.hours;
  if (hours) {
    await hours.start();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      hours.tick().finally(() => (busy = false));
    }, opts.tickMs ?? 15_000);
    opts.disposables.add(toDisposable(() => clearInterval(timer)));
  }
};

export interface HallControlInputs extends Omit<DeskOptions, 'projectors' | 'hours'> {
  config: Pick<HallConfig, 'projectors' | 'control' | 'hours'>;
  utcOffsetMin?: (ms: number) => number;
  guard?: onRequestHookHandler;
  tickMs?: number;
}

/** The control capability of a hall: its desk, projectors and opening hours from hall.yaml. */
export function hallControl(inputs: HallControlInputs): { desk: ControlDesk; projectors: Projectors; hours: HallHours | undefined; capability: Capability; oscPort: () => number | undefined } {
  const { config, utcOffsetMin, guard, tickMs, ...deskOptions } = inputs;
  const projectors = new Projectors(config.projectors ?? [], inputs.clock);
  let hours: HallHours | undefined;
  const desk = new ControlDesk({ ...deskOptions, projectors, hours: (): HallControlState['hours'] => hours?.state() ?? null });
  if (config.hours)
    hours = new HallHours({
      hours: config.hours,
      clock: inputs.clock,
      utcOffsetMin: utcOffsetMin ?? ((ms) => -new Date(ms).getTimezoneOffset()),
      projectors: projectors.ids.length > 0,
      run: (c, who) => desk.run(c, who),
      log: inputs.log,
    });
  let osc: OscDoor | undefined;
  const options: ControlOptions = { desk, osc: config.control?.osc, hours, ...(guard ? { guard } : {}), ...(tickMs ? { tickMs } : {}), onOsc: (d) => (osc = d) };
  return { desk, projectors, hours, capability: capability('control', controlPlugin, options), oscPort: () => osc?.port };
}
