import { describe, expect, it } from 'vitest';
import { herePointFindings, parseHallConfig, planSurfaces, type Display } from './hall';

const displays: Display[] = [
  { index: 0, name: 'DUMMY0', x: 0, y: 0, width: 1920, height: 1080, primary: true },
  { index: 1, name: 'DUMMY1', x: 1920, y: 0, width: 1920, height: 1080, primary: false },
  { index: 2, name: 'DUMMY2', x: 3840, y: 0, width: 1280, height: 720, primary: false },
];

describe('hall config', () => {
  it('defaults to a kiosk on the first display and walls on the others', () => {
    const { surfaces, findings } = planSurfaces({}, displays);
    expect(findings).toEqual([]);
    expect(surfaces.map((s) => [s.id, s.role, s.displayName, s.touch])).toEqual([
      ['kiosk', 'kiosk', 'DUMMY0', true],
      ['wall-1', 'wall', 'DUMMY1', false],
      ['wall-2', 'wall', 'DUMMY2', false],
    ]);
    expect(surfaces[2]?.bounds).toEqual({ x: 3840, y: 0, width: 1280, height: 720 });
  });

  it('maps surfaces by index or output name', () => {
    const { config, findings } = parseHallConfig('surfaces:\n  - { id: cinema, role: cinema, display: DUMMY2 }\n  - { id: touch, role: kiosk, display: 1 }\n', 'hall.yaml');
    expect(findings).toEqual([]);
    const planned = planSurfaces(config, displays).surfaces;
    expect(planned.map((s) => [s.id, s.displayIndex, s.touch])).toEqual([
      ['cinema', 2, false],
      ['touch', 1, true],
    ]);
  });

  it('reports a wrong value with its line and column, and falls back to defaults', () => {
    const text = 'idleSeconds: 90\nsurfaces:\n  - id: kiosk\n    role: toaster\n    display: 0\n';
    const { config, findings } = parseHallConfig(text, '/etc/redhall/hall.yaml');
    expect(config).toEqual({});
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'hall.schema', file: '/etc/redhall/hall.yaml', line: 4, column: 11 });
    expect(findings[0]?.message['zh-Hans']).toContain('surfaces.0.role');
  });

  it('reports YAML syntax errors and duplicate ids', () => {
    expect(parseHallConfig('surfaces: [\n', 'h.yaml').findings[0]?.code).toBe('yaml.syntax');
    const dup = parseHallConfig('surfaces:\n  - { id: a, role: wall, display: 0 }\n  - { id: a, role: wall, display: 1 }\n', 'h.yaml');
    expect(dup.findings[0]).toMatchObject({ code: 'hall.duplicate-id', line: 3 });
  });

  it('takes the hall’s LAN names, places a malformed one, and warns when they cannot apply', () => {
    const ok = parseHallConfig('listen: lan\nhostNames: [redhall.lan, Hall-PC]\n', 'hall.yaml');
    expect(ok.findings).toEqual([]);
    expect(ok.config.hostNames).toEqual(['redhall.lan', 'Hall-PC']);
    const bad = parseHallConfig('listen: lan\nhostNames:\n  - redhall.lan\n  - "http://redhall.lan/"\n', 'hall.yaml');
    expect(bad.config).toEqual({});
    expect(bad.findings).toHaveLength(1);
    expect(bad.findings[0]).toMatchObject({ code: 'hall.schema', severity: 'error', line: 4 });
    expect(bad.findings[0]?.message.en).toContain('hostNames.1');
    const unused = parseHallConfig('port: 8080\nhostNames: [redhall.lan]\n', 'hall.yaml');
    expect(unused.findings).toMatchObject([{ code: 'hall.host-names-unused', severity: 'warning', line: 2 }]);
    expect(unused.config).toMatchObject({ port: 8080, hostNames: ['redhall.lan'] });
  });

  it('warns about a surface whose display is missing and places the rest', () => {
    const { config } = parseHallConfig('surfaces:\n  - { id: a, role: kiosk, display: 0 }\n  - { id: b, role: wall, display: HDMI-9 }\n', 'h.yaml');
    const { surfaces, findings } = planSurfaces(config, displays);
    expect(surfaces.map((s) => s.id)).toEqual(['a']);
    expect(findings[0]?.code).toBe('hall.no-display');
  });

  it('places each kiosk on its map, and says where a "you are here" names no point', () => {
    const text = 'surfaces:\n  - { id: gate, role: kiosk, display: 0, here: west-gate }\n  - id: lake\n    role: kiosk\n    display: 1\n    here: boathouse\n';
    const { config, findings, locate } = parseHallConfig(text, 'hall.yaml');
    expect(findings).toEqual([]);
    expect(planSurfaces(config, displays).surfaces.map((s) => s.here)).toEqual(['west-gate', 'boathouse']);
    const maps = [{ id: 'park', points: [{ id: 'west-gate' }, { id: 'lakeside' }] }];
    const placed = herePointFindings(config, maps, locate, 'hall.yaml');
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ code: 'hall.unknown-here', severity: 'warning', file: 'hall.yaml', line: 6, column: 11 });
    expect(placed[0]!.message.en).toContain('boathouse');
    expect(placed[0]!.message.en).toContain('lakeside');
  });
});
