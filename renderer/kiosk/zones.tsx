import { use, type ComponentType, type ReactNode } from 'react';
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
 * A screen in its own chunk: fetched by `preload()` (the kiosk does it for every zone and the
 * module pages' items once it is idle after start) or at the latest when a visitor opens it. Once
 * the chunk is in, the screen renders at once, without suspending: no tap waits on a fetch and parse.
 */
export type Preloadable<P> = ComponentType<P> & { preload(): Promise<unknown>; loaded(): boolean };
export type ZoneScreen = Preloadable<ZoneProps>;

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let screen: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (s) => (screen = s),
      (err: unknown) => {
        // A failed fetch (the host went away) is tried again by the next open.
        loading = undefined;
        throw err;
      },
    ));
  function Screen(props: P) {
    const Loaded = screen ?? use(preload());
    // Not created in render: one component per screen, loaded once for the kiosk's life.
    // eslint-disable-next-line react-hooks/static-components
    return <Loaded {...props} />;
  }
  return Object.assign(Screen, { preload, loaded: () => screen !== undefined });
}

const zoneScreen = (load: () => Promise<ComponentType<ZoneProps>>): ZoneScreen => preloadable(load);

/**
 * One zone of the kiosk's home screen. Adding a zone is one entry in ZONES: its screen is its
 * own chunk (zoneScreen).
 */
export interface Zone {
  id: string;
  title: Record<Locale, string>;
  /** A line drawing on a 48×48 grid (stroked with the tile's text colour). */
  icon: ReactNode;
  /** Pack content the zone shows: the tile appears only when each of these is present and not empty. */
  needs: readonly HallField[];
  screen: ZoneScreen;
  /**
   * The zone draws its own language choice and runs its own idle countdown (the self-check,
   * whose language is picked before it starts and whose countdown also clears its answers).
   */
  ownFrame?: boolean;
}

const TimelineZone = zoneScreen(() => import('./timeline/TimelineZone').then((m) => m.TimelineZone));
const MapZone = zoneScreen(() => import('./map/MapZone').then((m) => m.MapZone));
const KioskQuizZone = zoneScreen(() => import('./QuizZone').then((m) => m.QuizZone));
const ReadingZone = zoneScreen(() => import('./reading/ReadingZone').then((m) => m.ReadingZone));
const OathZone = zoneScreen(() => import('./oath/OathZone').then((m) => m.OathZone));
const CinemaZone = zoneScreen(() => import('./cinema/CinemaZone').then((m) => m.CinemaZone));

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
    id: 'reading',
    title: { 'zh-Hans': '红色悦读', 'zh-Hant': '紅色悅讀', en: 'Reading bar' },
    icon: (
      <>
        <path d="M24 12c-5-4-12-4-18-2v28c6-2 13-2 18 2 5-4 12-4 18-2V10c-6-2-13-2-18 2z" />
        <path d="M24 12v28" />
      </>
    ),
    needs: ['reading'],
    screen: ReadingZone,
  },
  {
    id: 'oath',
    title: { 'zh-Hans': '入党宣誓', 'zh-Hant': '入黨宣誓', en: 'The oath' },
    icon: (
      <>
        <path d="M12 44V6" />
        <path d="M12 8c8-4 14 4 24 0v16c-10 4-16-4-24 0" />
        <path d="M30 44v-8l4-6 4 6v8" />
      </>
    ),
    needs: ['oath'],
    screen: OathZone,
  },
  {
    id: 'cinema',
    title: { 'zh-Hans': '红色影院', 'zh-Hant': '紅色影院', en: 'Red cinema' },
    icon: (
      <>
        <rect x="5" y="12" width="38" height="26" rx="3" />
        <path d="M20 19l10 6-10 6z" />
        <path d="M14 6l6 6M34 6l-6 6" />
      </>
    ),
    needs: ['cinema'],
    screen: CinemaZone,
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
