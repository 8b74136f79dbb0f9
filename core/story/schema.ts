import { z } from 'zod';
import { formatHint } from '../findings';
import { LocalisedText } from '../text';

/**
 * The scenario format as curators write it (scenario.yaml plus markdown pages beside it), and
 * the compiled Scenario the engine runs (pages read in, everything validated).
 */
export const SCENARIO_FORMAT_VERSION = 1;

export const StoryId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, formatHint({ 'zh-Hans': '小写英文字母、数字和连字符（如 act-1）', en: 'lower-case letters, digits and hyphens (like act-1)' }));
// No leading `__`: names become object keys, and `__proto__` must never be one.
export const VarName = z.string().regex(/^(?!__)[A-Za-z_][A-Za-z0-9_]*$/, formatHint({ 'zh-Hans': '英文字母、数字和下划线组成的变量名，不以数字或 __ 开头（如 trust_score）', en: 'a variable name of letters, digits and _, not starting with a digit or __ (like trust_score)' }));
// `set: { ready: true }` and `when: true` read naturally in YAML: numbers and booleans become expression text.
const Expression = z.union([z.string().min(1), z.number(), z.boolean()]).transform((v) => String(v));
/** A markdown file, relative to the scenario's folder. */
const PagePath = z.string().regex(/\.md$/, formatHint({ 'zh-Hans': '以 .md 结尾的 Markdown 文件路径（相对于剧本文件夹）', en: 'the path of a markdown file ending in .md (relative to the scenario folder)' }));
const Minutes = z.number().positive().max(600);
const Seconds = z.number().int().positive().max(36_000);

export const MediaCue = z
  .object({
    kind: z.enum(['image', 'audio', 'video', 'ambience']),
    src: z.string().min(1),
    loop: z.boolean().optional(),
    caption: LocalisedText.optional(),
    /**
     * `360`: an equirectangular picture or film (the whole panorama, yaw 0–360° across its width).
     * A ring of screens the DM puts the table on shows it all round the room, each segment its
     * slice; a flat screen shows it whole. Only for images and videos.
     */
    projection: z.enum(['flat', '360']).optional(),
  })
  .strict()
  .refine((m) => m.projection !== '360' || m.kind === 'image' || m.kind === 'video', {
    message: 'projection: 360 is for an image or a video / 只有图片和视频可以设为 360° 全景',
    path: ['projection'],
  });
export type MediaCue = z.infer<typeof MediaCue>;

/** Variable assignments: name → expression evaluated over the variables before the change. */
const Effects = z.record(VarName, Expression);

const Transition = z.object({ when: Expression.optional(), goto: StoryId }).strict();

const DecisionOption = z
  .object({
    id: StoryId,
    text: LocalisedText,
    set: Effects.optional(),
    goto: StoryId.optional(),
  })
  .strict();

const phaseBase = {
  id: StoryId,
  title: LocalisedText.optional(),
  /** Phase-level estimate override, in minutes, for the duration analysis. */
  minutes: Minutes.optional(),
  /** Assignments made when the phase starts. */
  set: Effects.optional(),
  next: z.array(Transition).optional(),
};

const Location = z.object({ id: StoryId, name: LocalisedText, clues: z.array(StoryId).min(1) }).strict();

export const RawPhase = z.discriminatedUnion('kind', [
  z.object({ ...phaseBase, kind: z.literal('narrate'), text: LocalisedText, media: z.array(MediaCue).optional() }).strict(),
  z.object({ ...phaseBase, kind: z.literal('read'), prompt: LocalisedText.optional() }).strict(),
  z.object({ ...phaseBase, kind: z.literal('introduce'), secondsPerPlayer: Seconds, prompt: LocalisedText.optional() }).strict(),
  z
    .object({
      ...phaseBase,
      kind: z.literal('search'),
      actionPoints: z.number().int().min(1).max(20),
      seconds: Seconds.optional(),
      locations: z.array(Location).min(1),
    })
    .strict(),
  z.object({ ...phaseBase, kind: z.literal('discuss'), seconds: Seconds, prompt: LocalisedText.optional() }).strict(),
  z
    .object({
      ...phaseBase,
      kind: z.literal('vote'),
      question: LocalisedText,
      options: z.array(DecisionOption).min(2),
      voters: z.union([z.literal('all'), z.array(StoryId).min(1)]).default('all'),
      rule: z.enum(['majority', 'plurality', 'unanimous']),
      tieBreak: z.union([z.enum(['dm', 'random']), z.object({ option: StoryId }).strict()]),
    })
    .strict(),
  z
    .object({
      ...phaseBase,
      kind: z.literal('choice'),
      question: LocalisedText,
      /** 'dm' or a role id; an unseated role's choice falls to the DM. */
      by: StoryId,
      options: z.array(DecisionOption).min(2),
    })
    .strict(),
  z
    .object({
      ...phaseBase,
      kind: z.literal('ending'),
      text: LocalisedText,
      media: z.array(MediaCue).optional(),
      debrief: PagePath,
    })
    .strict(),
]);
export type RawPhase = z.infer<typeof RawPhase>;

const Variable = z.object({ initial: z.union([z.number(), z.string(), z.boolean()]), about: LocalisedText.optional() }).strict();

const RawRole = z
  .object({
    id: StoryId,
    name: LocalisedText,
    intro: LocalisedText,
    /** Private pages by act id. */
    pages: z.record(StoryId, PagePath).default({}),
    goals: z.array(LocalisedText).default([]),
    secrets: z.array(LocalisedText).default([]),
    /** An optional role may stay unseated when fewer players come. */
    optional: z.boolean().default(false),
  })
  .strict();

const RawClue = z
  .object({
    id: StoryId,
    title: LocalisedText,
    text: LocalisedText,
    visibility: z.enum(['public', 'private', 'hidden']),
    /** For hidden clues: they can be found only while this holds; once found they are private. */
    when: Expression.optional(),
  })
  .strict();

const RawAct = z.object({ id: StoryId, title: LocalisedText, phases: z.array(RawPhase).min(1) }).strict();

export const RawScenario = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
    id: StoryId,
    title: LocalisedText,
    theme: LocalisedText,
    players: z.object({ min: z.number().int().min(1).max(20), max: z.number().int().min(1).max(20) }).strict(),
    /** Expected play time in minutes. */
    duration: z.object({ min: Minutes, max: Minutes }).strict(),
    background: LocalisedText,
    variables: z.record(VarName, Variable).default({}),
    roles: z.array(RawRole).min(1),
    clues: z.array(RawClue).default([]),
    acts: z.array(RawAct).min(1),
  })
  .strict();
export type RawScenario = z.infer<typeof RawScenario>;

/** A page after loading: its markdown text (zh-Hans, as written). */
export type PageText = string;

export type Phase =
  | (Exclude<RawPhase, { kind: 'ending' }> & { act: string })
  | (Omit<Extract<RawPhase, { kind: 'ending' }>, 'debrief'> & { act: string; debrief: PageText });
export type Role = Omit<z.infer<typeof RawRole>, 'pages'> & { pages: Record<string, PageText> };
export type Clue = z.infer<typeof RawClue>;
export type VotePhase = Extract<Phase, { kind: 'vote' }>;
export type ChoicePhase = Extract<Phase, { kind: 'choice' }>;
export type SearchPhase = Extract<Phase, { kind: 'search' }>;
export type DecisionOption = z.infer<typeof DecisionOption>;

/**
 * A validated scenario, ready to run: plain JSON (it travels inside a session's first event so a
 * saved session replays even after the pack changes).
 */
export interface Scenario {
  formatVersion: typeof SCENARIO_FORMAT_VERSION;
  id: string;
  title: LocalisedText;
  theme: LocalisedText;
  players: { min: number; max: number };
  duration: { min: number; max: number };
  background: LocalisedText;
  variables: Record<string, { initial: number | string | boolean; about?: LocalisedText | undefined }>;
  roles: Role[];
  clues: Clue[];
  acts: Array<{ id: string; title: LocalisedText; phases: Phase[] }>;
}

/** JSON Schema of scenario.yaml for editors (`# yaml-language-server: $schema=...`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RawScenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
