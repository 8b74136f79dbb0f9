import type { Oath } from '../../../core/pack/kinds/oath';
import type { HostMessage, SurfaceRole } from '../../../core/protocol/messages';
import type { OathRun } from '../../../core/protocol/zones';
import { leadTime } from '../../../core/show/schedule';
import { oathSeconds } from '../../../core/zones/oath';

/** The oath of the active packs, with its recording's length when the pack's probe read it. */
export interface PackOath {
  packId: string;
  oath: Oath;
  recordingSeconds?: number | undefined;
}

export interface OathRunnerOptions {
  surfaces: readonly { id: string; role: SurfaceRole }[];
  oath: () => PackOath | undefined;
  clock: () => number;
  /** Sends to every surface that said hello (kiosks show "the group oath is on" too). */
  broadcast: (message: HostMessage) => void;
  send: (surfaceId: string, message: HostMessage) => number;
  rtt: (surfaceId: string) => number | null;
  minLeadMs?: number;
  log: (line: string) => void;
}

/** Why a start was refused, in both languages. */
export interface OathRefusal {
  error: 'no-oath' | 'no-surface';
  message: { 'zh-Hans': string; en: string };
}

/** Roles that show the group oath unless the docent names surfaces. */
export const OATH_ROLES: readonly SurfaceRole[] = ['kiosk', 'wall'];

/**
 * The group oath on the host clock. The docent (remote, control API) starts it for chosen
 * surfaces; every surface hears the run (`oath.run`) with a start time one lead ahead, so all
 * light each line on the same beat; a surface that comes back mid-oath hears it again and comes in
 * at the right line. The run clears itself a moment after the last line.
 */
export class OathRunner {
  private current: OathRun | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private runs = 0;

  constructor(private readonly opts: OathRunnerOptions) {}

  get run(): OathRun | undefined {
    return this.current;
  }

  /** Starts the group oath (replacing one that is on); a refusal when there is no oath or no such surface. */
  start(ref: { surfaces?: readonly string[] | undefined; audio?: string | null | undefined } = {}): OathRun | OathRefusal {
    const found = this.opts.oath();
    if (!found)
      return { error: 'no-oath', message: { 'zh-Hans': '启用的内容包里没有入党誓词。', en: 'The active packs hold no oath.' } };
    const ids = ref.surfaces ?? this.opts.surfaces.filter((s) => OATH_ROLES.includes(s.role)).map((s) => s.id);
    const unknown = ids.filter((id) => !this.opts.surfaces.some((s) => s.id === id));
    if (unknown.length || ids.length === 0)
      return {
        error: 'no-surface',
        message: {
          'zh-Hans': unknown.length ? `展厅里没有这些屏幕：${unknown.join('、')}。` : '展厅里没有可以显示誓词的屏幕。',
          en: unknown.length ? `No such screens in this hall: ${unknown.join(', ')}.` : 'No screen in this hall can show the oath.',
        },
      };
    const walls = ids.filter((id) => this.opts.surfaces.find((s) => s.id === id)?.role === 'wall');
    const audio = ref.audio === null || !found.oath.audio ? null : (ref.audio ?? walls[0] ?? ids[0] ?? null);
    const leadMs = leadTime(ids.map((id) => this.opts.rtt(id) ?? NaN), this.opts.minLeadMs);
    const startHost = this.opts.clock() + leadMs;
    const seconds = oathSeconds(found.oath, found.recordingSeconds);
    this.runs += 1;
    const run: OathRun = { runId: `oath-${Math.round(startHost).toString(36)}-${this.runs}`, packId: found.packId, startHost, seconds, surfaces: [...ids], audio };
    this.current = run;
    this.opts.broadcast({ type: 'oath.run', run });
    this.clearTimer();
    // Left up a few seconds after the last line, then handed back.
    this.timer = setTimeout(() => this.end(run.runId), leadMs + seconds * 1000 + 4000);
    this.opts.log(`group oath on ${ids.join(', ')} at host ${startHost.toFixed(0)} (lead ${leadMs} ms, sound on ${audio ?? 'none'})`);
    return run;
  }

  /** Stops the group oath now; false when none was on. */
  stop(): boolean {
    if (!this.current) return false;
    this.end(this.current.runId);
    this.opts.log('group oath stopped');
    return true;
  }

  /** Tells a surface that (re)connected about the oath that is on. */
  join(surfaceId: string): void {
    if (this.current) this.opts.send(surfaceId, { type: 'oath.run', run: this.current });
  }

  private end(runId: string): void {
    if (this.current?.runId !== runId) return;
    this.clearTimer();
    this.current = undefined;
    this.opts.broadcast({ type: 'oath.run', run: null });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
  }
}

/** True when a start gave a refusal rather than a run. */
export function isOathRefusal(r: OathRun | OathRefusal): r is OathRefusal {
  return 'error' in r;
}
