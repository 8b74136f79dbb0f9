import { describe, expect, it, vi } from 'vitest';
import { lockNavigation, staysOnPage } from './navigation-lock';

const HERE = new URL('http://127.0.0.1:4000/#/kiosk?surface=kiosk');

function navigate(target: EventTarget, url: string, init: { hashChange?: boolean; navigationType?: string; cancelable?: boolean } = {}) {
  const e = Object.assign(new Event('navigate', { cancelable: init.cancelable ?? true }), {
    hashChange: init.hashChange ?? false,
    navigationType: init.navigationType ?? 'push',
    destination: { url },
  });
  target.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('navigation lock', () => {
  it('knows which addresses keep the page', () => {
    expect(staysOnPage('http://127.0.0.1:4000/#/wall', HERE)).toBe(true);
    expect(staysOnPage('#x', HERE)).toBe(true);
    for (const away of ['https://www.xinhuanet.com/', '//evil.example/', 'http://127.0.0.1:4001/', '/api/health', 'appendix.md', '?x=1', 'javascript:alert(1)', 'http://[bad']) {
      expect(staysOnPage(away, HERE), away).toBe(false);
    }
  });

  it('cancels every cross-document navigation but a reload, and denies new windows', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const navigation = new EventTarget();
    const win = Object.assign(new EventTarget(), { navigation, location: HERE, open: (() => ({})) as Window['open'] }) as unknown as Window;
    const refused = lockNavigation(win);
    expect(navigate(navigation, 'https://www.people.com.cn/')).toBe(true);
    expect(navigate(navigation, 'http://127.0.0.1:4000/appendix.md')).toBe(true);
    expect(navigate(navigation, 'http://127.0.0.1:4000/#/kiosk?surface=kiosk', { navigationType: 'reload' })).toBe(false);
    expect(navigate(navigation, 'http://127.0.0.1:4000/#top', { hashChange: true })).toBe(false);
    // What the page cannot cancel (the browser's own navigations) the watchdog catches.
    expect(navigate(navigation, 'http://127.0.0.1:9/', { cancelable: false })).toBe(false);
    expect(win.open('https://www.people.com.cn/')).toBeNull();
    expect(refused()).toBe(3);
  });
});
