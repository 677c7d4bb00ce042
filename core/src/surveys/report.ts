import { compactDecoder } from './compact';
import { isEnabled, type AnswerValue, type Answers, type QuestionDef, type SurveyItemKind, type SurveyDefinition } from './model';
import { NumberSample, percent, QUARTILE_METHOD, type NumberSummary } from './statistics';

/** How respondents are split by an item: merged values (GP + specialist = doctors) or number classes. */
export interface Dimension {
  linkId: string;
  merges?: { label: string; codes: string[] }[];
  bins?: { label: string; min?: number | null; max?: number | null }[];
}

export interface ReportOptions {
  groupBy?: Dimension | null;
  crossTables?: { rows: Dimension; columns: string }[];
  /** Analyst themes of free-text answers, by `${responseId}:${linkId}`. */
  themes?: ReadonlyMap<string, readonly string[]>;
  /** At most this many free-text answers listed per item (all are counted). */
  textLimit?: number;
}

export interface Category {
  key: string;
  label: string;
}

export interface CountRow {
  code: string;
  label: string;
  count: number;
  /** count / answered × 100, one decimal; null when nobody answered. */
  percent: number | null;
}

export interface ItemStats {
  /** Respondents in the group. */
  respondents: number;
  /** Respondents for whom the item was not shown (its condition was not met). */
  notApplicable: number;
  answered: number;
  /** Shown but left empty. Never counted as zero in any statistic. */
  missing: number;
  /** Denominator of the percentages: the respondents who answered the item. */
  denominator: number;
  counts?: CountRow[];
  numbers?: NumberSummary;
  /** Scale items: how many chose 1, 2, 3, 4, 5. */
  distribution?: CountRow[];
  dates?: { earliest: string | null; latest: string | null };
}

export interface TextAnswer {
  responseId: string;
  text: string;
  themes: string[];
  group: string | null;
}

export interface ItemReport {
  linkId: string;
  text: string;
  kind: SurveyItemKind;
  section: string | null;
  scaleGroup: string | null;
  overall: ItemStats;
  /** By group key, in the order of report.groupBy.groups. */
  byGroup: Record<string, ItemStats> | null;
  texts?: { listed: TextAnswer[]; total: number; themes: { theme: string; count: number }[]; untagged: number };
}

export interface CrossTable {
  rows: { linkId: string; text: string };
  columns: { linkId: string; text: string };
  columnCategories: Category[];
  lines: { key: string; label: string; total: number; missing: number; counts: number[]; percents: (number | null)[] }[];
  totals: { total: number; counts: number[]; percents: (number | null)[] };
}

export interface SurveyReport {
  questionnaire: { id: string; title: string };
  respondents: number;
  quartileMethod: string;
  groupBy: { linkId: string; text: string; groups: (Category & { respondents: number })[] } | null;
  scaleGroups: { linkId: string; text: string; items: string[] }[];
  items: ItemReport[];
  crossTables: CrossTable[];
}

export class ReportProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const NO_ANSWER = '__sans-reponse';

interface Classifier {
  question: QuestionDef;
  categories: Category[];
  classify(v: AnswerValue | undefined): number[];
}

/** Categories of a dimension and the function putting an answer in them (several for a multiple choice). */
export function classifier(def: SurveyDefinition, dim: Dimension, field: string): Classifier {
  const q = def.questions.find((x) => x.linkId === dim.linkId);
  if (!q) throw new ReportProblem(field, `La question « ${dim.linkId} » n'existe pas dans ce questionnaire.`);
  const categories: Category[] = [];
  const index = new Map<string, number>();
  const none = (): number[] => [categories.length - 1];
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'boolean') {
    const options = q.kind === 'boolean' ? [{ code: 'true', label: 'Oui' }, { code: 'false', label: 'Non' }] : q.options;
    const mergeOf = new Map<string, number>();
    (dim.merges ?? []).forEach((m, i) => {
      for (const c of m.codes) {
        if (!options.some((o) => o.code === c)) throw new ReportProblem(field, `Le regroupement « ${m.label} » cite la réponse inconnue « ${c} ».`);
        if (mergeOf.has(c)) throw new ReportProblem(field, `La réponse « ${c} » est dans deux regroupements.`);
        mergeOf.set(c, i);
      }
    });
    const mergeCat = new Map<number, number>();
    for (const o of options) {
      const m = mergeOf.get(o.code);
      if (m === undefined) {
        index.set(o.code, categories.length);
        categories.push({ key: o.code, label: o.label });
      } else {
        if (!mergeCat.has(m)) {
          mergeCat.set(m, categories.length);
          categories.push({ key: `regroupement-${m + 1}`, label: dim.merges![m].label });
        }
        index.set(o.code, mergeCat.get(m)!);
      }
    }
    categories.push({ key: NO_ANSWER, label: 'Sans réponse' });
    return {
      question: q,
      categories,
      classify(v) {
        if (v === undefined) return none();
        if (Array.isArray(v)) {
          const out: number[] = [];
          for (const c of v) {
            const i = index.get(c);
            if (i !== undefined && !out.includes(i)) out.push(i);
          }
          return out.length ? out : none();
        }
        const i = index.get(String(v));
        return i === undefined ? none() : [i];
      },
    };
  }
  if (q.kind === 'integer' || q.kind === 'decimal' || q.kind === 'scale') {
    let bins = dim.bins ?? [];
    if (bins.length === 0) {
      if (q.kind !== 'scale') throw new ReportProblem(field, `Pour regrouper selon le nombre « ${q.text} », définissez des classes (ex. 1 / 2-5 / 6-10 / plus de 10).`);
      bins = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), min: n, max: n }));
    }
    bins.forEach((b, i) => {
      if (b.min != null && b.max != null && b.min > b.max) throw new ReportProblem(field, `La classe « ${b.label} » a un minimum supérieur à son maximum.`);
      categories.push({ key: `classe-${i + 1}`, label: b.label });
    });
    categories.push({ key: NO_ANSWER, label: 'Sans réponse' });
    return {
      question: q,
      categories,
      classify(v) {
        if (typeof v !== 'number') return none();
        // The first class that holds the value wins (classes are read in the order given).
        const i = bins.findIndex((b) => (b.min == null || v >= b.min) && (b.max == null || v <= b.max));
        return i < 0 ? none() : [i];
      },
    };
  }
  throw new ReportProblem(field, `On ne peut pas regrouper selon « ${q.text} » (texte libre ou date).`);
}

/**
 * The figures of one item over a set of responses. Its respondents are not counted here: they are
 * the group's, counted once per response rather than once per item.
 */
class Accumulator {
  notApplicable = 0;
  answered = 0;
  counts: Int32Array;
  values = new NumberSample();
  earliest: string | null = null;
  latest: string | null = null;
  constructor(
    readonly q: QuestionDef,
    readonly codeIndex: Map<string, number>,
    size: number,
  ) {
    this.counts = new Int32Array(size);
  }
  /**
   * The figures of the union of disjoint sets of responses. Exact: every statistic is a sum, a
   * minimum, a maximum or (summarize) a function of the sorted values, whatever their order.
   */
  static merge(parts: Accumulator[]): Accumulator {
    const used = parts.filter((a) => a.answered > 0 || a.notApplicable > 0);
    if (used.length <= 1) return used[0] ?? parts[0];
    const first = used[0];
    const m = new Accumulator(first.q, first.codeIndex, first.counts.length);
    for (const a of used) {
      m.notApplicable += a.notApplicable;
      m.answered += a.answered;
      for (let i = 0; i < a.counts.length; i++) m.counts[i] += a.counts[i];
      if (a.earliest !== null && (m.earliest === null || a.earliest < m.earliest)) m.earliest = a.earliest;
      if (a.latest !== null && (m.latest === null || a.latest > m.latest)) m.latest = a.latest;
    }
    m.values = NumberSample.merge(used.map((a) => a.values));
    return m;
  }
  result(labels: { code: string; label: string }[], respondents: number): ItemStats {
    const missing = respondents - this.notApplicable - this.answered;
    const base: ItemStats = { respondents, notApplicable: this.notApplicable, answered: this.answered, missing, denominator: this.answered };
    const rows = () => labels.map((o, i) => ({ code: o.code, label: o.label, count: this.counts[i], percent: percent(this.counts[i], this.answered) }));
    switch (this.q.kind) {
      case 'single':
      case 'multiple':
      case 'boolean':
        return { ...base, counts: rows() };
      case 'scale':
        return { ...base, numbers: this.values.summary(), distribution: rows() };
      case 'integer':
      case 'decimal':
        return { ...base, numbers: this.values.summary() };
      case 'date':
        return { ...base, dates: { earliest: this.earliest, latest: this.latest } };
      case 'text':
        return base;
    }
  }
}

/**
 * Adds one answer to the accumulators accs[t] for t in targets (see createReportBuilder: a response
 * of one group feeds that group's only; the overall figures are merged from them at the end). The
 * answer is looked up once for all of them: with 100,000 responses and 60 items this is the
 * report's inner loop.
 */
function addToAll(accs: Accumulator[], targets: readonly number[], v: AnswerValue | undefined, enabled: boolean): void {
  const n = targets.length;
  if (!enabled) {
    for (let t = 0; t < n; t++) accs[targets[t]].notApplicable++;
    return;
  }
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return;
  for (let t = 0; t < n; t++) accs[targets[t]].answered++;
  const a0 = accs[targets[0]];
  switch (a0.q.kind) {
    case 'single':
    case 'boolean': {
      const i = a0.codeIndex.get(String(v));
      if (i !== undefined) for (let t = 0; t < n; t++) accs[targets[t]].counts[i]++;
      break;
    }
    case 'multiple':
      for (const c of v as string[]) {
        const i = a0.codeIndex.get(c);
        if (i !== undefined) for (let t = 0; t < n; t++) accs[targets[t]].counts[i]++;
      }
      break;
    case 'scale':
      for (let t = 0; t < n; t++) {
        const a = accs[targets[t]];
        if (typeof v === 'number' && v >= 1 && v <= 5) a.counts[v - 1]++;
        a.values.add(v as number);
      }
      break;
    case 'integer':
    case 'decimal':
      for (let t = 0; t < n; t++) accs[targets[t]].values.add(v as number);
      break;
    case 'date': {
      const s = String(v);
      for (let t = 0; t < n; t++) {
        const a = accs[targets[t]];
        if (a.earliest === null || s < a.earliest) a.earliest = s;
        if (a.latest === null || s > a.latest) a.latest = s;
      }
      break;
    }
    case 'text':
      break;
  }
}

const SINGLE = 0;
const BOOLEAN = 1;
const MULTIPLE = 2;
const SCALE = 3;
const NUMBER = 4;
const DATE = 5;
const TEXT = 6;
const KIND_CODE: Record<SurveyItemKind, number> = { single: SINGLE, boolean: BOOLEAN, multiple: MULTIPLE, scale: SCALE, integer: NUMBER, decimal: NUMBER, date: DATE, text: TEXT };

/**
 * Adds one answer of a compact row (compact.ts; not null, item shown) to one accumulator, as
 * addToAll adds the answer it stands for; choices are counted straight from their option positions.
 */
function addCompactValue(a: Accumulator, kind: number, v: unknown): void {
  switch (kind) {
    case SINGLE:
      a.answered++;
      a.counts[v as number]++;
      return;
    case BOOLEAN:
      a.answered++;
      a.counts[v === true ? 0 : 1]++;
      return;
    case MULTIPLE:
      // An empty list is no answer, as in addToAll.
      if (typeof v === 'number') {
        if (v === 0) return;
        a.answered++;
        for (let m = v, i = 0; m !== 0; m >>>= 1, i++) if ((m & 1) !== 0) a.counts[i]++;
      } else {
        const list = v as readonly number[];
        if (list.length === 0) return;
        a.answered++;
        for (let j = 0; j < list.length; j++) a.counts[list[j]]++;
      }
      return;
    case SCALE:
      a.answered++;
      if ((v as number) >= 1 && (v as number) <= 5) a.counts[(v as number) - 1]++;
      a.values.add(v as number);
      return;
    case NUMBER:
      a.answered++;
      a.values.add(v as number);
      return;
    case DATE:
      a.answered++;
      if (a.earliest === null || (v as string) < a.earliest) a.earliest = v as string;
      if (a.latest === null || (v as string) > a.latest) a.latest = v as string;
      return;
    default:
      a.answered++;
  }
}

const NO_GROUPS: readonly number[] = [];

function optionList(q: QuestionDef): { code: string; label: string }[] {
  if (q.kind === 'boolean') return [{ code: 'true', label: 'Oui' }, { code: 'false', label: 'Non' }];
  if (q.kind === 'scale') return [1, 2, 3, 4, 5].map((n) => ({ code: String(n), label: String(n) }));
  return q.options;
}

export interface ResponseInput {
  id: string;
  answers: Answers;
}

/**
 * Builds the report in one pass over the responses (an iterable, so the caller may stream them from
 * the database). Memory grows with the distinct numbers kept for the quartiles (statistics.ts NumberSample), not with the answers.
 */
export function createReportBuilder(def: SurveyDefinition, opts: ReportOptions = {}) {
  const group = opts.groupBy ? classifier(def, opts.groupBy, 'groupBy') : null;
  const groupCount = group ? group.categories.length : 0;
  const groupSizes = new Int32Array(groupCount);
  const textLimit = opts.textLimit ?? 100;
  const items = def.questions.map((q) => {
    const list = optionList(q);
    const codeIndex = new Map(list.map((o, i) => [o.code, i]));
    const accs = Array.from({ length: 1 + 2 * groupCount }, () => new Accumulator(q, codeIndex, list.length));
    return { q, list, accs, texts: [] as TextAnswer[], textTotal: 0, themeCounts: new Map<string, number>(), untagged: 0 };
  });
  const crosses = (opts.crossTables ?? []).map((c, i) => {
    const rows = classifier(def, c.rows, `crossTables.${i}.rows`);
    const cols = classifier(def, { linkId: c.columns }, `crossTables.${i}.columns`);
    const nc = cols.categories.length - 1; // the no-answer column is counted apart, as "missing"
    return { rows, cols, nc, counts: rows.categories.map(() => new Int32Array(nc)), totals: new Int32Array(rows.categories.length), missing: new Int32Array(rows.categories.length) };
  });
  let respondents = 0;
  const position = new Map(def.questions.map((q, i) => [q.linkId, i]));
  const groupPos = group ? position.get(group.question.linkId)! : -1;
  const crossPos = crosses.map((c) => [position.get(c.rows.question.linkId)!, position.get(c.cols.question.linkId)!]);
  // Conditions read the answers they depend on by position, through a small object built per response.
  const conditions = items.map((it) => it.q.enableWhen.map((w) => [w.question, position.get(w.question)!] as const));

  const enabledFor = (k: number, values: ReadonlyArray<AnswerValue | undefined | null>): boolean => {
    if (conditions[k].length === 0) return true;
    const ctx: Answers = {};
    for (const [linkId, pos] of conditions[k]) {
      const dep = values[pos];
      if (dep !== undefined && dep !== null) ctx[linkId] = dep;
    }
    return isEnabled(items[k].q, ctx);
  };
  // Accumulators of an item: [0] responses counted directly in the overall figures (all of them
  // without grouping, else those in several groups), [1 + g] responses in group g only, [1 + G + g]
  // responses in group g and others. A response in one group is thus added once, not twice; the
  // overall figures merge [0] and [1 + g], group g's merge [1 + g] and [1 + G + g].
  const OVERALL: readonly number[] = [0];
  const groupOnly = Array.from({ length: groupCount }, (_, g): readonly number[] => [1 + g]);
  let targets = OVERALL;
  const startResponse = (values: ReadonlyArray<AnswerValue | undefined | null>): readonly number[] => {
    respondents++;
    const groups = group ? group.classify(values[groupPos] ?? undefined) : NO_GROUPS;
    for (const g of groups) groupSizes[g]++;
    targets = !group ? OVERALL : groups.length === 1 ? groupOnly[groups[0]] : [0, ...groups.map((g) => 1 + groupCount + g)];
    return groups;
  };
  const addText = (it: (typeof items)[number], id: string, v: string, groups: readonly number[]) => {
    it.textTotal++;
    const themes = opts.themes?.get(`${id}:${it.q.linkId}`) ?? [];
    if (themes.length === 0) it.untagged++;
    for (const t of themes) it.themeCounts.set(t, (it.themeCounts.get(t) ?? 0) + 1);
    if (it.texts.length < textLimit) it.texts.push({ responseId: id, text: v, themes: [...themes], group: group && groups.length ? group.categories[groups[0]].label : null });
  };
  const addCrosses = (values: ReadonlyArray<AnswerValue | undefined | null>) => {
    crosses.forEach((c, i) => {
      const rk = c.rows.classify(values[crossPos[i][0]] ?? undefined);
      const v = values[crossPos[i][1]] ?? undefined;
      const ck = v === undefined ? [] : c.cols.classify(v).filter((k) => k < c.nc);
      for (const rr of rk) {
        if (ck.length === 0) {
          c.missing[rr]++;
          continue;
        }
        c.totals[rr]++;
        for (const cc of ck) c.counts[rr][cc]++;
      }
    });
  };

  /** One response, its answers in the order of def.questions (undefined or null = no answer). */
  const addValues = (id: string, values: ReadonlyArray<AnswerValue | undefined | null>) => {
    const groups = startResponse(values);
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      const v = values[k] ?? undefined;
      const enabled = enabledFor(k, values);
      addToAll(it.accs, targets, v, enabled);
      if (it.q.kind === 'text' && enabled && typeof v === 'string' && v !== '') addText(it, id, v, groups);
    }
    addCrosses(values);
  };

  // Compact rows (compact.ts): only the answers that groups, cross-tables and conditions read are
  // decoded to codes; choices are counted straight from their option positions.
  const decoders = def.questions.map(compactDecoder);
  const decodedPositions = [...new Set([groupPos, ...crossPos.flat(), ...conditions.flatMap((c) => c.map(([, pos]) => pos))])].filter((p) => p >= 0);
  const decoded = new Array<AnswerValue | undefined>(items.length);
  const kinds = Uint8Array.from(items, (it) => KIND_CODE[it.q.kind]);
  const conditional = items.map((it) => it.q.enableWhen.length > 0);
  const addEncoded = (id: string, row: readonly unknown[]) => {
    if (row.length !== items.length) throw new Error(`Réponse compacte de ${row.length} valeurs pour ${items.length} questions.`);
    for (const p of decodedPositions) decoded[p] = decoders[p](row[p]);
    const groups = startResponse(decoded);
    const n = targets.length;
    for (let k = 0; k < items.length; k++) {
      const accs = items[k].accs;
      if (conditional[k] && !enabledFor(k, decoded)) {
        for (let t = 0; t < n; t++) accs[targets[t]].notApplicable++;
        continue;
      }
      const v = row[k];
      if (v === null) continue;
      const kind = kinds[k];
      for (let t = 0; t < n; t++) addCompactValue(accs[targets[t]], kind, v);
      if (kind === TEXT && v !== '') addText(items[k], id, v as string, groups);
    }
    addCrosses(decoded);
  };

  return {
    /** The linkIds in the order addValues expects. */
    order: def.questions.map((q) => q.linkId),
    addValues,
    /** One response as its compact row (JSON.parse of encodeCompact's output, same questionnaire layout). */
    addEncoded,
    add(r: ResponseInput) {
      addValues(
        r.id,
        def.questions.map((q) => r.answers[q.linkId]),
      );
    },
    result(): SurveyReport {
      const scaleGroups = new Map<string, { linkId: string; text: string; items: string[] }>();
      for (const q of def.questions) {
        if (!q.scaleGroup) continue;
        const g = scaleGroups.get(q.scaleGroup.linkId) ?? { ...q.scaleGroup, items: [] };
        g.items.push(q.linkId);
        scaleGroups.set(q.scaleGroup.linkId, g);
      }
      return {
        questionnaire: { id: def.id, title: def.title },
        respondents,
        quartileMethod: QUARTILE_METHOD,
        groupBy: group
          ? { linkId: group.question.linkId, text: group.question.text, groups: group.categories.map((c, i) => ({ ...c, respondents: groupSizes[i] })) }
          : null,
        scaleGroups: [...scaleGroups.values()],
        items: items.map((it) => {
          const report: ItemReport = {
            linkId: it.q.linkId,
            text: it.q.text,
            kind: it.q.kind,
            section: it.q.section?.text ?? null,
            scaleGroup: it.q.scaleGroup?.linkId ?? null,
            overall: (group ? Accumulator.merge(it.accs.slice(0, 1 + groupCount)) : it.accs[0]).result(it.list, respondents),
            byGroup: group
              ? Object.fromEntries(group.categories.map((c, i) => [c.key, Accumulator.merge([it.accs[1 + i], it.accs[1 + groupCount + i]]).result(it.list, groupSizes[i])]))
              : null,
          };
          if (it.q.kind === 'text') {
            report.texts = {
              listed: it.texts,
              total: it.textTotal,
              themes: [...it.themeCounts].map(([theme, count]) => ({ theme, count })).sort((x, y) => y.count - x.count || x.theme.localeCompare(y.theme, 'fr')),
              untagged: it.untagged,
            };
          }
          return report;
        }),
        crossTables: crosses.map((c) => {
          const colTotals = new Array<number>(c.nc).fill(0);
          let all = 0;
          const lines = c.rows.categories.map((cat, i) => {
            const counts = Array.from(c.counts[i]);
            counts.forEach((n, j) => (colTotals[j] += n));
            all += c.totals[i];
            return { key: cat.key, label: cat.label, total: c.totals[i], missing: c.missing[i], counts, percents: counts.map((n) => percent(n, c.totals[i])) };
          });
          return {
            rows: { linkId: c.rows.question.linkId, text: c.rows.question.text },
            columns: { linkId: c.cols.question.linkId, text: c.cols.question.text },
            columnCategories: c.cols.categories.slice(0, c.nc),
            lines,
            totals: { total: all, counts: colTotals, percents: colTotals.map((n) => percent(n, all)) },
          };
        }),
      };
    },
  };
}

export function buildReport(def: SurveyDefinition, responses: Iterable<ResponseInput>, opts: ReportOptions = {}): SurveyReport {
  const b = createReportBuilder(def, opts);
  for (const r of responses) b.add(r);
  return b.result();
}

/**
 * The two survey figures the territorial indicators follow (seed 004 recommendations): the share of
 * respondents who know the territorial support number and the share who bill the palliative codes.
 * Denominator = respondents who answered the item. Null when the survey has no such item.
 */
export function territorialSurveyFigures(
  report: SurveyReport,
  items: { supportNumber: string; billing: string } = { supportNumber: 'appui-territorial', billing: 'cotations' },
): { knowsSupportNumber: { percent: number | null; yes: number; answered: number } | null; billsPalliativeCodes: { percent: number | null; yes: number; answered: number } | null } {
  const share = (linkId: string) => {
    const it = report.items.find((x) => x.linkId === linkId && x.kind === 'boolean');
    if (!it) return null;
    const yes = it.overall.counts?.find((c) => c.code === 'true')?.count ?? 0;
    return { percent: percent(yes, it.overall.answered), yes, answered: it.overall.answered };
  };
  return { knowsSupportNumber: share(items.supportNumber), billsPalliativeCodes: share(items.billing) };
}
