import { capability, type Capability, type CapabilityPlugin } from '../capability';
import { route } from '../http';

export interface ReadingOptions {
  /** Where phones reach this host: the LAN address with `listen: lan`, else loopback (known once the host listens). */
  phoneOrigin: () => string;
}

/**
 * The reading bar's way to the visitor's phone: the kiosk asks where phones reach the host and
 * draws a QR code of the phone reader (/phone/#/read?item=…), which reads the articles from
 * `GET /api/hall` like any page.
 */
export const readingPlugin: CapabilityPlugin<ReadingOptions> = async (app, opts) => {
  route(app, 'GET /api/phone-origin', () => ({ origin: opts.phoneOrigin() }), { headers: { 'cache-control': 'no-store' } });
};

export const reading = (options: ReadingOptions): Capability => capability('reading', readingPlugin, options);
