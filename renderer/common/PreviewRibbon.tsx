import { useHost } from '../host/context';
import { useT } from '../i18n';

/**
 * Over a surface that shows a pack version the admin previews (its content's pack id is
 * `<id>@<version>`, main/host/admin/preview.ts): says so, so nobody mistakes it for the live hall.
 */
export function PreviewRibbon() {
  const { state } = useHost();
  const { t } = useT();
  const id = state.hall?.packId;
  if (!id?.includes('@')) return null;
  return (
    <div className="preview-ribbon" role="status" data-testid="preview-ribbon">
      {t('previewRibbon', { p: id })}
    </div>
  );
}
