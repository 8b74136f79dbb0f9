import { describe, expect, it } from 'vitest';
import { box, esds, matroska, mp4, ogg, wavWithFormat, type Mp4Track } from './fixtures/media';
import { playbackProblem, readFromBytes, readMediaTracks, type MediaTracks } from './media';
import { probeAsset } from './probe';

const tracksOf = (b: Uint8Array) => {
  const format = probeAsset({ size: b.length, head: b.subarray(0, 65536), tail: b.subarray(Math.max(0, b.length - 65536)) }).format!;
  const t = readFromBytes(readMediaTracks(format, b.length), b);
  if (!t) throw new Error(`no tracks read from this ${format}`);
  return t;
};
const h264: Mp4Track = { handler: 'vide', entry: 'avc1', children: [box('avcC', [1, 100, 0, 40])] };
const hevc: Mp4Track = { handler: 'vide', entry: 'hvc1' };
const aac: Mp4Track = { handler: 'soun', entry: 'mp4a', children: [esds(0x40)] };

describe('codecs read from the container', () => {
  it('reads MP4 sample entries, with moov first or after a large mdat', () => {
    expect(tracksOf(mp4([h264, aac]))).toEqual({ container: 'mp4', video: ['h264'], audio: ['aac'] });
    expect(tracksOf(mp4([hevc, aac], { moovLast: true, mdatBytes: 200_000 }))).toEqual({ container: 'mp4', video: ['hevc'], audio: ['aac'] });
    expect(tracksOf(mp4([{ handler: 'vide', entry: 'vp09' }, { handler: 'soun', entry: 'Opus' }])).video).toEqual(['vp9']);
    expect(tracksOf(mp4([{ handler: 'vide', entry: 'av01' }, { handler: 'soun', entry: 'mp4a', children: [esds(0x6b)] }]))).toMatchObject({ video: ['av1'], audio: ['mp3'] });
    expect(tracksOf(mp4([{ handler: 'soun', entry: 'ac-3' }])).audio).toEqual(['ac3']);
  });
  it('reads WebM CodecIDs and tells Matroska from WebM', () => {
    expect(tracksOf(matroska(['V_VP9', 'A_OPUS']))).toEqual({ container: 'webm', video: ['vp9'], audio: ['opus'] });
    expect(tracksOf(matroska(['V_MPEGH/ISO/HEVC', 'A_AAC']))).toEqual({ container: 'webm', video: ['hevc'], audio: ['aac'] });
    expect(tracksOf(matroska(['V_MPEG4/ISO/AVC'], 'matroska')).container).toBe('matroska');
  });
  it('reads Ogg streams and the WAV format tag', () => {
    expect(tracksOf(ogg('OpusHead'))).toEqual({ container: 'ogg', video: [], audio: ['opus'] });
    expect(tracksOf(ogg('\x80theora'))).toEqual({ container: 'ogg', video: ['theora'], audio: [] });
    expect(tracksOf(wavWithFormat(1))).toEqual({ container: 'wav', video: [], audio: ['pcm'] });
    expect(tracksOf(wavWithFormat(0x11))).toEqual({ container: 'wav', video: [], audio: ['adpcm'] });
  });
  it('answers undefined for an MP4 with no moov', () => {
    const noMoov = new Uint8Array([...box('ftyp', 'isom'), ...box('mdat', new Uint8Array(32))]);
    expect(readFromBytes(readMediaTracks('mp4', noMoov.length), noMoov)).toBeUndefined();
  });
});

describe('what the hall plays', () => {
  const verdict = (t: MediaTracks, c: 'video' | 'audio' = 'video') => playbackProblem(t, c);
  it('plays H.264, VP9 and AV1 with AAC, Opus, MP3 or Vorbis', () => {
    for (const t of [tracksOf(mp4([h264, aac])), tracksOf(matroska(['V_VP9', 'A_VORBIS'])), tracksOf(mp4([{ handler: 'vide', entry: 'av01' }]))]) expect(verdict(t)).toBeUndefined();
    expect(verdict(tracksOf(wavWithFormat(1)), 'audio')).toBeUndefined();
    expect(verdict(tracksOf(ogg('OpusHead')), 'audio')).toBeUndefined();
  });
  it('refuses HEVC with a message that says what to do', () => {
    const p = verdict(tracksOf(mp4([hevc, aac])));
    expect(p).toMatchObject({ code: 'asset.unplayable', severity: 'error' });
    expect(p!.message['zh-Hans']).toBe('该视频为 H.265/HEVC 编码，展厅浏览器无法播放，请转为 H.264（MP4）。');
    expect(p!.message.en).toBe("This video is H.265/HEVC, which the hall's browser cannot play. Convert it to H.264 (MP4).");
  });
  it('refuses Dolby sound, ADPCM WAV, Theora, renamed MKV and DRM, and warns of a video without a picture', () => {
    expect(verdict(tracksOf(mp4([h264, { handler: 'soun', entry: 'ac-3' }])))!.message['zh-Hans']).toContain('杜比数字 AC-3');
    expect(verdict(tracksOf(wavWithFormat(2)), 'audio')!.message['zh-Hans']).toContain('ADPCM');
    expect(verdict(tracksOf(ogg('\x80theora')))!.message['zh-Hans']).toContain('Theora');
    expect(verdict(tracksOf(matroska(['V_MPEG4/ISO/AVC'], 'matroska')))!.message['zh-Hans']).toContain('MKV');
    expect(verdict(tracksOf(mp4([{ handler: 'vide', entry: 'encv' }])))!.message['zh-Hans']).toContain('DRM');
    expect(verdict(tracksOf(mp4([aac])))).toMatchObject({ code: 'asset.no-picture', severity: 'warning' });
  });
});
