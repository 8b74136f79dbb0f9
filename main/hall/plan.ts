import { readFileSync } from 'node:fs';
import { parseHallConfig, planSurfaces, type HallConfig, type PlannedSurface } from '../../core/hall';
import { formatFinding, type Finding } from '../../core/findings';
import type { YamlSource } from '../../core/yaml-source';
import type { Shell } from '../shell/types';

function readHallConfig(file: string | undefined): ReturnType<typeof parseHallConfig> {
  if (!file) return { config: {}, findings: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      config: {},
      findings: [{ code: 'hall.unreadable', severity: 'error', file, line: 1, column: 1, message: { 'zh-Hans': `无法读取展厅配置文件：${(err as Error).message}`, en: `Cannot read the hall config: ${(err as Error).message}` } }],
    };
  }
  return parseHallConfig(text, file);
}

/**
 * The hall's config (or defaults, with a visible warning when it is broken) and its surfaces
 * placed on the displays the shell reports; when none can be placed, the default plan.
 */
export async function planHall(
  shell: Shell,
  hallFile: string | undefined,
  log: (line: string) => void,
): Promise<{ config: HallConfig; surfaces: PlannedSurface[]; findings: Finding[]; locate: YamlSource['locate'] | undefined }> {
  const { config, findings: configFindings, locate } = readHallConfig(hallFile);
  for (const f of configFindings) log(`hall config: ${formatFinding(f)}`);
  if (configFindings.some((f) => f.severity === 'error')) log('hall config is broken: starting on defaults (first display kiosk, others walls)');

  const { displays, source } = await shell.displays();
  log(`displays (${source}): ${displays.map((d) => `${d.index}:${d.name} ${d.width}x${d.height}+${d.x}+${d.y}`).join(', ')}`);
  const plan = planSurfaces(config, displays, hallFile);
  for (const f of plan.findings) log(`hall config: ${formatFinding(f)}`);
  let surfaces = plan.surfaces;
  if (surfaces.length === 0) {
    log('no surface could be placed: falling back to defaults');
    surfaces = planSurfaces({}, displays).surfaces;
  }
  return { config, surfaces, findings: [...configFindings, ...plan.findings], locate };
}
