import { z } from 'zod';
import { LocalisedText } from '../../text';
import { AssetPath, Id } from '../fields';
import { defineKind } from './kind';

// Attract loop: what the screens show while nobody touches them.

export const AttractSlide = z
  .object({
    id: Id,
    kind: z.enum(['image', 'video', 'text']),
    src: AssetPath.optional(),
    title: LocalisedText.optional(),
    text: LocalisedText.optional(),
    /** Seconds on screen (a video plays to its end when omitted). */
    seconds: z.number().positive().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind !== 'text' && s.src === undefined) ctx.addIssue({ code: 'custom', path: ['src'], message: `a ${s.kind} slide needs src` });
    if (s.kind === 'text' && s.title === undefined && s.text === undefined)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a text slide needs a title or text' });
    if (s.kind !== 'video' && s.seconds === undefined)
      ctx.addIssue({ code: 'custom', path: ['seconds'], message: 'an image or text slide needs seconds' });
  });

export const Attract = z
  .object({
    $schema: z.string().optional(),
    /** Seconds without a touch before the loop starts. */
    idleSeconds: z.number().int().min(10).max(3600).default(90),
    slides: z.array(AttractSlide).min(1),
  })
  .strict();
export type Attract = z.infer<typeof Attract>;

/** Attract loop: what the screens show while nobody touches them. */
export const attractKind = defineKind({
  key: 'attract',
  many: false,
  schema: Attract,
  jsonSchema: { file: 'attract.schema.json', title: 'attract' },
  localisedKeys: ['title', 'text'],
  check(attract, ctx) {
    ctx.unique(attract.slides, ['slides'], '画面 / slide');
    attract.slides.forEach((s, i) => {
      if (s.kind !== 'text') ctx.asset(['slides', i, 'src'], s.src, [s.kind]);
    });
  },
  hall: {
    // The kiosk plays the loop after its idle reset, until touched.
    shape: { attract: Attract.optional() },
    project: (attract) => ({ attract }),
  },
});
