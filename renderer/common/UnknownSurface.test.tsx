import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UnknownSurface } from './UnknownSurface';

describe('the unknown-surface screen', () => {
  it('names the role it was given and what to do, in zh-Hans, zh-Hant and English, with the roles that exist', () => {
    const html = renderToStaticMarkup(<UnknownSurface role="wal" />);
    expect(html).toContain('未知的屏幕类型「wal」');
    expect(html).toContain('未知的螢幕類型「wal」');
    expect(html).toContain('Unknown screen type &quot;wal&quot;');
    expect(html).toContain('hall.yaml');
    for (const role of ['kiosk', 'wall', 'dm']) expect(html).toContain(`>${role}</span>`);
    expect(html).not.toContain('>fault</span>');
  });

  it('shows a long role cut short, as text', () => {
    const html = renderToStaticMarkup(<UnknownSurface role={`<b>${'x'.repeat(60)}`} />);
    expect(html).not.toContain('<b>');
    expect(html).toContain('…');
  });
});
