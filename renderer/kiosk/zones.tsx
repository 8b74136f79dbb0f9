import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Locale } from '../../core/text';
import type { HallContent } from '../../core/protocol/messages';

/** What every zone screen is given by the kiosk frame. */
export interface ZoneProps {
  hall: HallContent;
  locale: Locale;
  /** The kiosk's idle reset, seconds (a zone with its own countdown uses it). */
  idleSeconds: number;
  /** Where to open inside the zone: a timeline station, a map route (the zone reads it). */
  at?: string | undefined;
  /** Back to the home screen, keeping the visit (language, access settings). */
  onHome: () => void;
  /** Opens another zone, optionally at a place in it (a module page links to a timeline station). */
  open: (zone: string, at?: string) => void;
  /** Ends the visit at once, as the idle reset does (a zone with its own countdown calls it). */
  onExit: () => void;
}

/** Fields of what the surfaces receive (HallContent) that a zone can need. */
export type HallField = Exclude<keyof HallContent, 'packId' | 'packVersion' | 'title' | 'slogan'>;

/**
 * One zone of the kiosk's home screen. Adding a zone is one entry in ZONES: its screen is its
 * own chunk, fetched when a visitor opens it.
 */
export interface Zone {
  id: string;
  title: Record<Locale, string>;
  /** A line drawing on a 48×48 grid (stroked with the tile's text colour). */
  icon: ReactNode;
  /** Pack content the zone shows: the tile appears only when each of these is present and not empty. */
  needs: readonly HallField[];
  screen: LazyExoticComponent<ComponentType<ZoneProps>>;
  /**
   * The zone draws its own language choice and runs its own idle countdown (the self-check,
   * whose language is picked before it starts and whose countdown also clears its answers).
   */
  ownFrame?: boolean;
}

const TimelineZone = lazy(() => import('./timeline/TimelineZone').then((m) => ({ default: m.TimelineZone })));
const MapZone = lazy(() => import('./map/MapZone').then((m) => ({ default: m.MapZone })));
const KioskQuizZone = lazy(() => import('./QuizZone').then((m) => ({ default: m.QuizZone })));

/** The kiosk's zones, in the order the home screen shows them. */
export const ZONES: readonly Zone[] = [
  {
    id: 'timeline',
    title: { 'zh-Hans': '百年征程', 'zh-Hant': '百年征程', en: 'A century' },
    icon: (
      <>
        <path d="M4 24h40" />
        <circle cx="10" cy="24" r="4" />
        <circle cx="24" cy="24" r="6" />
        <circle cx="38" cy="24" r="4" />
        <path d="M24 10v8M24 30v8" />
      </>
    ),
    needs: ['timelines'],
    screen: TimelineZone,
  },
  {
    id: 'map',
    title: { 'zh-Hans': '园区地图', 'zh-Hant': '園區地圖', en: 'Park map' },
    icon: (
      <>
        <path d="M6 12l11-4 14 4 11-4v28l-11 4-14-4-11 4z" />
        <path d="M17 8v28M31 12v28" />
      </>
    ),
    needs: ['maps'],
    screen: MapZone,
  },
  {
    id: 'quiz',
    title: { 'zh-Hans': '党性体检', 'zh-Hant': '黨性體檢', en: 'Party-spirit self-check' },
    icon: (
      <>
        <path d="M14 8h20v6H14z" />
        <path d="M10 12h-0a2 2 0 0 0-2 2v28a2 2 0 0 0 2 2h28a2 2 0 0 0 2-2V14a2 2 0 0 0-2-2" />
        <path d="M15 26l5 5 12-12" />
      </>
    ),
    needs: [],
    screen: KioskQuizZone,
    ownFrame: true,
  },
];

/** True when the hall holds what a zone needs. */
export function zoneAvailable(zone: Zone, hall: HallContent): boolean {
  return zone.needs.every((field) => {
    const value = hall[field];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
  });
}

/** The zones a hall can show, in home-screen order. */
export function zonesFor(hall: HallContent, zones: readonly Zone[] = ZONES): Zone[] {
  return zones.filter((z) => zoneAvailable(z, hall));
}

/** A zone's icon, sized by CSS. */
export function ZoneIcon({ zone }: { zone: Zone }) {
  return (
    <svg className="zone-icon" viewBox="0 0 48 48" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {zone.icon}
    </svg>
  );
}
