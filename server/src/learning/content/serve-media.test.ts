import { describe, expect, it } from 'vitest';
import { parseRange } from './serve-media';
import { classify, looksLikeWebVtt } from './upload-media';

describe('Range header', () => {
  it('reads one byte range, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('says unsatisfiable for ranges outside the file, and ignores what it does not understand', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=50-10', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
  });
});

describe('upload types', () => {
  it('keeps videos, WebVTT subtitles and office documents, nothing else', () => {
    expect(classify('video/webm')).toEqual({ kind: 'video', mime: 'video/webm', ext: 'webm' });
    expect(classify('text/vtt; charset=utf-8')).toMatchObject({ kind: 'subtitles' });
    expect(classify('application/vnd.oasis.opendocument.text')).toMatchObject({ kind: 'document', ext: 'odt' });
    expect(classify('application/x-msdownload')).toBeNull();
    expect(classify('text/html')).toBeNull();
    expect(classify(undefined)).toBeNull();
  });

  it('recognises WebVTT by its first line', () => {
    expect(looksLikeWebVtt(Buffer.from('WEBVTT\n\n'))).toBe(true);
    expect(looksLikeWebVtt(Buffer.from('\uFEFFWEBVTT - Sous-titres\n'))).toBe(true);
    expect(looksLikeWebVtt(Buffer.from('WEBVTTX\n'))).toBe(false);
    expect(looksLikeWebVtt(Buffer.from('1\n00:00:00,000 --> 00:00:01,000\n'))).toBe(false);
  });
});
