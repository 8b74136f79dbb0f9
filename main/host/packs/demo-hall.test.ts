import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packJsonSchemas } from '../../../core/pack/json-schema';
import { checkPackDir, loadPackDir } from './load';

const demo = join(import.meta.dirname, '../../../content/demo-hall');

describe('the demo hall pack', () => {
  it('validates with zero findings', async () => {
    const { findings } = await checkPackDir(demo);
    expect(findings).toEqual([]);
  });

  it('has the five zones, a 1921–2021 timeline of at least 30 dated stations, a map route, the oath, a cinema and an attract loop', async () => {
    const p = await loadPackDir(demo);
    expect(p.exhibits?.modules.map((m) => m.id)).toEqual(['setting-sail', 'party-building', 'gathering-strength', 'firm-belief', 'original-aspiration']);
    const t = p.content.timelines[0]!;
    expect(t.style).toBe('metro');
    expect(t.stations.length).toBeGreaterThanOrEqual(30);
    expect(t.stations[0]!.date.startsWith('1921')).toBe(true);
    expect(t.stations.at(-1)!.date).toBe('2021-07-01');
    const byId = new Map(t.stations.map((s) => [s.id, s.date]));
    expect(Object.fromEntries(['nanchang', 'ruijin', 'founding', 'atomic-bomb', 'hong-kong', 'wto', 'poverty'].map((id) => [id, byId.get(id)]))).toEqual({
      nanchang: '1927-08-01', ruijin: '1931-11-07', founding: '1949-10-01', 'atomic-bomb': '1964-10-16', 'hong-kong': '1997-07-01', wto: '2001-12-11', poverty: '2021-02-25',
    });
    expect(p.content.maps[0]!.routes[0]!.points.length).toBeGreaterThan(3);
    expect(p.content.oath!.lines.map((l) => (typeof l.text === 'string' ? l.text : l.text['zh-Hans'])).join('')).toBe(
      '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。',
    );
    expect(p.content.cinema?.schedule.length).toBeGreaterThan(0);
    expect(p.content.attract?.slides.length).toBeGreaterThan(2);
    expect(p.assets['media/video/dawn.mp4']).toMatchObject({ format: 'mp4', width: 640, height: 360 });
    expect(p.assets['media/video/dawn.mp4']!.seconds).toBeCloseTo(8, 0);
    expect(p.assets['media/audio/oath-cues.ogg']!.seconds).toBeCloseTo(36, 1);
    expect(p.assets['media/map/park.svg']).toMatchObject({ format: 'svg', width: 1600, height: 1000 });
    // zh-Hant is derived where the curator wrote none.
    expect(p.manifest.title).toMatchObject({ 'zh-Hant': '紅色會客廳' });
  });

  it('stays small', async () => {
    const { execFileSync } = await import('node:child_process');
    const kb = Number(execFileSync('du', ['-sk', demo], { encoding: 'utf8' }).split('\t')[0]);
    expect(kb).toBeLessThan(5 * 1024);
  });

  it('is accepted by the generated JSON Schemas, which refuse what zod refuses', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { parse } = await import('yaml');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const schemas = packJsonSchemas();
    const files: Record<string, string> = {
      'pack.yaml': 'pack.schema.json', 'exhibits.yaml': 'exhibits.schema.json', 'timeline.yaml': 'timeline.schema.json', 'map.yaml': 'map.schema.json',
      'cinema.yaml': 'cinema.schema.json', 'oath.yaml': 'oath.schema.json', 'attract.yaml': 'attract.schema.json', 'reading.yaml': 'reading.schema.json',
      'shows/welcome.yaml': 'show.schema.json',
    };
    for (const [file, schemaFile] of Object.entries(files)) {
      const validate = ajv.compile(schemas[schemaFile] as object);
      const doc = parse(await readFile(join(demo, file), 'utf8')) as Record<string, unknown>;
      expect(validate(doc), `${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      // The modeline in each file points at its schema.
      expect(await readFile(join(demo, file), 'utf8')).toContain(`$schema=${file.includes('/') ? '../../../' : '../../'}schemas/${schemaFile}`);
    }
    const exhibits = ajv.compile(schemas['exhibits.schema.json'] as object);
    expect(exhibits({ modules: [{ id: 'm', title: 'x', items: [{ id: 'i', kind: 'text', title: 't', titel: 'oops' }] }] })).toBe(false);
    expect(exhibits({ modules: [{ id: 'M!', title: 'x', items: [] }] })).toBe(false);
  });

  it('ships JSON Schemas that match the zod schemas', async () => {
    for (const [file, schema] of Object.entries(packJsonSchemas())) {
      const onDisk = JSON.parse(await readFile(join(import.meta.dirname, '../../../schemas', file), 'utf8')) as unknown;
      expect(onDisk, `${file} is stale: run npm run --silent redhall -- pack schema`).toEqual(schema);
    }
  });
});
