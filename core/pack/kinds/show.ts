import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Id, Seconds } from '../fields';
import type { AssetCategory } from '../probe';
import { defineKind } from './kind';

// Shows: cue timelines for the immersive walls (deepened by the immersive work).

export const Cue = z
  .object({
    at: Seconds,
    /** Surface role or wall name: 'wall', 'cave-left', 'ring', 'hologram', 'all'. */
    target: z.string().min(1),
    /**
     * play: a film or a sound; show: a picture (or a pack model, as a 3D scene); text; hide;
     * fade to black; stop. ambience: a sound that loops under everything until its seconds
     * run out or the show stops; crossfade: a new picture or film that dissolves over the old
     * one in `seconds`; scene: a pack model (.glb) as a lit, turning 3D scene.
     */
    action: z.enum(['play', 'show', 'hide', 'stop', 'text', 'fade', 'ambience', 'crossfade', 'scene']),
    src: AssetPath.optional(),
    text: LocalisedText.optional(),
    seconds: Seconds.optional(),
    /** Loudness of an ambience loop, 0–1 (default 0.6). */
    volume: z.number().min(0).max(1).optional(),
  })
  .strict();

export const Show = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalisedText,
    seconds: z.number().positive(),
    cues: z.array(Cue).min(1),
  })
  .strict();
export type Show = z.infer<typeof Show>;

/** What each action plays or shows (an action with none takes no src). */
const CUE_MEDIA: Record<z.infer<typeof Cue>['action'], AssetCategory[]> = {
  play: ['video', 'audio'],
  show: ['image', 'video', 'model'],
  crossfade: ['image', 'video'],
  ambience: ['audio'],
  scene: ['model'],
  hide: [],
  stop: [],
  text: [],
  fade: [],
};

/** Shows: cue timelines for the immersive walls. */
export const showKind = defineKind({
  key: 'shows',
  many: true,
  schema: Show,
  jsonSchema: { file: 'show.schema.json', title: 'show' },
  localisedKeys: ['title', 'text'],
  idAcrossFiles: '演出 / show',
  check(s, ctx) {
    s.cues.forEach((cue, i) => {
      // What each action can take: play runs media, show puts up a still or a model.
      const kinds: AssetCategory[] = CUE_MEDIA[cue.action];
      if (cue.src !== undefined && kinds.length === 0)
        ctx.error('show.cue-src', ['cues', i, 'src'], { 'zh-Hans': `“${cue.action}”提示点不需要 src。`, en: `A "${cue.action}" cue takes no src.` });
      else if (cue.src === undefined && kinds.length > 0)
        ctx.error('show.cue-src', ['cues', i], {
          'zh-Hans': `“${cue.action}”提示点需要 src（要播放或显示的文件）。`,
          en: `A "${cue.action}" cue needs src (the file to play or show).`,
        });
      else ctx.asset(['cues', i, 'src'], cue.src, kinds);
      if (cue.action === 'text' && cue.text === undefined)
        ctx.error('show.cue-src', ['cues', i], { 'zh-Hans': '“text”提示点需要 text（要显示的文字）。', en: 'A "text" cue needs text to show.' });
      if (cue.at > s.seconds)
        ctx.error('show.cue-after-end', ['cues', i, 'at'], {
          'zh-Hans': `提示点在 ${cue.at} 秒，晚于演出总长 ${s.seconds} 秒。`,
          en: `The cue at ${cue.at} s is after the end of the show (${s.seconds} s).`,
        });
    });
  },
  hall: {
    // The kiosk's start button (and the docent's list): which shows there are, how long they run.
    shape: { shows: z.array(z.object({ id: z.string(), title: LocalisedText, seconds: z.number() })).optional() },
    project: (shows) => ({ shows: (shows ?? []).map((s) => ({ id: s.id, title: s.title, seconds: s.seconds })) }),
  },
});
