import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminPacks, ShownFinding, UploadResult } from '../../core/protocol/admin';
import type { HttpError } from '../../core/protocol/http';
import type { SurfaceStatus } from '../../core/protocol/http';
import { call, uploadPack } from './api';
import { useT } from './strings';

interface Job {
  name: string;
  sent: number;
  size: number;
  phase?: { name: string; done: number; total: number };
  /** Every install phase the host reported, in order (for tests and the curious). */
  phases: string[];
  result?: UploadResult | { type: 'refused'; error: HttpError };
}

const load = () => Promise.all([call('GET /api/admin/packs'), call('GET /api/health')]);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Packs: drop one to install it (bytes, then each install phase), read its findings, preview, activate, roll back, prune. */
export function Packs() {
  const { t, say } = useT();
  const [packs, setPacks] = useState<AdminPacks | undefined>();
  const [surfaces, setSurfaces] = useState<SurfaceStatus[]>([]);
  const [job, setJob] = useState<Job | undefined>();
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const apply = useCallback(([p, h]: Awaited<ReturnType<typeof load>>) => {
    if (p.ok) setPacks(p.value);
    if (h.ok) setSurfaces(h.value.surfaces);
  }, []);
  const refresh = useCallback(() => load().then(apply), [apply]);
  useEffect(() => {
    void load().then(apply);
  }, [apply]);

  const upload = async (file: File) => {
    setNote(undefined);
    let current: Job = { name: file.name, sent: 0, size: file.size, phases: [] };
    setJob(current);
    const update = (patch: Partial<Job>) => setJob((current = { ...current, ...patch }));
    const result = await uploadPack(file, {
      bytes: (sent, size) => update({ sent, size }),
      progress: (name, done, total) => update({ sent: current.size, phase: { name, done, total }, phases: current.phases.includes(name) ? current.phases : [...current.phases, name] }),
    });
    update({ result });
    void refresh();
  };

  const act = async (run: () => Promise<{ ok: true; text: string } | { ok: false; error: HttpError }>) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    setNote(r.ok ? { ok: true, text: r.text } : { ok: false, text: say(r.error.message) });
    void refresh();
  };
  const activate = (packId: string, version: string) =>
    act(async () => {
      const r = await call('POST /api/admin/packs/activate', { packId, version });
      return r.ok ? { ok: true, text: t('activated', { p: `${packId}@${version}` }) } : r;
    });
  const rollback = (packId: string) =>
    act(async () => {
      const r = await call('POST /api/admin/packs/rollback', { packId });
      return r.ok ? { ok: true, text: t('activated', { p: `${packId}@${r.value.version}` }) } : r;
    });
  const prune = (packId: string) => {
    if (!window.confirm(t('pruneConfirm', { id: packId }))) return;
    void act(async () => {
      const r = await call('POST /api/admin/packs/prune', { packId });
      return r.ok ? { ok: true, text: r.value.removed.length ? t('pruned', { list: r.value.removed.join('、') }) : t('prunedNone') } : r;
    });
  };
  const preview = (packId: string, version: string, surfaceId: string) =>
    act(async () => {
      const r = await call('POST /api/admin/preview', { packId, version, surfaceId });
      return r.ok ? { ok: true, text: t('previewing', { p: `${packId}@${version}`, s: surfaceId }) } : r;
    });
  const stopPreview = () =>
    act(async () => {
      const r = await call('POST /api/admin/preview', { stop: true });
      return r.ok ? { ok: true, text: t('stopPreview') } : r;
    });

  const previewable = surfaces.filter((s) => s.role !== 'admin' && s.role !== 'docent' && s.role !== 'dm' && s.role !== 'phone');
  return (
    <div className="ad-packs">
      <DropZone onFile={(f) => void upload(f)} disabled={!!job && !job.result} />
      {job && <UploadCard job={job} />}
      {packs?.preview && (
        <div className="ad-banner ad-banner-preview" data-testid="preview-banner">
          <span>{t('previewing', { p: `${packs.preview.packId}@${packs.preview.version}`, s: packs.preview.surfaceId })}</span>
          <button type="button" className="ad-btn" onClick={() => void stopPreview()} disabled={busy}>
            {t('stopPreview')}
          </button>
        </div>
      )}
      {note && (
        <div className={`ad-banner ${note.ok ? 'ad-banner-ok' : 'ad-banner-bad'}`} role="status" data-testid="pack-note">
          {note.text}
        </div>
      )}
      <h2 className="ad-h2">{t('packsTitle')}</h2>
      {packs?.packs.map((p) => (
        <section key={p.id} className="ad-card ad-pack" data-pack={p.id}>
          <header className="ad-pack-head">
            <h3>{p.id}</h3>
            <div className="ad-row">
              <button type="button" className="ad-btn" disabled={busy || !p.previous} onClick={() => void rollback(p.id)} data-testid="rollback">
                ↶ {t('rollback')}
              </button>
              <button type="button" className="ad-btn" disabled={busy || p.versions.length <= 2} onClick={() => prune(p.id)} data-testid="prune">
                {t('prune')}
              </button>
            </div>
          </header>
          <table className="ad-table">
            <thead>
              <tr>
                <th>{t('version')}</th>
                <th>{t('packTitle')}</th>
                <th className="ad-hide-narrow">{t('installedAt')}</th>
                <th>{t('state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...p.versions].reverse().map((v) => (
                <VersionRow
                  key={v.version}
                  version={v.version}
                  title={v.title}
                  installedAt={v.installedAt}
                  state={v.version === p.active ? 'live' : v.version === p.previous ? 'previous' : undefined}
                  surfaces={previewable}
                  busy={busy}
                  onPreview={(s) => void preview(p.id, v.version, s)}
                  onActivate={() => void activate(p.id, v.version)}
                />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function VersionRow(props: {
  version: string;
  title: string | null;
  installedAt: string | null;
  state: 'live' | 'previous' | undefined;
  surfaces: SurfaceStatus[];
  busy: boolean;
  onPreview: (surfaceId: string) => void;
  onActivate: () => void;
}) {
  const { t, locale } = useT();
  const [picked, setSurface] = useState('');
  const surface = picked || props.surfaces[0]?.id || '';
  return (
    <tr data-version={props.version} className={props.state === 'live' ? 'ad-live' : ''}>
      <td className="ad-mono">{props.version}</td>
      <td>{props.title ?? '—'}</td>
      <td className="ad-hide-narrow">{props.installedAt ? new Date(props.installedAt).toLocaleString(locale) : '—'}</td>
      <td>{props.state === 'live' ? <span className="ad-pill ad-pill-live">● {t('live')}</span> : props.state === 'previous' ? <span className="ad-pill">{t('previous')}</span> : ''}</td>
      <td>
        {props.state !== 'live' && (
          <div className="ad-actions">
            <label className="ad-preview-pick">
              <span className="ad-sr">{t('previewOn')}</span>
              <select value={surface} onChange={(e) => setSurface(e.target.value)} data-testid="preview-surface" disabled={props.surfaces.length === 0}>
                {props.surfaces.length === 0 && <option value="">{t('noSurfaces')}</option>}
                {props.surfaces.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id} ({s.role})
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="ad-btn" disabled={props.busy || !surface} onClick={() => props.onPreview(surface)} data-testid="preview">
              {t('preview')}
            </button>
            <button type="button" className="ad-primary" disabled={props.busy} onClick={props.onActivate} data-testid="activate">
              {t('activate')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

function DropZone({ onFile, disabled }: { onFile: (f: File) => void; disabled: boolean }) {
  const { t } = useT();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div
      className={`ad-drop${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      data-testid="drop"
      role="button"
      tabIndex={0}
      onClick={() => !disabled && input.current?.click()}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && !disabled && input.current?.click()}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f && !disabled) onFile(f);
      }}
    >
      <div className="ad-drop-icon" aria-hidden="true">⇪</div>
      <div className="ad-drop-title">{t('dropTitle')}</div>
      <div className="ad-muted">{t('dropHint')}</div>
      <input
        ref={input}
        type="file"
        accept=".rhpack,.zip"
        hidden
        data-testid="file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}

function Bar({ label, detail, fraction, testid }: { label: string; detail: string; fraction: number; testid: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="ad-progress" data-testid={testid}>
      <div className="ad-progress-label">
        <span>{label}</span>
        <span>{detail}</span>
      </div>
      <div className="ad-progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="ad-progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function UploadCard({ job }: { job: Job }) {
  const { t, phase, say } = useT();
  const r = job.result;
  const installFraction = r ? 1 : job.phase ? job.phase.done / Math.max(1, job.phase.total) : 0;
  return (
    <section className="ad-card ad-upload" data-testid="upload" data-phases={job.phases.join(' ')} data-done={r ? 'yes' : 'no'}>
      <h3 className="ad-mono">{job.name}</h3>
      <Bar testid="bar-upload" label={t('uploading')} detail={`${mb(job.sent)} / ${mb(job.size)} MB`} fraction={job.size ? job.sent / job.size : 0} />
      <Bar
        testid="bar-install"
        label={t('installing')}
        detail={r ? '✓' : job.phase ? `${phase(job.phase.name)} ${job.phase.done}/${job.phase.total}` : ''}
        fraction={installFraction}
      />
      {r?.type === 'refused' && (
        <p className="ad-error" role="alert">
          {say(r.error.message)}
        </p>
      )}
      {r?.type === 'result' && (
        <>
          <p className={r.ok ? 'ad-ok' : 'ad-error'} role="status" data-testid="upload-result">
            {r.ok ? t('installedOk', { v: `${r.packId}@${r.version}` }) : say(r.message)}
          </p>
          <Findings findings={r.findings} />
        </>
      )}
    </section>
  );
}

/** Each finding in both languages (the reader's first), placed at file:line:column, with the offending line quoted. */
export function Findings({ findings }: { findings: ShownFinding[] }) {
  const { t, locale } = useT();
  if (findings.length === 0) return <p className="ad-muted">{t('noFindings')}</p>;
  return (
    <div className="ad-findings" data-testid="findings">
      <h4>
        {t('findings')} · {findings.length}
      </h4>
      <ol>
        {findings.map((f, i) => {
          const first = locale === 'en' ? f.message.en : f.message['zh-Hans'];
          const second = locale === 'en' ? f.message['zh-Hans'] : f.message.en;
          return (
            <li key={i} className={`ad-finding ad-${f.severity}`} data-testid="finding">
              <div className="ad-finding-head">
                <span className={`ad-sev ad-sev-${f.severity}`}>{t(f.severity)}</span>
                <span className="ad-mono ad-place">
                  {f.file}:{f.line}:{f.column}
                </span>
                <span className="ad-mono ad-code">{f.code}</span>
              </div>
              <div className="ad-finding-msg">{first}</div>
              <div className="ad-finding-msg2" lang={locale === 'en' ? 'zh-Hans' : 'en'}>
                {second}
              </div>
              {f.excerpt && (
                <pre className="ad-excerpt" data-testid="excerpt">
                  {f.excerpt.map((l) => (
                    <div key={l.line} className={l.line === f.line ? 'ad-excerpt-hit' : ''}>
                      <span className="ad-excerpt-n">{l.line}</span>
                      {l.text || ' '}
                    </div>
                  ))}
                </pre>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
