import { z } from 'zod';
import { oneCausePerKey, zodIssueFinding, type Finding } from './findings';
import { SurfaceRole, type SurfaceInfo } from './protocol/messages';
import { parseYamlSource, type YamlSource } from './yaml-source';
import { CaveConfig, caveProblem, DEFAULT_CAVE_WALLS, DEFAULT_EYE, placeSurfaces, RingConfig, SpanConfig, ViewerConfig } from './surface/placement';

/** A monitor as the shell found it. */
export interface Display {
  index: number;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  primary: boolean;
}

export const HallSurfaceConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are lower-case letters, digits and hyphens'),
    role: SurfaceRole,
    /** A display index (0 = first) or an output name such as DUMMY1 or HDMI-1. */
    display: z.union([z.number().int().nonnegative(), z.string().min(1)]),
    touch: z.boolean().optional(),
    /** One picture across several displays: surfaces of one group share a canvas (bezel: hidden px between displays). */
    span: SpanConfig.optional(),
    /** A segment of the 360° ring (role ring); by default ring surfaces in file order. */
    ring: RingConfig.optional(),
    /** A CAVE wall's corners (role cave), metres; by default the walls of a 4 m room in file order. */
    cave: CaveConfig.optional(),
    /** Touch or pointer on this wall reaches its scene (ripples, hotspots that open a story). */
    interactive: z.boolean().optional(),
    /** "You are here" on this surface's maps: the id of a point of the pack's map (a kiosk by the west gate: `here: west-gate`). */
    here: z.string().min(1).optional(),
  })
  .strict();

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like 09:30');
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const Weekday = z.enum(WEEKDAYS);
/** A DNS name (ASCII: letters, digits, hyphens, dots), as a Host header carries it. */
const HostName = z
  .string()
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'a host name such as redhall.lan (letters, digits, hyphens and dots)');
const Ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, 'an IPv4 address such as 192.168.1.20');

export const ProjectorConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'ids are lower-case letters, digits and hyphens'),
    name: z.string().max(60).optional(),
    /** The projector's address on the hall's network. */
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).optional(),
    /** Its PJLink password (PJLink allows up to 32 characters). */
    password: z.string().min(1).max(32).optional(),
  })
  .strict();

export const ControlConfig = z
  .object({
    osc: z
      .object({
        /** The UDP port OSC listens on (9000 is common in central-control systems). */
        port: z.number().int().min(1024).max(65535),
        /** loopback (default), lan (every interface) or one of this machine's IPv4 addresses. */
        bind: z.union([z.enum(['loopback', 'lan']), Ipv4]).optional(),
        /** Source addresses allowed to send commands; loopback always is. */
        allow: z.array(Ipv4).max(64).optional(),
        /** A shared key the sender passes as the first argument of every message. Required when bind is not loopback. */
        key: z.string().min(8).max(128).optional(),
      })
      .strict()
      .refine((o) => (o.bind ?? 'loopback') === 'loopback' || o.key !== undefined, { message: 'an OSC key (8+ characters) is required when OSC listens beyond loopback', path: ['key'] })
      .optional(),
  })
  .strict();

export const HoursConfig = z
  .object({
    open: Clock,
    close: Clock,
    /** Days the hall opens (default every day). */
    days: z.array(Weekday).min(1).optional(),
    /** Dates the hall stays closed (holidays, YYYY-MM-DD). */
    closed: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-10-01')).optional(),
    /** Whether opening and closing power the projectors on and off (default true). */
    projectors: z.boolean().optional(),
    /** Shows started at set times on open days (dayparting). */
    shows: z.array(z.object({ at: Clock, show: z.string().min(1).max(100), pack: z.string().max(100).optional(), days: z.array(Weekday).min(1).optional() }).strict()).max(200).optional(),
  })
  .strict()
  .refine((h) => h.open < h.close, { message: 'open must be before close (same day)', path: ['close'] });
export type HoursConfig = z.infer<typeof HoursConfig>;

/** hall.yaml: per machine, maps surfaces to displays. */
export const HallConfig = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    port: z.number().int().min(1024).max(65535).optional(),
    /** loopback (default) or lan, for phones and the docent remote. */
    listen: z.enum(['loopback', 'lan']).optional(),
    /**
     * With `listen: lan`, further names phones reach the hall by (a name the hall's router gives
     * this PC, e.g. `redhall.lan`). The host already knows its own name and addresses; a page
     * under any other name is refused (DNS rebinding).
     */
    hostNames: z.array(HostName).min(1).max(16).optional(),
    /** Seconds a kiosk waits untouched before it resets and forgets the visitor. */
    idleSeconds: z.number().int().min(10).max(3600).optional(),
    packs: z.array(z.string()).optional(),
    /** Script-kill tables: the DM console's PIN (digits); without it one is drawn at each start and logged. */
    tables: z.object({ dmPin: z.string().regex(/^[0-9]{4,12}$/, 'a PIN of 4 to 12 digits').optional() }).strict().optional(),
    surfaces: z.array(HallSurfaceConfig).min(1).optional(),
    /** The CAVE's viewer: eye point in metres (default: the room's middle, 1.6 m up). */
    viewer: ViewerConfig.optional(),
    /** Shows: `attract` names a show the walls loop while nobody starts another (the hall's attract). */
    shows: z.object({ attract: z.string().min(1).max(100).optional() }).strict().optional(),
    /** Projectors driven over PJLink (class 1): by the docent, the control API and opening hours. */
    projectors: z.array(ProjectorConfig).optional(),
    /** The control API (docs/control.md): OSC over UDP for the central-control system (中控). */
    control: ControlConfig.optional(),
    /** Opening hours: screens wake and projectors power on at opening, sleep and power off at closing; shows at set times. */
    hours: HoursConfig.optional(),
  })
  .strict();
export type HallConfig = z.infer<typeof HallConfig>;

export const DEFAULT_IDLE_SECONDS = 90;

function finding(file: string, line: number, column: number, zh: string, en: string, code: string): Finding {
  return { code, severity: 'error', file, line, column, message: { 'zh-Hans': zh, en } };
}

/** hall.yaml is a technician's file: its paths are named as dotted keys (`surfaces.0.role`). */
function dottedPath(path: ReadonlyArray<string | number>): { 'zh-Hans': string; en: string } {
  const dotted = path.length ? `hall.yaml 中的 ${path.join('.')}` : 'hall.yaml';
  return { 'zh-Hans': dotted, en: path.length ? `${path.join('.')} in hall.yaml` : 'hall.yaml' };
}

/**
 * Reads hall.yaml text. Never throws: a broken config gives findings and an empty config, so
 * the hall can still come up on defaults with a visible warning.
 */
export function parseHallConfig(text: string, file: string): { config: HallConfig; findings: Finding[]; locate?: YamlSource['locate'] } {
  const src = parseYamlSource(text, file);
  if (src.syntaxFindings.length > 0) return { config: {}, findings: src.syntaxFindings };
  const value = src.value ?? {};
  const r = HallConfig.safeParse(value);
  if (r.success) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    (r.data.surfaces ?? []).forEach((s, i) => {
      if (seen.has(s.id)) {
        const at = src.locate(['surfaces', i, 'id']);
        findings.push(finding(file, at.line, at.column, `界面 id“${s.id}”重复了，每个界面需要唯一的 id。`, `Surface id "${s.id}" is used twice; each surface needs its own id.`, 'hall.duplicate-id'));
      }
      seen.add(s.id);
    });
    const eye = r.data.viewer?.eye ?? DEFAULT_EYE;
    (r.data.surfaces ?? []).filter((s) => s.role === 'cave').forEach((s, i) => {
      const problem = caveProblem(s.cave ?? DEFAULT_CAVE_WALLS[i % DEFAULT_CAVE_WALLS.length]!, eye);
      if (!problem) return;
      const at = src.locate(['surfaces', (r.data.surfaces ?? []).indexOf(s), 'cave']);
      findings.push(finding(file, at.line, at.column, `CAVE 墙“${s.id}”在观看者（viewer.eye）背后或与之同面：请按从房间里看的顺序写角点（左下、右下、左上）。`, `CAVE wall "${s.id}" is behind or level with the viewer (viewer.eye): give its corners as seen from inside the room (lower-left, lower-right, upper-left).`, 'hall.cave-wall'));
    });
    if (r.data.hostNames && (r.data.listen ?? 'loopback') !== 'lan') {
      const at = src.locate(['hostNames']);
      findings.push({
        ...finding(file, at.line, at.column, 'hostNames 只在 listen: lan 时生效：主机现在只接受本机的访问，这些名字用不上。', 'hostNames apply only with listen: lan: the host now takes connections from this machine only, so these names are not used.', 'hall.host-names-unused'),
        severity: 'warning',
      });
    }
    // Errors leave the hall on its defaults; warnings keep the file's settings.
    return findings.some((f) => f.severity === 'error') ? { config: {}, findings } : { config: r.data, findings, locate: src.locate };
  }
  const findings = oneCausePerKey(r.error.issues, src.value, HallConfig).map((issue) => zodIssueFinding(issue, src, 'hall.schema', { schema: HallConfig, where: dottedPath }));
  return { config: {}, findings };
}

export interface PlannedSurface extends SurfaceInfo {
  displayIndex: number;
}

/**
 * Places surfaces on displays. Without configured surfaces: the first display is the kiosk
 * and every other display a wall. A surface whose display is missing is reported and left out.
 */
export function planSurfaces(config: HallConfig, displays: readonly Display[], file = 'hall.yaml'): { surfaces: PlannedSurface[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const place = (d: Display, id: string, role: SurfaceRole, touch: boolean, here?: string): PlannedSurface => ({
    id,
    role,
    touch,
    ...(here === undefined ? {} : { here }),
    displayName: d.name,
    displayIndex: d.index,
    bounds: { x: d.x, y: d.y, width: d.width, height: d.height },
  });
  if (!config.surfaces) {
    const surfaces = displays.map((d, i) => (i === 0 ? place(d, 'kiosk', 'kiosk', true) : place(d, `wall-${i}`, 'wall', false)));
    return { surfaces, findings };
  }
  const surfaces: PlannedSurface[] = [];
  for (const s of config.surfaces) {
    const d = typeof s.display === 'number' ? displays[s.display] : displays.find((x) => x.name === s.display);
    if (!d) {
      const names = displays.map((x) => `${x.index}:${x.name}`).join(', ');
      findings.push({
        code: 'hall.no-display',
        severity: 'warning',
        file,
        line: 1,
        column: 1,
        message: {
          'zh-Hans': `界面“${s.id}”要放在显示器 ${String(s.display)} 上，但没有找到这台显示器（现有：${names}）。`,
          en: `Surface "${s.id}" wants display ${String(s.display)}, which was not found (present: ${names}).`,
        },
      });
      continue;
    }
    surfaces.push(place(d, s.id, s.role, s.touch ?? (s.role === 'kiosk' || s.interactive === true), s.here));
  }
  const byId = new Map(config.surfaces.map((s) => [s.id, s]));
  const placements = placeSurfaces(surfaces.map((p) => ({ ...byId.get(p.id), id: p.id, role: p.role, bounds: p.bounds })), config.viewer?.eye);
  for (const p of surfaces) {
    const placement = placements.get(p.id);
    if (placement) p.placement = placement;
  }
  return { surfaces, findings };
}

/**
 * Each surface's "you are here" must name a point of one of the shown pack's maps: a finding
 * placed at `surfaces.N.here` in hall.yaml for each that does not (the map then shows no marker).
 */
export function herePointFindings(
  config: HallConfig,
  maps: ReadonlyArray<{ id: string; points: ReadonlyArray<{ id: string }> }>,
  locate: YamlSource['locate'] | undefined,
  file: string,
): Finding[] {
  const known = new Set(maps.flatMap((m) => m.points.map((p) => p.id)));
  const findings: Finding[] = [];
  (config.surfaces ?? []).forEach((s, i) => {
    if (s.here === undefined || known.has(s.here)) return;
    const at = locate?.(['surfaces', i, 'here']) ?? { line: 1, column: 1 };
    const list = [...known].slice(0, 12).join(', ') || '—';
    findings.push({
      ...finding(
        file,
        at.line,
        at.column,
        `界面“${s.id}”的 here（您在这里）写的是“${s.here}”，但展厅内容的地图上没有这个点位（现有：${list}）。`,
        `Surface "${s.id}" has here: "${s.here}", which is no point on the hall's maps (present: ${list}).`,
        'hall.unknown-here',
      ),
      severity: 'warning',
    });
  });
  return findings;
}
