import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';
import { TableSocket } from '../table/link';
import { phoneHash, type PhoneAddress, type SeatStore } from './seat';

/**
 * A seat's socket: on every (re)connect it resumes its seat with the kept token, or joins by
 * code when it has none; a new seat token is kept in storage (or, failing that, in the address
 * bar); a token the host no longer knows is forgotten and the page joins again by code.
 * With `role` (pass-and-play: the kiosk holds every seat) the seat claims that role and its
 * token is kept per role.
 */
export function phoneLink(
  url: string,
  addr: PhoneAddress,
  store: SeatStore,
  replaceHash: (hash: string) => void,
  role?: string,
): { link: TableSocket; setCode: (code: string) => void } {
  let code = addr.code;
  let urlToken = addr.token;
  const key = () => (role ? `${code}.${role}` : code);
  const link = new TableSocket(
    url,
    () => {
      if (!code) return [];
      const token = store.get(key(), urlToken);
      return token ? [{ type: 'resume', protocol: TABLES_PROTOCOL_VERSION, seatToken: token }] : [{ type: 'join', protocol: TABLES_PROTOCOL_VERSION, code }];
    },
    (m, s, self) => {
      if (m.type === 'seat') {
        const kept = store.set(key(), m.seatToken);
        urlToken = kept ? '' : m.seatToken;
        if (!role) replaceHash(phoneHash(m.code, kept ? undefined : m.seatToken));
        else if (m.role === null && s.table?.pick !== 'dm') self.send({ type: 'claim', role });
      } else if (m.type === 'error' && m.ref === 'resume') {
        store.clear(key());
        urlToken = '';
        self.dismiss();
        self.reintroduce();
      }
    },
  );
  return {
    link,
    setCode: (c: string) => {
      code = c;
      link.dismiss();
      link.reintroduce();
    },
  };
}
