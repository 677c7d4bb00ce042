import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import types from './structure-types.json';

/** The source page the descriptions come from (kept outside the repository, with the other seeds). */
const SEED = '/work/shared/seeds/003_42a41172bfae737c.txt';
const norm = (s: string) => s.replace(/[\u2019]/g, "'").replace(/\s+/g, ' ').trim();
const sentences = (s: string) => norm(s).split(/(?<=[.!?])\s+/).filter(Boolean);

describe('structure types (seeds/003)', () => {
  it('a flagged type always says why, and only a flagged type has a reason', () => {
    for (const t of types) {
      expect(t.editorReview, t.code).toBe(t.editorReviewReason !== null);
      if (t.editorReviewReason) expect(t.editorReviewReason.length, t.code).toBeGreaterThan(20);
    }
  });

  it('a type without a source is flagged, except "Autre" whose text only points to the entry', () => {
    for (const t of types.filter((x) => x.source === null && x.code !== 'AUTRE')) expect(t.editorReview, t.code).toBe(true);
  });

  it.skipIf(!existsSync(SEED))('an unflagged sourced description is, sentence by sentence, in seeds/003', () => {
    const seed = norm(readFileSync(SEED, 'utf8'));
    for (const t of types.filter((x) => !x.editorReview && x.source)) {
      expect(t.source, t.code).toMatch(/seeds\/003/);
      for (const s of sentences(t.description)) expect(seed.includes(s), `${t.code}: ${s}`).toBe(true);
    }
  });
});
