// Page helpers for the script-kill screens (phone, DM console, shared screen, pass-and-play):
// viewport sizes, a browser with the flags from TESTING.md, the stand-alone harness build
// (renderer/table/harness, the engine in the page), and small page objects for taps.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { ROOT } from './hall-harness';
import { checkScenario } from '../core/story/analyse';
import type { Scenario } from '../core/story/schema';
import { HallAuth } from '../main/host/auth/hall-auth';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(ROOT, '.data', 'e2e-shots');

/** The sizes each screen is made for. */
export const SIZES = {
  phone: { width: 390, height: 844 },
  tablet: { width: 1280, height: 800 },
  wall: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
}

/** A phone-sized touch context (TESTING.md: isMobile + hasTouch per phone). */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: SIZES.phone, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
}

export function screenContext(browser: Browser, size: keyof typeof SIZES): Promise<BrowserContext> {
  return browser.newContext({ viewport: SIZES[size], hasTouch: true, deviceScaleFactor: 1 });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.svg': 'image/svg+xml' };

/** Builds renderer/table/harness into a temporary folder and serves it on loopback. */
export async function startTableHarness(): Promise<{ base: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'redhall-table-harness-'));
  await build({
    configFile: false,
    root: join(ROOT, 'renderer/table/harness'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 4000 },
  });
  const media = join(ROOT, 'content/demo-hall');
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // Scenario media as the host serves pack files: /packs/demo-hall/<path>.
    const packPath = url.startsWith('/packs/demo-hall/') ? join(media, url.slice('/packs/demo-hall/'.length)) : undefined;
    const path = packPath ?? join(dir, url);
    const root = packPath ? media : dir;
    const file = path.startsWith(root) && existsSync(path) && statSync(path).isFile() ? path : join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  return {
    base,
    close: async () => {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under .data/e2e-shots. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A phone page object: the taps a player makes. */
export class PhonePage {
  constructor(readonly page: Page) {}
  get root() {
    return this.page.getByTestId('phone');
  }
  async joinWithCode(code: string): Promise<void> {
    await this.page.locator('.ph-join input[name=code]').fill(code);
    await this.page.locator('.ph-join button[type=submit]').tap();
  }
  async pickRole(role: string): Promise<void> {
    await this.page.locator(`.ph-role[data-role="${role}"]`).tap();
  }
  async tab(tab: 'now' | 'script' | 'clues' | 'role'): Promise<void> {
    await this.page.locator(`.ph-tabs button[data-tab="${tab}"]`).tap();
  }
  async search(location: string): Promise<void> {
    await this.page.locator(`.ph-spot[data-location="${location}"]`).tap();
  }
  async vote(option: string): Promise<void> {
    await this.page.locator(`[data-testid=phone-vote] .ph-option[data-option="${option}"]`).tap();
  }
  async choose(option: string): Promise<void> {
    await this.page.locator(`[data-testid=phone-choice] .ph-option[data-option="${option}"]`).tap();
  }
  async ack(): Promise<void> {
    await this.page.locator('[data-action=ack]').tap();
  }
  async share(clue: string): Promise<void> {
    await this.page.locator(`.clue-card[data-clue="${clue}"] [data-action=share]`).first().tap();
  }
  /** The phase id the phone shows. */
  async phase(): Promise<string | null> {
    return this.page.locator('.ph-main').getAttribute('data-phase');
  }
}

/** A DM console page object (/dm/). */
export class DmPage {
  constructor(readonly page: Page) {}
  get console() {
    return this.page.getByTestId('dm-console');
  }
  async signIn(pin: string): Promise<void> {
    await this.page.locator('input[name=pin]').fill(pin);
    await this.page.locator('.dm-pin button[type=submit]').click();
    await this.page.getByTestId('dm-lobby').waitFor();
  }
  /** Opens a table of the first (or given) scenario; returns its join code. */
  async openTable(opts: { scenario?: string; size?: number; pick?: 'player' | 'dm' } = {}): Promise<string> {
    if (opts.scenario) await this.page.locator(`.dm-scenario[data-scenario="${opts.scenario}"]`).click();
    if (opts.size) await this.page.locator(`.dm-seg button[data-size="${opts.size}"]`).click();
    if (opts.pick) await this.page.locator(`.dm-seg button[data-pick="${opts.pick}"]`).click();
    await this.page.locator('[data-action=open-table]').click();
    await this.console.waitFor();
    return ((await this.page.locator('.dm-code-big').first().textContent()) ?? '').trim();
  }
  async phase(): Promise<string> {
    return (await this.console.getAttribute('data-phase')) ?? '';
  }
  async version(): Promise<string> {
    return (await this.console.getAttribute('data-version')) ?? '';
  }
  /** Taps a DM button and waits for the story version to move. */
  async act(action: string, option?: string): Promise<void> {
    const before = await this.version();
    await this.page.locator(`[data-action="${action}"]${option ? `[data-option="${option}"]` : ''}`).first().click();
    await this.page.waitForFunction((old) => document.querySelector('[data-testid=dm-console]')?.getAttribute('data-version') !== old, before);
  }
  async start(): Promise<void> {
    await this.page.locator('[data-action=start]').click();
    await this.page.getByTestId('dm-phase').waitFor();
  }
  /** Advances phase by phase until the console shows `phase` (at most `max` steps). */
  async advanceTo(phase: string, max = 12): Promise<void> {
    for (let i = 0; i < max && (await this.phase()) !== phase; i++) await this.act('advance');
    if ((await this.phase()) !== phase) throw new Error(`DM console did not reach ${phase}; it shows ${await this.phase()}`);
  }
}

/** A table's shared screen (/table/#/screen?code=…). */
export class ScreenPage {
  constructor(readonly page: Page) {}
  get root() {
    return this.page.getByTestId('table-screen');
  }
  async phase(): Promise<string | null> {
    return this.root.getAttribute('data-phase');
  }
}

/** Waits until every phone shows `phase`. */
export async function phonesAt(phones: readonly PhonePage[], phase: string, timeout = 10_000): Promise<void> {
  await Promise.all(phones.map((p) => p.page.locator(`.ph-main[data-phase="${phase}"]`).waitFor({ timeout })));
}

/** Each phone in turn searches wherever it still can, until its points or the places run out; returns the clue ids found. */
export async function searchAll(phones: readonly PhonePage[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of phones) {
    for (let i = 0; i < 6; i++) {
      const spot = p.page.locator('[data-testid=phone-search] .ph-spot:not([disabled])').first();
      if ((await spot.count()) === 0) break;
      const version = await p.page.locator('.ph-main').getAttribute('data-version');
      await spot.tap();
      await p.page.waitForFunction((v) => document.querySelector('.ph-main')?.getAttribute('data-version') !== v, version);
      const clue = await p.page.locator('[data-testid=phone-found] .clue-card').getAttribute('data-clue');
      if (clue) found.push(clue);
    }
  }
  return found;
}

/** The demo scenario from its opening to an ending, driven by the DM console and the phones (seats in role order). */
export async function playDemoToEnding(dm: DmPage, phones: readonly PhonePage[], hooks: { midSearch?: () => Promise<void>; midVote?: () => Promise<void>; afterVote?: () => Promise<void> } = {}): Promise<void> {
  const voteAll = async (option: string) => {
    for (const p of phones) await p.vote(option);
  };
  await dm.advanceTo('act1-read');
  await phonesAt(phones, 'act1-read');
  await dm.advanceTo('act1-search');
  await phonesAt(phones, 'act1-search');
  await searchAll(phones.slice(0, 3));
  await hooks.midSearch?.();
  await searchAll(phones.slice(3));
  await dm.advanceTo('act1-vote');
  await phonesAt(phones, 'act1-vote');
  await hooks.midVote?.();
  await voteAll('supplies');
  await dm.page.locator('[data-testid=dm-console][data-phase="act2-open-supplies"]').waitFor();
  await hooks.afterVote?.();
  await dm.advanceTo('act2-search');
  await phonesAt(phones, 'act2-search');
  await searchAll(phones);
  await dm.advanceTo('act2-accuse');
  await phonesAt(phones, 'act2-accuse');
  await voteAll('tang');
  await dm.page.locator('[data-testid=dm-console][data-phase="act3-open"]').waitFor();
  await dm.advanceTo('act3-vote');
  await phonesAt(phones, 'act3-vote');
  await voteAll('bank');
  await phonesAt(phones, 'end-dawn');
}

/**
 * Records every WebSocket frame a page receives (CDP Network.webSocketFrameReceived), for the
 * secrets-on-the-wire check: call before the page opens its socket; read `.frames` any time.
 */
export async function recordFrames(page: Page): Promise<{ frames: string[] }> {
  const rec = { frames: [] as string[] };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => rec.frames.push(e.response.payloadData));
  return rec;
}

/** The CSP the hall's host sends with every page (main/host/server.ts), so the pages are tried under it. */
const HOST_CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "media-src 'self' blob:", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

/** Why the pages cannot be tried here, or undefined when they can. */
export function missingForPages(): string | undefined {
  if (!existsSync(CHROMIUM)) return 'system Chromium is missing (scripts/system-deps.sh test)';
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'phone', 'index.html'))) return 'the renderer is not built (npm run build)';
  return undefined;
}

/**
 * The tables plugin on loopback with the built pages (dist/renderer) and the demo pack's
 * scenarios and media, under the host's CSP: what a phone, the DM console and a wall talk to.
 */
export async function startPagesHost(dataDir: string, pin: string): Promise<{ base: string; port: number; lines: string[]; close: () => Promise<void> }> {
  const [{ default: Fastify }, { default: fastifyWebsocket }, { default: fastifyStatic }, { tablesPlugin }, { scenarioSources }, { Tables }] = await Promise.all([
    import('fastify'),
    import('@fastify/websocket'),
    import('@fastify/static'),
    import('../main/host/tables/plugin'),
    import('../main/host/tables/scenarios'),
    import('../main/host/tables/tables'),
  ]);
  const pack = join(ROOT, 'content', 'demo-hall');
  const lines: string[] = [];
  const log = (l: string) => lines.push(l);
  let port = 0;
  const tables = new Tables({ dataDir, scenarios: scenarioSources(() => [{ id: 'demo-hall', version: 'source', dir: pack }], log), origin: () => `http://127.0.0.1:${port}`, now: () => Date.now(), log });
  tables.loadAll();
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', HOST_CSP);
    return payload;
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1_000_000 } });
  await app.register(fastifyStatic, { root: join(ROOT, 'dist', 'renderer'), prefix: '/' });
  await app.register(fastifyStatic, { root: pack, prefix: '/packs/demo-hall/', decorateReply: false });
  const auth = await HallAuth.withPins({ dm: pin });
  await app.register(tablesPlugin, { tables, checkPin: (p, address) => auth.checkPin('dm', p, address), now: () => Date.now(), log });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  return { base: `http://127.0.0.1:${port}`, port, lines, close: () => app.close() };
}

/** The demo hall's scenario, read from content/ and compiled as the pack validator does. */
export function demoScenarioFromDisk(): Scenario {
  const pack = join(ROOT, 'content', 'demo-hall');
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|md)$/.test(f)) files.set(relative(pack, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(join(pack, 'scenarios'));
  const checked = checkScenario(files, 'scenarios/south-bank/scenario.yaml');
  if (!checked.scenario) throw new Error(JSON.stringify(checked.findings));
  return checked.scenario;
}
