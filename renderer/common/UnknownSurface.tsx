import { LOCALES, type Locale } from '../../core/text';
import { SURFACE_NAMES } from '../surfaces';

const WORDS: Record<Locale, { title: (role: string) => string; body: string }> = {
  'zh-Hans': { title: (r) => `未知的屏幕类型「${r}」`, body: '请检查展厅配置 hall.yaml 中此屏幕的 role，或联系管理员。' },
  'zh-Hant': { title: (r) => `未知的螢幕類型「${r}」`, body: '請檢查展廳配置 hall.yaml 中此螢幕的 role，或聯繫管理員。' },
  en: { title: (r) => `Unknown screen type "${r}"`, body: "Check this screen's role in the hall config (hall.yaml), or call the administrator." },
};

/**
 * A page opened at a role no surface has (a mistyped address, or a hall config from a newer
 * version). All three languages at once: nothing tells which one the reader has.
 */
export function UnknownSurface({ role }: { role: string }) {
  // A role can be anything in the address bar: show it short and as text only.
  const shown = role.length > 40 ? `${role.slice(0, 40)}…` : role;
  return (
    <div className="unknown-surface" role="alert" data-testid="unknown-surface" data-role={role}>
      <div className="unknown-surface-card">
        {LOCALES.map((l) => (
          <section key={l} lang={l} className="unknown-surface-words">
            <h1>{WORDS[l].title(shown)}</h1>
            <p>{WORDS[l].body}</p>
          </section>
        ))}
        <p className="unknown-surface-known" lang="en">
          可用类型 · 可用類型 · Known types:
          {SURFACE_NAMES.map((r) => (
            <span key={r} className="unknown-surface-role">{r}</span>
          ))}
        </p>
      </div>
    </div>
  );
}
