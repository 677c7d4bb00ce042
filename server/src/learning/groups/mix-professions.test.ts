import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixProfessions, type Learner } from './mix-professions';

const professionOf = (learners: Learner[]) => new Map(learners.map((l) => [l.id, l.profession]));

describe('mixProfessions', () => {
  it('puts one of each profession in each group when the counts allow', () => {
    const learners: Learner[] = [
      ...['i1', 'i2', 'i3'].map((id) => ({ id, profession: 'infirmier' })),
      ...['m1', 'm2', 'm3'].map((id) => ({ id, profession: 'medecin_generaliste' })),
      ...['k1', 'k2', 'k3'].map((id) => ({ id, profession: 'masseur_kinesitherapeute' })),
    ];
    const groups = mixProfessions(learners, 3);
    const p = professionOf(learners);
    for (const g of groups) expect(new Set(g.map((id) => p.get(id))).size).toBe(3);
  });

  it('spreads a rare profession over different groups rather than pairing its members', () => {
    const learners: Learner[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, profession: 'infirmier' })),
      { id: 'psy1', profession: 'psychologue' },
      { id: 'psy2', profession: 'psychologue' },
    ];
    const groups = mixProfessions(learners, 2);
    expect(groups.map((g) => g.filter((id) => id.startsWith('psy')).length)).toEqual([1, 1]);
    expect(groups.map((g) => g.length)).toEqual([4, 4]);
  });

  it('gives the same groups whatever the order of the learners', () => {
    const learners: Learner[] = [
      { id: 'b', profession: 'pharmacien' },
      { id: 'a', profession: 'infirmier' },
      { id: 'c', profession: 'infirmier' },
      { id: 'd', profession: 'benevole' },
    ];
    expect(mixProfessions([...learners].reverse(), 2)).toEqual(mixProfessions(learners, 2));
  });

  it('leaves groups empty when there are fewer learners than groups, and refuses zero groups', () => {
    expect(mixProfessions([{ id: 'a', profession: 'x' }], 3)).toEqual([['a'], [], []]);
    expect(() => mixProfessions([], 0)).toThrow(RangeError);
  });

  it('for any input: everyone placed once, sizes within one, each profession split within one', () => {
    const learnersArb = fc
      .uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), profession: fc.constantFrom('inf', 'med', 'kine', 'psy', 'pharma', 'as') }), { selector: (l) => l.id, maxLength: 80 })
      .map((ls) => ls as Learner[]);
    fc.assert(
      fc.property(learnersArb, fc.integer({ min: 1, max: 12 }), (learners, n) => {
        const groups = mixProfessions(learners, n);
        expect(groups).toHaveLength(n);
        expect(groups.flat().sort()).toEqual(learners.map((l) => l.id).sort());
        const sizes = groups.map((g) => g.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        const p = professionOf(learners);
        for (const prof of new Set(learners.map((l) => l.profession))) {
          const per = groups.map((g) => g.filter((id) => p.get(id) === prof).length);
          expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
