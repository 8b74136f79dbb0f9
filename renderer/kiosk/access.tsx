import { createContext, useContext } from 'react';
import type { Locale } from '../../core/text';

/**
 * A visitor's access settings. The kiosk frame turns them into data attributes on its root
 * (`data-text="large"`, `data-contrast="high"`), and kiosk.css turns those into the CSS
 * variables (--k-scale, --k-fg, --k-panel, ...) that every zone's styles are written in, so a
 * zone gets large text and high contrast by using the variables, with no code of its own.
 */
export interface Access {
  largeText: boolean;
  highContrast: boolean;
}

export const DEFAULT_ACCESS: Access = { largeText: false, highContrast: false };

export const AccessContext = createContext<Access>(DEFAULT_ACCESS);

/** The current visitor's access settings (for a zone that draws on a canvas, say). */
export function useAccess(): Access {
  return useContext(AccessContext);
}

/** The attributes the kiosk root carries for the settings. */
export function accessAttributes(a: Access): { 'data-text': 'large' | 'normal'; 'data-contrast': 'high' | 'normal' } {
  return { 'data-text': a.largeText ? 'large' : 'normal', 'data-contrast': a.highContrast ? 'high' : 'normal' };
}

const LABELS = {
  group: { 'zh-Hans': '阅读辅助', 'zh-Hant': '閱讀輔助', en: 'Reading aids' },
  largeText: { 'zh-Hans': '大字', 'zh-Hant': '大字', en: 'Large text' },
  highContrast: { 'zh-Hans': '高对比', 'zh-Hant': '高對比', en: 'High contrast' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The access switch of the kiosk frame: two toggles, always in the same corner. */
export function AccessSwitch({ access, locale, onChange }: { access: Access; locale: Locale; onChange: (a: Access) => void }) {
  return (
    <div className="access-bar" role="group" aria-label={LABELS.group[locale]}>
      <button className="access-toggle" data-access="large-text" aria-pressed={access.largeText} onClick={() => onChange({ ...access, largeText: !access.largeText })}>
        <span className="access-glyph" aria-hidden="true">
          A<small>A</small>
        </span>
        {LABELS.largeText[locale]}
      </button>
      <button className="access-toggle" data-access="high-contrast" aria-pressed={access.highContrast} onClick={() => onChange({ ...access, highContrast: !access.highContrast })}>
        <span className="access-glyph access-glyph-contrast" aria-hidden="true" />
        {LABELS.highContrast[locale]}
      </button>
    </div>
  );
}
