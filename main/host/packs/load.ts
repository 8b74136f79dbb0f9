import type { Finding } from '../../../core/findings';
import { formatFinding } from '../../../core/findings';
import { validatePack, type PackContent, type ValidateOptions } from '../../../core/pack/validate';
import { deriveHant } from '../../../core/pack/hant';
import type { PackManifest, Exhibits } from '../../../core/pack/schema';
import { APP_VERSION } from '../../version';
import { bundledFontCoverage, readPackSource } from './read';
import type { OnProgress } from './install';

/** A pack read from a folder, validated, with zh-Hant filled in: ready to serve. */
export interface LoadedPack {
  dir: string;
  manifest: PackManifest;
  exhibits: Exhibits | undefined;
  /** Every content kind of the pack. */
  content: PackContent;
  /** Warnings and notes (a loaded pack has no errors). */
  findings: Finding[];
}

/** Reads and validates a pack folder: every finding, and the content when nothing is an error. */
export async function checkPackDir(dir: string, opts: Partial<ValidateOptions> = {}, onProgress?: OnProgress): Promise<{ findings: Finding[]; content: PackContent | undefined }> {
  const { source, findings: fsFindings } = await readPackSource(dir, onProgress);
  const r = validatePack(source, { appVersion: APP_VERSION, font: bundledFontCoverage(), ...opts });
  const findings = [...fsFindings, ...r.findings];
  return { findings, content: fsFindings.some((f) => f.severity === 'error') ? undefined : r.content };
}

/** Reads a pack folder. Throws with a readable message (every error, placed) when it is not a valid pack. */
export async function loadPackDir(dir: string): Promise<LoadedPack> {
  const { findings, content } = await checkPackDir(dir);
  if (!content) {
    const errors = findings.filter((f) => f.severity === 'error');
    throw Object.assign(new Error(`Invalid pack ${dir}:\n${errors.map(formatFinding).join('\n')}`), { findings });
  }
  const localised = deriveHant(content);
  return { dir, manifest: localised.manifest, exhibits: localised.exhibits, content: localised, findings };
}
