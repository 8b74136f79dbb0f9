import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Seconds } from '../fields';
import { defineKind } from './kind';

// Oath: the lines read together, timed against a recording.

export const OathLine = z
  .object({ text: LocalisedText, start: Seconds, end: Seconds })
  .strict()
  .refine((l) => l.end > l.start, { message: 'end must be after start', path: ['end'] });

export const Oath = z
  .object({
    $schema: z.string().optional(),
    title: LocalisedText,
    intro: LocalisedText.optional(),
    flag: AssetPath.optional(),
    audio: AssetPath.optional(),
    lines: z.array(OathLine).min(1),
    signature: LocalisedText.optional(),
  })
  .strict();
export type Oath = z.infer<typeof Oath>;

/** Oath: the lines read together, timed against a recording. */
export const oathKind = defineKind({
  key: 'oath',
  many: false,
  schema: Oath,
  jsonSchema: { file: 'oath.schema.json', title: 'oath' },
  localisedKeys: ['title', 'intro', 'text', 'signature'],
  check(oath, ctx) {
    ctx.asset(['flag'], oath.flag, ['image']);
    const audio = ctx.asset(['audio'], oath.audio, ['audio']);
    let prevEnd = 0;
    oath.lines.forEach((l, i) => {
      if (l.start < prevEnd)
        ctx.error('oath.timing', ['lines', i, 'start'], {
          'zh-Hans': `第 ${i + 1} 句在 ${l.start} 秒开始，早于上一句结束的 ${prevEnd} 秒。`,
          en: `Line ${i + 1} starts at ${l.start} s, before the previous line ends at ${prevEnd} s.`,
        });
      prevEnd = l.end;
      if (audio?.seconds !== undefined && l.end > audio.seconds + 0.05)
        ctx.error('oath.timing', ['lines', i, 'end'], {
          'zh-Hans': `第 ${i + 1} 句结束于 ${l.end} 秒，但录音只有 ${audio.seconds.toFixed(2)} 秒。`,
          en: `Line ${i + 1} ends at ${l.end} s but the recording lasts ${audio.seconds.toFixed(2)} s.`,
        });
    });
  },
  hall: {
    // The kiosk's oath screen and the group oath on the walls read the lines and their timings.
    shape: { oath: Oath.optional() },
    project: (oath) => ({ oath }),
  },
});
