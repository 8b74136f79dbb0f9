import { useT } from '../i18n';

/** A role the hall knows whose screen this version does not have yet. */
export function NotYet() {
  const { t } = useT();
  return (
    <div className="center-message" data-testid="surface-not-yet">
      {t('surfaceNotYet')}
    </div>
  );
}
