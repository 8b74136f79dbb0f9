import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';
import { TableSocket } from '../table/link';
import { phoneHash, type PhoneAddress, type SeatStore } from './seat';

/**
 * A phone's socket: on every (re)connect it resumes its seat with the kept token, or joins by
 * code when it has none; a new seat token is kept in storage (or, failing that, in the address
 * bar); a token the host no longer knows is forgotten and the phone joins again by code.
 */
export function phoneLink(url: string, addr: PhoneAddress, store: SeatStore, replaceHash: (hash: string) => void): { link: TableSocket; setCode: (code: string) => void } {
  let code = addr.code;
  let urlToken = addr.token;
  const link = new TableSocket(
    url,
    () => {
      if (!code) return [];
      const token = store.get(code, urlToken);
      return token ? [{ type: 'resume', protocol: TABLES_PROTOCOL_VERSION, seatToken: token }] : [{ type: 'join', protocol: TABLES_PROTOCOL_VERSION, code }];
    },
    (m, _s, self) => {
      if (m.type === 'seat') {
        const kept = store.set(m.code, m.seatToken);
        urlToken = kept ? '' : m.seatToken;
        replaceHash(phoneHash(m.code, kept ? undefined : m.seatToken));
      } else if (m.type === 'error' && m.ref === 'resume') {
        store.clear(code);
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
