import { lazy, type ComponentType } from 'react';
import type { SurfaceRole } from '../core/protocol/messages';

/** A screen's code, fetched when a page of its role opens: each surface is its own bundle chunk. */
export type ScreenLoader = () => Promise<{ default: ComponentType }>;

/** Every route the shell opens this page at: the hall's surface roles (the fault screen is the shared assets/screens/fault.html). */
export type SurfaceName = SurfaceRole;

const wall: ScreenLoader = () => import('./wall/Wall').then((m) => ({ default: m.Wall }));
const notYet: ScreenLoader = () => import('./common/NotYet').then((m) => ({ default: m.NotYet }));

/**
 * Surface role → its screen. A role of core/protocol without an entry here is a type error; a
 * page opened at a role that is not here shows the bilingual "unknown surface" screen. The
 * phone, the DM console on a tablet and a table's shared screen have pages of their own
 * (/phone/, /dm/, /table/: vite.config.ts).
 */
export const SURFACES = {
  kiosk: () => import('./kiosk/Kiosk').then((m) => ({ default: m.Kiosk })),
  wall,
  // The immersive room: each placed by hall.yaml (core/surface/placement.ts).
  cave: () => import('./cave/Cave').then((m) => ({ default: m.Cave })),
  ring: () => import('./ring/Ring').then((m) => ({ default: m.Ring })),
  hologram: () => import('./hologram/Hologram').then((m) => ({ default: m.Hologram })),
  // The metro timeline wall: the pack's century as a red line (a station opens by touch, kiosk or docent).
  metro: () => import('./metro/Metro').then((m) => ({ default: m.Metro })),
  // The red cinema: the programme board, and the films the host's cinema run starts (main/host/cinema).
  cinema: () => import('./cinema/CinemaSurface').then((m) => ({ default: m.CinemaSurface })),
  // A screen given the role `dm` in hall.yaml (e.g. the kiosk at a table without phones).
  dm: () => import('./dm/DmSurface').then((m) => ({ default: m.DmSurface })),
  // Phones use /phone/; a monitor given this role says so rather than pretending.
  phone: notYet,
  // A tablet given the role `docent` in hall.yaml shows the docent remote (also at /docent/).
  docent: () => import('./docent/Docent').then((m) => ({ default: m.Docent })),
  // A monitor given the admin role opens the console's own page (/admin/).
  admin: () => import('./admin/OnSurface').then((m) => ({ default: m.AdminOnSurface })),
} as const satisfies Record<SurfaceName, ScreenLoader>;

/** The roles this page can show, for the unknown-surface screen to list. */
export const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];

/** True when `role` names a surface of this page. */
export function isSurfaceName(role: string): role is SurfaceName {
  return Object.hasOwn(SURFACES, role);
}

const screens = new Map<ScreenLoader, ComponentType>();

/**
 * The lazily loaded screen for a role (one component per loader, so roles sharing a screen share
 * its chunk), or undefined for a role no surface has.
 */
export function screenFor(role: string): ComponentType | undefined {
  if (!isSurfaceName(role)) return undefined;
  const load: ScreenLoader = SURFACES[role];
  let screen = screens.get(load);
  if (!screen) screens.set(load, (screen = lazy(load)));
  return screen;
}
