import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dmClient, openDemoTable, P, sixPhonesPlaying, spawnTablesHost, TableClient } from './testing';

// The crash test of issue 11: SIGKILL the host process in the middle of a vote, start it again,
// and the table resumes at the same version with every acknowledged event, the phones come back
// to their seats with their tokens, and the vote carries on to its result.

const dir = mkdtempSync(join(tmpdir(), 'redhall-kill-'));
const children: ChildProcess[] = [];

async function startHostProcess(port = 0): Promise<{ child: ChildProcess; port: number }> {
  const host = await spawnTablesHost(dir, port);
  children.push(host.child);
  return host;
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('kill and resume', () => {
  it('resumes a table killed mid-vote at the same version, with no acknowledged event lost', async () => {
    const first = await startHostProcess();
    const dm = await dmClient(first.port);
    const table = await openDemoTable(dm, 'dm');
    const phones = await sixPhonesPlaying(first.port, dm, table);
    const tokens = phones.map((p) => (p.messages.find((m) => m.type === 'seat') as { seatToken: string }).seatToken);
    const version = () => dm.last()?.view?.version ?? 0;

    // DM moves the story on to the first vote.
    while (dm.last()?.view?.phase.kind !== 'vote') {
      const v = version();
      dm.send({ type: 'dm.command', table: table.id, version: v, action: { type: 'advance' } });
      await dm.next('table', (m) => (m.view?.version ?? 0) > v);
    }
    // Three of six vote, each seen by the DM before the next.
    for (const i of [0, 1, 2]) {
      const v = version();
      phones[i]!.send({ type: 'play', version: v, action: { type: 'vote', option: 'supplies' } });
      await dm.next('table', (m) => (m.view?.version ?? 0) > v);
    }
    const acknowledged = version();
    expect(dm.last()?.view?.phase.voted).toHaveLength(3);
    // a fourth ballot is in flight when the host dies
    phones[3]!.send({ type: 'play', version: acknowledged, action: { type: 'vote', option: 'letters' } });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await Promise.all([dm, ...phones].map((c) => c.close()));

    const second = await startHostProcess(first.port);
    expect(second.port).toBe(first.port);
    // Phones come back with their seat tokens (as the page does on its own when the socket drops).
    const back = await Promise.all(
      tokens.map(async (seatToken) => {
        const p = await TableClient.connect(second.port);
        p.send({ type: 'resume', protocol: P, seatToken });
        await p.next('seat');
        return p;
      }),
    );
    const views = await Promise.all(back.map((p) => p.next('table', (m) => m.view !== undefined)));
    const resumed = views[0]!.view!.version;
    // Every event a client saw acknowledged is there; the in-flight one is there only if it was stored.
    expect(resumed === acknowledged || resumed === acknowledged + 1).toBe(true);
    expect(views.every((m) => m.view!.version === resumed && m.view!.phase.kind === 'vote')).toBe(true);
    const voted = views[0]!.view!.phase.voted ?? [];
    expect(voted).toEqual(expect.arrayContaining(['p1', 'p2', 'p3']));
    expect(voted).toHaveLength(resumed - acknowledged + 3);
    expect(views.map((m) => m.view!.me!.role)).toEqual(['lin', 'zhou', 'shen', 'chen', 'tang', 'he']);

    // The log on disk: a header and exactly one line per version after the first.
    const lines = readFileSync(join(dir, 'tables', `${table.id}.log`), 'utf8').trimEnd().split('\n');
    expect(lines.length - 1).toBe(resumed);

    // The vote goes on to its result after the restart.
    let v = resumed;
    for (let i = voted.length; i < 6; i++) {
      back[i]!.send({ type: 'play', version: v, action: { type: 'vote', option: 'supplies' } });
      const next = await back[0]!.next('table', (m) => (m.view?.version ?? 0) > v);
      v = next.view!.version;
    }
    const after = back[0]!.last()!.view!;
    expect(after.phase.kind).not.toBe('vote');
    expect(after.decisions.at(-1)).toMatchObject({ phase: 'act1-vote', option: 'supplies', how: 'vote' });
    await Promise.all(back.map((c) => c.close()));
    second.child.kill('SIGTERM');
  });
});
