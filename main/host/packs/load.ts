import type { Finding } from '../../../core/findings';
import { formatFinding } from '../../../core/findings';
import { validatePack, type PackContent, type ValidateOptions } from '../../../core/pack/validate';
import { deriveHant } from '../../../core/pack/hant';
import type { Probe } from '../../../core/pack/probe';
import type { PackManifest, Exhibits } from '../../../core/pack/schema';
import { APP_VERSION } from '../../version';
import { bundledFontCoverage, readPackSource } from './read';
import type { OnProgress } from './progress';
import type { PackStore } from './store';
import { deepAssetFindings } from './decode';
import { FILES_AT_ONCE, mapLimited } from './parallel';
import { readChecked, validatorStamp, writeChecked } from './checked';
import { join } from 'node:path';

/** What the validator read from one media file: format, pixel size, duration in seconds. */
export type AssetInfo = Omit<Probe, 'problem'> & { size: number };

/** A pack read from a folder, validated, with zh-Hant filled in: ready to serve. */
export interface LoadedPack {
  dir: string;
  manifest: PackManifest;
  exhibits: Exhibits | undefined;
  /** Every content kind of the pack. */
  content: PackContent;
  /** Media files by pack-relative path (image sizes, audio and video durations). */
  assets: Record<string, AssetInfo>;
  /** Warnings and notes (a loaded pack has no errors). */
  findings: Finding[];
}

/** Reads and validates a pack folder: every finding, the content when nothing is an error, and what the probes read. */
export async function checkPackDir(
  dir: string,
  opts: Partial<ValidateOptions> = {},
  onProgress?: OnProgress,
): Promise<{ findings: Finding[]; content: PackContent | undefined; assets: Record<string, AssetInfo> }> {
  const { source, findings: fsFindings } = await readPackSource(dir, onProgress);
  const r = validatePack(source, { appVersion: APP_VERSION, font: bundledFontCoverage(), ...opts });
  const findings = [...fsFindings, ...r.findings];
  // Headers are read in core; whole-image decoding and codecs need more of the file, so they are read here.
  // Many files at once, their findings in the probes' order.
  const deep = await mapLimited([...r.probes], FILES_AT_ONCE, ([path, probe]) => deepAssetFindings(join(dir, ...path.split('/')), path, probe, source.assets.get(path)));
  for (const list of deep) findings.push(...list);
  const assets: Record<string, AssetInfo> = {};
  for (const [path, probe] of r.probes) {
    const { problem: _problem, ...info } = probe;
    assets[path] = { ...info, size: source.assets.get(path)?.size ?? 0 };
  }
  return { findings, content: findings.some((f) => f.severity === 'error') ? undefined : r.content, assets };
}

/** Reads a pack folder. Throws with a readable message (every error, placed) when it is not a valid pack. */
export async function loadPackDir(dir: string): Promise<LoadedPack> {
  return loadedPack(dir, await checkPackDir(dir));
}

/** A pack ready to serve from what checking its folder found. Throws with a readable message (every error, placed) when it is not a valid pack. */
export function loadedPack(dir: string, { findings, content, assets }: Awaited<ReturnType<typeof checkPackDir>>): LoadedPack {
  if (!content) {
    const errors = findings.filter((f) => f.severity === 'error');
    throw Object.assign(new Error(`Invalid pack ${dir}:\n${errors.map(formatFinding).join('\n')}`), { findings });
  }
  const localised = deriveHant(content);
  return { dir, manifest: localised.manifest, exhibits: localised.exhibits, content: localised, assets, findings };
}

/**
 * Loads the active version of an installed pack (for the host, on start and on each 'activated'
 * event). Its validation record (./checked.ts) stands in for validating it again while the files
 * and the validator are the ones it was made with; otherwise the version is validated in full
 * and the record written anew.
 */
export async function loadActivePack(store: PackStore, id: string, opts: { stamp?: string | undefined } = {}): Promise<LoadedPack | undefined> {
  const active = await store.active(id);
  if (!active) return undefined;
  const stamp = 'stamp' in opts ? opts.stamp : validatorStamp();
  const trusted = await readChecked(store, id, active.version, stamp);
  if (trusted) return { dir: active.dir, ...trusted };
  const pack = await loadPackDir(active.dir);
  await writeChecked(store, pack, stamp);
  return pack;
}
