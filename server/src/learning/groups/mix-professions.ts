export interface Learner {
  id: string;
  profession: string;
}

/**
 * Spreads learners over `groupCount` groups so that each group gets the widest mix of professions.
 * Learners are lined up profession by profession (the largest profession first, ties by name;
 * within a profession by id) and dealt one by one to groups 0, 1, 2, … N-1, 0, 1, … without
 * restarting at each profession. Consequences, for any input:
 *  - group sizes differ by at most one;
 *  - each profession is split as evenly as possible (per group, floor or ceil of its share);
 *  - a group holds as many distinct professions as the counts allow.
 * Deterministic: the same learners (in any order) give the same groups.
 */
export function mixProfessions(learners: Learner[], groupCount: number): string[][] {
  if (!Number.isInteger(groupCount) || groupCount < 1) throw new RangeError('groupCount must be a positive integer');
  const byProfession = new Map<string, string[]>();
  for (const l of learners) {
    const list = byProfession.get(l.profession) ?? [];
    list.push(l.id);
    byProfession.set(l.profession, list);
  }
  const professions = [...byProfession.entries()]
    .map(([p, ids]) => [p, [...new Set(ids)].sort()] as const)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const groups: string[][] = Array.from({ length: groupCount }, () => []);
  let next = 0;
  for (const [, ids] of professions) {
    for (const id of ids) {
      groups[next].push(id);
      next = (next + 1) % groupCount;
    }
  }
  return groups;
}
