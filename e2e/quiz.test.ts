// The self-check in real Chromium, driven by taps: a visitor completes the quiz, the radar drawn
// on screen matches the engine's scores, and a visitor who walks away sees a countdown after
// which answers and report are gone. Runs on the stand-alone harness page (renderer/quiz/harness)
// built with vite and served from a temporary folder.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { drawForm, loadQuizBankSource, scoreAnswers, type QuizAnswer, type QuizBank, type QuizOutcome } from '../core/quiz/index';
import { radarPolygon, radarPoint, RADAR_FRAME } from '../core/quiz/radar';
import { Host } from '../main/host/server';
import { hallContentOf } from '../main/host/hall-content';
import { loadPackDir } from '../main/host/packs/load';
import { QuizStatsStore } from '../main/host/quiz-stats';
import { quiz } from '../main/host/quiz/plugin';
import { notUnder } from './urls';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, '.data', 'e2e-shots');
const missing = existsSync(CHROMIUM) ? undefined : 'system Chromium is missing (scripts/system-deps.sh test)';
if (missing && process.env.CI) throw new Error(`e2e cannot run: ${missing}`);
if (missing) console.warn(`SKIPPED e2e/quiz.test.ts: ${missing}`);

const ENTRY = 'quiz/self-check.yaml';
const bank: QuizBank = (() => {
  const loaded = loadQuizBankSource(new Map([[ENTRY, readFileSync(join(ROOT, 'content/demo-hall', ENTRY), 'utf8')]]), ENTRY);
  if (!loaded.bank) throw new Error('the demo bank does not load');
  return loaded.bank;
})();

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json' };

describe.skipIf(!!missing)('the self-check in Chromium', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'redhall-quiz-e2e-'));
    await build({
      configFile: false,
      root: join(ROOT, 'renderer/quiz/harness'),
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 4000 },
    });
    server = createServer((req, res) => {
      const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = path.startsWith(dir) && existsSync(path) && statSync(path).isFile() ? path : join(dir, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The harness page; `clock` installs Playwright's clock, so a test jumps over idle waits instead of sitting them out. */
  async function openPage(query: string, clock = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true, deviceScaleFactor: 1 });
    if (clock) await context.clock.install();
    const page = await context.newPage();
    // Nothing may leave the machine: fail on any request that is not the local harness.
    await page.route(notUnder(base), (route) => route.abort());
    await page.goto(`${base}?${query}`);
    await page.locator('[data-action="start"]').waitFor();
    await page.evaluate(() => document.fonts.ready);
    return page;
  }
  const shot = async (page: Page, name: string) => {
    const file = join(SHOTS, `quiz-${name}.png`);
    await page.screenshot({ path: file });
    return PNG.sync.read(readFileSync(file));
  };
  const outcomes = (page: Page) => page.evaluate(() => (window as unknown as { quizHarness: { outcomes: QuizOutcome[] } }).quizHarness.outcomes);

  /** Answers the current question the way a visitor would (taps), by a plan fixed per index. */
  async function answerCurrent(page: Page, index: number, answers: Record<string, QuizAnswer>, shots: Set<string>) {
    const screen = page.locator('.quiz-question');
    await expect.poll(() => screen.getAttribute('data-index')).toBe(String(index));
    const id = (await screen.getAttribute('data-question')) ?? '';
    const kind = (await screen.getAttribute('data-kind')) ?? '';
    const options = await page.locator('.quiz-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-option') ?? ''));
    for (const box of await page.locator('.quiz-option').all()) expect((await box.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(64);
    let picks: string[];
    if (kind === 'likert') picks = [String((index % 5) + 1)];
    else if (kind === 'multiple') picks = options.slice(0, 2 + (index % 2));
    else picks = [options[index % options.length] ?? ''];
    for (const p of picks) await page.locator(`.quiz-option[data-option="${p}"]`).tap();
    answers[id] = kind === 'likert' ? Number(picks[0]) : kind === 'multiple' ? picks : (picks[0] ?? '');
    if (!shots.has(kind)) {
      shots.add(kind);
      await shot(page, `question-${kind}`);
    }
    if (await page.locator('[data-action="confirm"]').count()) {
      await page.locator('[data-action="confirm"]').tap();
      await expect.poll(() => page.locator('.quiz-explanation').getAttribute('data-verdict')).toMatch(/right|partly|wrong/);
      if (!shots.has('explanation')) {
        shots.add('explanation');
        await shot(page, 'explanation');
      }
    }
    await page.locator('[data-action="next"]').tap();
  }

  it('lets a visitor complete the self-check by taps and draws the radar from the computed scores, then clears it when left alone', async () => {
    const seed = 'e2e-visitor';
    // Time runs as usual; after the report the clock jumps over the idle wait (60 s, the last 10 counted down).
    const page = await openPage(`seed=${seed}&idle=60&warn=10`, true);
    await shot(page, 'start');
    await page.locator('[data-action="start"]').tap();
    const drawn = drawForm(bank, 'standard', seed).questions.map((q) => q.questionId);
    const answers: Record<string, QuizAnswer> = {};
    const shots = new Set<string>();
    for (let i = 0; i < drawn.length; i++) await answerCurrent(page, i, answers, shots);
    // The kiosk drew the same questions the engine draws for this seed.
    expect(Object.keys(answers).sort()).toEqual([...drawn].sort());

    await page.locator('.quiz-report').waitFor();
    const expected = scoreAnswers(bank, drawn, answers);
    const img = await shot(page, 'report');

    // The DOM report and the chart's data say what the engine computed.
    const byDim = await page.locator('.quiz-dimension').evaluateAll((els) => els.map((e) => [e.getAttribute('data-dimension'), e.getAttribute('data-score'), e.getAttribute('data-band')]));
    expect(byDim).toEqual(expected.dimensions.map((d) => [d.id, String(d.score ?? ''), d.band ?? '']));
    expect(await page.locator('.quiz-report').getAttribute('data-overall')).toBe(String(expected.overall));
    const values = expected.dimensions.map((d) => d.score ?? 0);
    expect(await page.getByTestId('radar-area').getAttribute('points')).toBe(radarPolygon(values));
    const label = await page.locator('svg.quiz-radar desc').textContent();
    for (const d of expected.dimensions) expect(label).toContain(String(d.score));

    // The pixels: inside each wedge of the polygon the chart is gold, just outside it is not.
    const ctm = await page.locator('svg.quiz-radar').evaluate((svg) => {
      const m = (svg as SVGSVGElement).getScreenCTM()!;
      return [m.a, m.b, m.c, m.d, m.e, m.f];
    });
    const toScreen = ([x, y]: [number, number]): [number, number] => [ctm[0]! * x + ctm[2]! * y + ctm[4]!, ctm[1]! * x + ctm[3]! * y + ctm[5]!];
    const mean = (px: [number, number]) => {
      let r = 0, g = 0, b = 0, n = 0;
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++) {
          const i = ((Math.round(px[1]) + dy) * img.width + Math.round(px[0]) + dx) * 4;
          r += img.data[i] ?? 0; g += img.data[i + 1] ?? 0; b += img.data[i + 2] ?? 0; n++;
        }
      return [r / n, g / n, b / n];
    };
    const n = values.length;
    const { cx, cy } = RADAR_FRAME;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      const a = radarPoint(i, n, values[i] ?? 0);
      const b = radarPoint((i + 1) % n, n, values[(i + 1) % n] ?? 0);
      const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      // A wedge with a vertex near the centre is a sliver: nothing to sample cleanly.
      if (Math.min(values[i] ?? 0, values[(i + 1) % n] ?? 0) < 20) continue;
      const at = (k: number): [number, number] => [cx + k * (mid[0] - cx), cy + k * (mid[1] - cy)];
      const inside = mean(toScreen(at(0.75)));
      expect(inside[0], `wedge ${i} inside`).toBeGreaterThan(170);
      expect(inside[1], `wedge ${i} inside`).toBeGreaterThan(110);
      const outside = mean(toScreen(at(1.25)));
      expect(outside[1], `wedge ${i} outside`).toBeLessThan(100);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);

    // The QR code on screen decodes, from the screenshot's pixels, to the short summary.
    const qrText = (await page.locator('svg.quiz-qr').getAttribute('data-qr-text')) ?? '';
    expect(qrText).toContain(`综合得分 ${expected.overall}`);
    expect(qrText.length).toBeLessThan(200);
    const box = (await page.locator('svg.quiz-qr').boundingBox())!;
    const pad = 12;
    const [qx, qy, qw, qh] = [Math.round(box.x) - pad, Math.round(box.y) - pad, Math.round(box.width) + 2 * pad, Math.round(box.height) + 2 * pad];
    const crop = new Uint8ClampedArray(qw * qh * 4);
    for (let y = 0; y < qh; y++) crop.set(img.data.subarray(((qy + y) * img.width + qx) * 4, ((qy + y) * img.width + qx + qw) * 4), y * qw * 4);
    const decoded = jsQR(crop, qw, qh);
    expect(decoded, 'the QR code on screen decodes').not.toBeNull();
    expect(new TextDecoder().decode(new Uint8Array(decoded!.binaryData))).toBe(qrText);

    const sent = await outcomes(page);
    expect(sent.map((o) => o.status)).toEqual(['started', 'completed']);
    expect(sent[1]?.dimensions).toEqual(Object.fromEntries(expected.dimensions.map((d) => [d.id, d.score])));
    expect(sent[1]?.answers).toEqual(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v])));

    // Left alone on the report: a visible countdown, then the report is gone.
    const countdown = page.getByTestId('quiz-idle-countdown');
    expect(await countdown.count(), 'no countdown while the visitor reads').toBe(0);
    await page.clock.fastForward(50_500);
    await countdown.waitFor({ timeout: 10_000 });
    await shot(page, 'idle-countdown');
    await page.clock.fastForward(10_000);
    await page.getByTestId('harness-home').waitFor({ timeout: 10_000 });
    expect(await page.locator('.quiz-report, svg.quiz-radar, .quiz-qr').count()).toBe(0);
    await page.context().close();
  });

  it('counts down visibly when a visitor walks away mid-way, then clears the answers and reports an abandoned check', async () => {
    const page = await openPage('seed=e2e-walkaway&idle=30&warn=4', true);
    await page.locator('[data-action="start"]').tap();
    const answers: Record<string, QuizAnswer> = {};
    await answerCurrent(page, 0, answers, new Set(['single', 'multiple', 'truefalse', 'likert', 'explanation']));
    await answerCurrent(page, 1, answers, new Set(['single', 'multiple', 'truefalse', 'likert', 'explanation']));
    await expect.poll(() => page.locator('.quiz-question').getAttribute('data-index')).toBe('2');

    const countdown = page.getByTestId('quiz-idle-countdown');
    await page.clock.fastForward(26_500);
    await countdown.waitFor({ timeout: 10_000 });
    const first = Number(await countdown.getAttribute('data-remaining'));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(4);
    expect(await countdown.isVisible()).toBe(true);
    await expect.poll(async () => Number((await countdown.getAttribute('data-remaining').catch(() => '0')) ?? 0), { timeout: 5000 }).toBeLessThan(first);

    await page.clock.fastForward(4_000);
    await page.getByTestId('harness-home').waitFor({ timeout: 10_000 });
    expect(await page.locator('.quiz').count()).toBe(0);
    const sent = await outcomes(page);
    expect(sent.map((o) => o.status)).toEqual(['started', 'abandoned']);
    expect(sent[1]).toMatchObject({ answered: 2 });
    expect(sent[1]).not.toHaveProperty('answers');

    // The next visitor starts from nothing: start screen, first question, nothing selected.
    await page.locator('[data-action="open-quiz"]').tap();
    await page.locator('[data-action="start"]').tap();
    await expect.poll(() => page.locator('.quiz-question').getAttribute('data-index')).toBe('0');
    expect(await page.locator('.quiz-option[aria-pressed="true"]').count()).toBe(0);
    await page.context().close();
  });

  it('a touch during the countdown keeps the visitor where they were', async () => {
    const page = await openPage('seed=e2e-stay&idle=30&warn=3', true);
    await page.locator('[data-action="start"]').tap();
    await page.locator('.quiz-question').waitFor();
    const question = await page.locator('.quiz-question').getAttribute('data-question');
    const under = (await page.locator('.quiz-option').first().boundingBox())!;
    await page.clock.fastForward(27_500);
    await page.getByTestId('quiz-idle-countdown').waitFor({ timeout: 10_000 });
    // The visitor taps the overlay right where an option lies under it.
    await page.touchscreen.tap(under.x + under.width / 2, under.y + under.height / 2);
    await page.getByTestId('quiz-idle-countdown').waitFor({ state: 'detached', timeout: 3000 });
    expect(await page.locator('.quiz-question').getAttribute('data-question')).toBe(question);
    // The tap dismissed the countdown and did not answer the question below it.
    expect(await page.locator('.quiz-option[aria-pressed="true"]').count()).toBe(0);
    // And the wait starts again: still on the same question after the old deadline.
    await page.clock.fastForward(2_500);
    await page.waitForTimeout(500); // a few turns of the page's 200 ms idle check
    expect(await page.locator('.quiz-question').getAttribute('data-question')).toBe(question);
    await page.context().close();
  });

  it('restarts with a fresh draw and reports each round', async () => {
    const page = await openPage('seed=e2e-again&idle=600');
    const round = async () => {
      await page.locator('.quiz-question').waitFor();
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        await expect.poll(() => page.locator('.quiz-question').getAttribute('data-index')).toBe(String(i));
        ids.push((await page.locator('.quiz-question').getAttribute('data-question')) ?? '');
        await page.locator('[data-action="skip"]').tap();
      }
      await page.locator('.quiz-report').waitFor();
      return ids;
    };
    await page.locator('[data-action="start"]').tap();
    const first = await round();
    await page.locator('[data-action="restart"]').tap();
    const second = await round();
    expect(second).not.toEqual(first);
    expect(second).toEqual(drawForm(bank, 'standard', 'e2e-again:1').questions.map((q) => q.questionId));
    expect((await outcomes(page)).map((o) => o.status)).toEqual(['started', 'completed', 'started', 'completed']);
    await page.context().close();
  });

  it('shows a running clock on a timed form', async () => {
    const page = await openPage('seed=e2e-timed&idle=600');
    // The visitor picks the longer, timed form offered beside the standard one.
    const full = page.locator('[data-action="start-form"][data-form="full"]');
    expect(await full.textContent()).toContain('限时 20 分钟');
    expect((await full.boundingBox())!.height).toBeGreaterThanOrEqual(64);
    await full.tap();
    const timer = page.getByRole('timer');
    await expect.poll(() => timer.textContent()).toMatch(/^剩余 (19:5\d|20:00)$/);
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
    expect(await page.locator('.quiz-progress-text').textContent()).toBe('第 1 / 24 题');
    await page.context().close();
  });

  it('shows the report in English and in derived traditional Chinese', async () => {
    for (const locale of ['en', 'zh-Hant'] as const) {
      const page = await openPage(`seed=e2e-${locale}&idle=600&locale=${locale}`);
      await shot(page, `start-${locale}`);
      await page.locator('[data-action="start"]').tap();
      const drawn = drawForm(bank, 'standard', `e2e-${locale}`).questions;
      for (let i = 0; i < drawn.length; i++) await page.locator(i === drawn.length - 1 ? '[data-action="skip"]' : '[data-action="skip"]').tap();
      await page.locator('.quiz-report').waitFor();
      await shot(page, `report-${locale}`);
      const heading = await page.locator('.quiz-report-header h1').textContent();
      expect(heading).toBe(locale === 'en' ? 'Your report' : '體檢報告');
      await page.context().close();
    }
  });

  it('runs inside the real kiosk served by the host, and the host stores the anonymous outcomes', async () => {
    const rendererDir = join(ROOT, 'dist', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('build the renderer first: npm run build:renderer');
    const packDir = join(ROOT, 'content', 'demo-hall');
    const pack = await loadPackDir(packDir);
    const dataDir = mkdtempSync(join(tmpdir(), 'redhall-quiz-host-'));
    const stats = new QuizStatsStore(dataDir);
    const kiosk = { id: 'kiosk', role: 'kiosk' as const, displayName: 'HEADLESS', displayIndex: 0, touch: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
    const host = new Host({ port: 0, listen: 'loopback', rendererDir, surfaces: [kiosk], warnings: [], idleSeconds: 20, content: () => hallContentOf(pack), capabilities: [quiz({ banks: () => [{ id: pack.manifest.id, dir: packDir }], stats })], log: () => {} });
    const port = await host.start();
    try {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
      // The idle wait (the host's 20 s) is jumped over with the page's clock, not sat out.
      await context.clock.install();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/#/kiosk?surface=kiosk&token=${host.surfaceToken}`);
      await page.locator('[data-action="open-quiz"]').waitFor({ timeout: 30_000 });
      await page.evaluate(() => document.fonts.ready);
      await shot(page, 'kiosk-home');
      await page.locator('[data-action="open-quiz"]').tap();
      await page.locator('[data-action="start"]').tap({ timeout: 30_000 });
      for (let i = 0; i < 12; i++) {
        await expect.poll(() => page.locator('.quiz-question').getAttribute('data-index')).toBe(String(i));
        const kind = await page.locator('.quiz-question').getAttribute('data-kind');
        await page.locator('.quiz-option').first().tap();
        if (kind !== 'likert' && (await page.locator('[data-action="confirm"]').count())) await page.locator('[data-action="confirm"]').tap();
        await page.locator('[data-action="next"]').tap();
      }
      await page.locator('.quiz-report').waitFor();
      await shot(page, 'kiosk-report');
      await expect.poll(() => stats.readAll().outcomes.map((o) => o.status)).toEqual(['started', 'completed']);
      const [done] = stats.fold().rows;
      expect(done).toMatchObject({ packId: 'demo-hall', bankId: 'party-spirit', started: 1, completed: 1 });
      // Left alone, the quiz clears itself and the kiosk is back home.
      await page.clock.fastForward(10_500);
      await page.getByTestId('quiz-idle-countdown').waitFor({ timeout: 20_000 });
      await page.clock.fastForward(10_000);
      await page.locator('[data-action="open-quiz"]').waitFor({ timeout: 20_000 });
      expect(await page.locator('.quiz').count()).toBe(0);
      await context.close();
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
