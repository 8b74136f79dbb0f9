import type { LoadedPack } from '../packs/load';
import { isCinemaRefusal, type CinemaRunner } from '../cinema/runner';
import { isOathRefusal, type OathRunner } from '../oath/runner';
import type { ControlZones } from './desk';

/**
 * The oath and cinema zones as the control desk drives them (their runners are main/host/oath
 * and main/host/cinema): present only when the pack the surfaces show holds an oath or a
 * cinema programme, so the remote greys out what this hall cannot do.
 */
export function controlZones(pack: LoadedPack | undefined, oath: OathRunner, cinema: CinemaRunner): ControlZones {
  return {
    oath: pack?.content.oath
      ? {
          start: (surface) => {
            const r = oath.start(surface ? { surfaces: [surface] } : {});
            return isOathRefusal(r) ? { ok: false, message: r.message } : { ok: true };
          },
          stop: () => (oath.stop() ? { ok: true } : { ok: false, message: { 'zh-Hans': '现在没有进行中的宣誓仪式。', en: 'No oath ceremony is running.' } }),
        }
      : undefined,
    cinema: pack?.content.cinema
      ? {
          play: (film, surface) => {
            const r = cinema.start({ ...(film ? { film } : {}), ...(surface ? { surfaces: [surface] } : {}) });
            return isCinemaRefusal(r) ? { ok: false, message: r.message } : { ok: true };
          },
          films: () => (pack.content.cinema?.films ?? []).map((f) => ({ id: f.id, title: f.title })),
        }
      : undefined,
  };
}
