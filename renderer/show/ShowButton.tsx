import type { HallContent } from '../../core/protocol/messages';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import './show.css';

/** The kiosk's button for the hall's show: the walls play it, in step, from the next lead time. */
export function ShowButton({ hall }: { hall: HallContent }) {
  const { connection } = useHost();
  const { text } = useT();
  const show = hall.shows?.[0];
  if (!show) return null;
  return (
    <button className="big-button show-start" data-action="start-show" data-show={show.id} onClick={() => connection.send({ type: 'show.request', action: 'start', showId: show.id, packId: hall.packId })}>
      <span aria-hidden="true">▶</span> {text(show.title)}
    </button>
  );
}
