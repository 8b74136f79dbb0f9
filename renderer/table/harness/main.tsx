// A stand-alone page for the table screens, run on the story engine in the page (no host):
// the screenshot script and the harness e2e drive it in Chromium.
// Query: ?surface=phone|dm|screen|pass&player=p1&at=<phase id>&locale=zh-Hans|zh-Hant|en&tab=now|script|clues|role
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import '../../styles.css';
import { LOCALES, type Locale } from '../../../core/text';
import { Phone } from '../../phone/Phone';
import { DmConsole } from '../../dm/Dm';
import { TableScreen } from '../Screen';
import { PassAndPlay } from '../PassAndPlay';
import { LocalTable } from './local';
import { demoScenario } from './scenario';

const q = new URLSearchParams(window.location.search);
const locale = (LOCALES as readonly string[]).includes(q.get('locale') ?? '') ? (q.get('locale') as Locale) : 'zh-Hans';
const scenario = demoScenario();
const seats = ['lin', 'zhou', 'shen', 'chen', 'tang', 'he'].slice(0, Number(q.get('size') ?? 6)).map((role, i) => ({ player: `p${i + 1}`, role }));
const table = new LocalTable(scenario, seats);
const prefer: Record<string, string> = { 'act1-vote': 'supplies', 'act2-accuse': 'tang', 'act3-vote': 'bank', 'tang-choice': 'confess' };
if (q.get('at')) table.playTo(q.get('at') as string, prefer);
(window as unknown as { harness: unknown }).harness = { table, prefer };

function PhoneHarness() {
  const [link] = useState(() => table.link({ kind: 'player', player: q.get('player') ?? 'p1' }, q.get('lobby') === '1'));
  const [loc, setLoc] = useState<Locale>(locale);
  return <Phone link={link} locale={loc} onLocale={setLoc} code={table.code} onCode={() => undefined} />;
}

function DmHarness() {
  const [link] = useState(() => table.link({ kind: 'dm' }));
  const [loc, setLoc] = useState<Locale>(locale);
  const [watching, setWatching] = useState<string | undefined>(q.get('lobby') ? undefined : 't-harness');
  return <DmConsole link={link} locale={loc} onLocale={setLoc} watching={watching} onWatch={setWatching} onPin={() => undefined} onPass={(code) => window.location.assign(`?surface=pass&code=${code}`)} exportLog={() => undefined} />;
}

function ScreenHarness() {
  const [link] = useState(() => table.link({ kind: 'screen' }, q.get('lobby') === '1'));
  return <TableScreen link={link} locale={locale} />;
}

function PassHarness() {
  const [links] = useState(() => ({ screen: table.link({ kind: 'screen' }), seats: seats.map((x) => ({ role: x.role, link: table.link({ kind: 'player', player: x.player }) })) }));
  return <PassAndPlay screen={links.screen} seats={links.seats} locale={locale} />;
}

const SURFACES: Record<string, () => React.ReactNode> = { phone: PhoneHarness, dm: DmHarness, screen: ScreenHarness, pass: PassHarness };
const Surface = SURFACES[q.get('surface') ?? 'phone'] ?? (() => <div>unknown surface</div>);
createRoot(document.getElementById('root')!).render(<Surface />);
// `then=<phase>`: after the page shows `at`, play on to this phase (to see a change arrive, e.g. a vote result).
if (q.get('then')) window.setTimeout(() => table.playTo(q.get('then') as string, prefer), 400);
