import { z } from 'zod';
import { LocalisedText } from '../text';

/**
 * The pack format: one zod schema per content kind. Every YAML file of a pack is parsed with
 * one of these; the JSON Schema in schemas/ is generated from them (scripts: main/cli/pack.ts
 * `redhall pack schema`), so curators get completion in their editor.
 */
export const PACK_FORMAT_VERSION = 1;

export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens')
  .describe('Identifier: lower-case letters, digits and hyphens / 标识：小写字母、数字和连字符');

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
export const SemVer = z.string().regex(SEMVER, 'a semantic version such as 1.0.0');

/** A path inside the pack, relative to its root, with forward slashes. */
export const AssetPath = z
  .string()
  .min(1)
  .describe('Path of a file inside the pack, relative to pack.yaml / 包内文件路径（相对于 pack.yaml）');

/** Pack-relative path of another YAML file of the pack. */
export const YamlPath = z.string().regex(/\.ya?ml$/, 'a .yaml file inside the pack');

/** Markdown text (sanitised when rendered; never executed). */
export const Markdown = LocalisedText.describe('Markdown text / Markdown 文本');

const Seconds = z.number().nonnegative();

export const PackSettings = z
  .object({
    /** Turn every text-lint warning into an error for this pack. */
    lintAsErrors: z.boolean().default(false),
    /** Whole-pack size budget in bytes (default 2 GiB). */
    maxPackBytes: z.number().int().positive().optional(),
  })
  .strict();

export const PackContents = z
  .object({
    exhibits: YamlPath.optional(),
    timelines: z.array(YamlPath).optional(),
    maps: z.array(YamlPath).optional(),
    cinema: YamlPath.optional(),
    oath: YamlPath.optional(),
    attract: YamlPath.optional(),
    reading: YamlPath.optional(),
    shows: z.array(YamlPath).optional(),
    quizzes: z.array(YamlPath).optional(),
    scenarios: z.array(YamlPath).optional(),
  })
  .strict();
export type PackContents = z.infer<typeof PackContents>;

export const PackManifest = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: SemVer,
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    minAppVersion: SemVer,
    title: LocalisedText,
    slogan: LocalisedText.optional(),
    description: LocalisedText.optional(),
    settings: PackSettings.optional(),
    contents: PackContents,
  })
  .strict();
export type PackManifest = z.infer<typeof PackManifest>;

// ---------------------------------------------------------------------------------------------
// Exhibits: modules → items.

export const EXHIBIT_KINDS = ['text', 'image', 'audio', 'video', 'model'] as const;
export type ExhibitKind = (typeof EXHIBIT_KINDS)[number];

export const ExhibitItem = z
  .object({
    id: Id,
    kind: z.enum(EXHIBIT_KINDS),
    title: LocalisedText,
    body: Markdown.optional(),
    src: AssetPath.optional(),
    poster: AssetPath.optional(),
    caption: LocalisedText.optional(),
    alt: LocalisedText.optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (item.kind === 'text' && item.body === undefined)
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'a text item needs a body' });
    if (item.kind !== 'text' && item.src === undefined)
      ctx.addIssue({ code: 'custom', path: ['src'], message: `a ${item.kind} item needs src` });
  });
export type ExhibitItem = z.infer<typeof ExhibitItem>;

export const ExhibitModule = z
  .object({
    id: Id,
    title: LocalisedText,
    subtitle: LocalisedText.optional(),
    summary: LocalisedText.optional(),
    cover: AssetPath.optional(),
    items: z.array(ExhibitItem),
  })
  .strict();
export type ExhibitModule = z.infer<typeof ExhibitModule>;

export const Exhibits = z.object({ $schema: z.string().optional(), modules: z.array(ExhibitModule).min(1) }).strict();
export type Exhibits = z.infer<typeof Exhibits>;

// ---------------------------------------------------------------------------------------------
// Timelines: a metro line of dated stations.

/** A date as precise as history knows it: 1921, 1921-07 or 1921-07-23. */
export const HistoryDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date such as 1921, 1921-07 or 1921-07-23');

export const Media = z
  .object({
    kind: z.enum(['image', 'audio', 'video', 'model']),
    src: AssetPath,
    caption: LocalisedText.optional(),
  })
  .strict();
export type Media = z.infer<typeof Media>;

export const Station = z
  .object({
    id: Id,
    date: HistoryDate,
    /** A later date for events that span time (a congress over weeks, a march over a year). */
    until: HistoryDate.optional(),
    title: LocalisedText,
    text: Markdown,
    place: LocalisedText.optional(),
    /** Interchange stations are drawn larger on the metro line. */
    interchange: z.boolean().optional(),
    media: z.array(Media).optional(),
  })
  .strict();
export type Station = z.infer<typeof Station>;

export const TimelineLine = z
  .object({
    id: Id,
    title: LocalisedText,
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #c8102e'),
    /** Stations of this line by id, in order. */
    stations: z.array(Id).min(1),
  })
  .strict();

export const Timeline = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalisedText,
    subtitle: LocalisedText.optional(),
    style: z.enum(['metro', 'list']).default('metro'),
    stations: z.array(Station).min(1),
    /** Metro lines (eras) grouping the stations; each station on at least one line. */
    lines: z.array(TimelineLine).optional(),
  })
  .strict();
export type Timeline = z.infer<typeof Timeline>;

// ---------------------------------------------------------------------------------------------
// Maps: a base image, points on it, walking routes through them.

export const MapPoint = z
  .object({
    id: Id,
    title: LocalisedText,
    text: Markdown.optional(),
    /** Position in the base image's pixel space. */
    x: z.number(),
    y: z.number(),
    kind: z.enum(['site', 'hall', 'entrance', 'service', 'rest']).default('site'),
    media: z.array(Media).optional(),
  })
  .strict();

export const MapRoute = z
  .object({
    id: Id,
    title: LocalisedText,
    text: Markdown.optional(),
    /** Point ids in walking order. */
    points: z.array(Id).min(2),
    minutes: z.number().int().positive().optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  })
  .strict();

export const ParkMap = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: LocalisedText,
    base: z.object({ src: AssetPath, width: z.number().positive(), height: z.number().positive() }).strict(),
    points: z.array(MapPoint).min(1),
    routes: z.array(MapRoute).default([]),
  })
  .strict();
export type ParkMap = z.infer<typeof ParkMap>;

// ---------------------------------------------------------------------------------------------
// Cinema: playlists and a day schedule.

export const Film = z
  .object({
    id: Id,
    title: LocalisedText,
    summary: LocalisedText.optional(),
    src: AssetPath,
    poster: AssetPath.optional(),
    subtitles: AssetPath.optional(),
  })
  .strict();

export const Playlist = z
  .object({ id: Id, title: LocalisedText, films: z.array(Id).min(1), loop: z.boolean().default(false) })
  .strict();

export const Screening = z
  .object({
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:30'),
    playlist: Id,
  })
  .strict();

export const Cinema = z
  .object({
    $schema: z.string().optional(),
    title: LocalisedText,
    films: z.array(Film).min(1),
    playlists: z.array(Playlist).min(1),
    schedule: z.array(Screening).default([]),
  })
  .strict();
export type Cinema = z.infer<typeof Cinema>;

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Reading bar: articles.

export const Article = z
  .object({
    id: Id,
    title: LocalisedText,
    author: LocalisedText.optional(),
    date: HistoryDate.optional(),
    cover: AssetPath.optional(),
    summary: LocalisedText.optional(),
    body: Markdown,
  })
  .strict();

export const Reading = z.object({ $schema: z.string().optional(), title: LocalisedText, articles: z.array(Article).min(1) }).strict();
export type Reading = z.infer<typeof Reading>;

// ---------------------------------------------------------------------------------------------
// Shows: cue timelines for the immersive walls (deepened by the immersive work).

export const Cue = z
  .object({
    at: Seconds,
    /** Surface role or wall name: 'wall', 'cave-left', 'ring', 'hologram', 'all'. */
    target: z.string().min(1),
    action: z.enum(['play', 'show', 'hide', 'stop', 'text', 'fade']),
    src: AssetPath.optional(),
    text: LocalisedText.optional(),
    seconds: Seconds.optional(),
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

// ---------------------------------------------------------------------------------------------

/** The schema for each kind of YAML file that pack.yaml lists (quizzes and scenarios check themselves). */
export const CONTENT_SCHEMAS = {
  manifest: PackManifest,
  exhibits: Exhibits,
  timeline: Timeline,
  map: ParkMap,
  cinema: Cinema,
  oath: Oath,
  attract: Attract,
  reading: Reading,
  show: Show,
} as const;
export type ContentKind = keyof typeof CONTENT_SCHEMAS;
