import { z } from 'zod';
import { formatHint } from '../findings';
import { LocalisedText } from '../text';

/**
 * Field schemas that every content kind shares (ids, versions, paths, dates, media). Each kind's
 * own schema lives in core/pack/kinds/<kind>.ts; the JSON Schema in schemas/ is generated from
 * them (`redhall pack schema`), so curators get completion in their editor.
 */
export const PACK_FORMAT_VERSION = 1;

export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, formatHint({ 'zh-Hans': '小写英文字母、数字和连字符（如 founding-1921）', en: 'lower-case letters, digits and hyphens (like founding-1921)' }))
  .describe('Identifier: lower-case letters, digits and hyphens / 标识：小写字母、数字和连字符');

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
export const SemVer = z.string().regex(SEMVER, formatHint({ 'zh-Hans': '三段式版本号，如 1.0.0', en: 'a version in three parts, like 1.0.0' }));

/** A path inside the pack, relative to its root, with forward slashes. */
export const AssetPath = z
  .string()
  .min(1)
  .describe('Path of a file inside the pack, relative to pack.yaml / 包内文件路径（相对于 pack.yaml）');

/** Pack-relative path of another YAML file of the pack. */
export const YamlPath = z.string().regex(/\.ya?ml$/, formatHint({ 'zh-Hans': '包内的 .yaml 文件路径', en: 'the path of a .yaml file inside the pack' }));

/** Markdown text (sanitised when rendered; never executed). */
export const Markdown = LocalisedText.describe('Markdown text / Markdown 文本');

export const Seconds = z.number().nonnegative();

/** A date as precise as history knows it: 1921, 1921-07 or 1921-07-23. */
export const HistoryDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, formatHint({ 'zh-Hans': '日期，如 1921、1921-07 或 1921-07-23', en: 'a date like 1921, 1921-07 or 1921-07-23' }));

export const Media = z
  .object({
    kind: z.enum(['image', 'audio', 'video', 'model']),
    src: AssetPath,
    caption: LocalisedText.optional(),
  })
  .strict();
export type Media = z.infer<typeof Media>;
