import { hansToHant } from '../../../core/pack/hant';
import type { ProjectorState, Trilingual } from '../../../core/protocol/control';
import { errorStatus, lampHours, PJLINK_ERRORS, pjlinkSession, PjlinkError, powerWord, type PjlinkAnswer, type PjlinkTarget } from './pjlink/client';

/** A projector as hall.yaml lists it. */
export interface ProjectorConfig extends PjlinkTarget {
  id: string;
  name?: string | undefined;
}

/** The outcome of one projector command. */
export type ProjectorOutcome = { ok: true; state: ProjectorState } | { ok: false; state: ProjectorState; message: Trilingual };

export function trilingual(zh: string, en: string): Trilingual {
  return { 'zh-Hans': zh, 'zh-Hant': hansToHant(zh), en };
}

const FAULTS = {
  unreachable: ['连不上投影机（检查网线、IP 地址和投影机的网络待机设置）', 'cannot reach the projector (check the cable, the IP address and its network standby setting)'],
  timeout: ['投影机没有及时回答', 'the projector did not answer in time'],
  auth: ['投影机拒绝了 PJLink 密码（检查 hall.yaml 里的 password）', 'the projector refused the PJLink password (check password in hall.yaml)'],
  'no-password': ['投影机要求 PJLink 密码，hall.yaml 里没有填写', 'the projector asks for a PJLink password and hall.yaml gives none'],
  protocol: ['投影机的回答不是 PJLink', 'the projector’s answer is not PJLink'],
} as const;

/**
 * The hall's projectors over PJLink: one queue per projector (projectors take one connection at
 * a time), the last known state of each, and plain-language faults for the remote.
 */
export class Projectors {
  private readonly states = new Map<string, ProjectorState>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly list: readonly ProjectorConfig[], private readonly now: () => number = Date.now) {
    for (const p of list) this.states.set(p.id, { id: p.id, name: p.name ?? p.id, power: 'unknown', input: null, muted: null, lampHours: null, errors: null, fault: null, seenAt: null });
  }

  get ids(): string[] {
    return this.list.map((p) => p.id);
  }

  has(id: string): boolean {
    return this.states.has(id);
  }

  all(): ProjectorState[] {
    return this.list.map((p) => ({ ...this.states.get(p.id)! }));
  }

  /** Runs one session against one projector, after the ones queued before it. */
  private queue<T>(id: string, job: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(job, job);
    this.queues.set(id, next.catch(() => undefined));
    return next;
  }

  private async session(id: string, commands: string[], apply: (answers: PjlinkAnswer[], s: ProjectorState) => Trilingual | null): Promise<ProjectorOutcome> {
    const config = this.list.find((p) => p.id === id)!;
    return this.queue(id, async () => {
      const s = this.states.get(id)!;
      try {
        const answers = await pjlinkSession(config, commands);
        s.seenAt = new Date(this.now()).toISOString();
        s.fault = null;
        const refused = apply(answers, s);
        return refused ? { ok: false as const, state: { ...s }, message: refused } : { ok: true as const, state: { ...s } };
      } catch (err) {
        const fault = err instanceof PjlinkError ? err.fault : 'unreachable';
        const [zh, en] = FAULTS[fault];
        s.fault = trilingual(`${s.name}：${zh}。`, `${s.name}: ${en}.`);
        if (fault === 'unreachable' || fault === 'timeout') s.power = 'unknown';
        return { ok: false as const, state: { ...s }, message: s.fault };
      }
    });
  }

  private refusedBy(s: ProjectorState, a: PjlinkAnswer | undefined, what: [string, string]): Trilingual | null {
    if (!a || a.ok) return null;
    const e = PJLINK_ERRORS[a.code];
    return trilingual(`${s.name}：${what[0]}失败，${e['zh-Hans']}（${a.code}）。`, `${s.name}: ${what[1]} failed, ${e.en} (${a.code}).`);
  }

  /** Power on or off. */
  power(id: string, on: boolean): Promise<ProjectorOutcome> {
    return this.session(id, [`POWR ${on ? 1 : 0}`, 'POWR ?'], ([set, read], s) => {
      if (read?.ok) s.power = powerWord(read.value);
      // A projector that took the command is on its way even if it still says cooling/warming.
      if (set?.ok && (s.power === 'unknown' || !read?.ok)) s.power = on ? 'warming' : 'cooling';
      return this.refusedBy(s, set, [on ? '开机' : '关机', on ? 'power on' : 'power off']);
    });
  }

  /** Switch input (PJLink type and number, e.g. 31). */
  input(id: string, input: string): Promise<ProjectorOutcome> {
    return this.session(id, [`INPT ${input}`], ([set], s) => {
      if (set?.ok) s.input = input;
      return this.refusedBy(s, set, ['切换信号源', 'input switch']);
    });
  }

  /** Picture and sound mute. */
  mute(id: string, on: boolean): Promise<ProjectorOutcome> {
    return this.session(id, [`AVMT ${on ? 31 : 30}`], ([set], s) => {
      if (set?.ok) s.muted = on;
      return this.refusedBy(s, set, ['影音静默', 'AV mute']);
    });
  }

  /** Reads power, input, mute, lamp and error status. */
  status(id: string): Promise<ProjectorOutcome> {
    return this.session(id, ['POWR ?', 'INPT ?', 'AVMT ?', 'LAMP ?', 'ERST ?'], ([power, input, avmt, lamp, erst], s) => {
      if (power?.ok) s.power = powerWord(power.value);
      // INPT/AVMT answer ERR3 while the projector is in standby: unknown, not an error.
      s.input = input?.ok ? input.value : null;
      s.muted = avmt?.ok ? avmt.value === '31' || avmt.value === '11' : null;
      s.lampHours = lamp?.ok ? lampHours(lamp.value) : null;
      s.errors = erst?.ok ? errorStatus(erst.value) : null;
      return null;
    });
  }
}
