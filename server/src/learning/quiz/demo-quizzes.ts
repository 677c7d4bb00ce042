import { questionInputSchema, quizInputSchema, type QuestionInput } from '@palliance/core';
import type { Db } from '../../db/client';
import { quiz } from '../../db/schema';
import { insertQuestion } from './question-bank';

// Demo questions on facts stated in ../shared/seeds/000_3b322474cea294c0.txt (the presentation of the
// palliative-care MOOC, sessions 2022 and 2025): about the course itself, no medical claim.
const SOURCE = 'Document source 000 : présentation du MOOC soins palliatifs (sessions 2022 et 2025)';

const QUESTIONS: QuestionInput[] = [
  {
    prompt: 'Combien de modules comptait la session 2025 du MOOC soins palliatifs ?',
    explanation: 'La session 2025 comptait 6 modules, de « Les soins palliatifs » à « Cas cliniques » ; la première session (2022) en comptait 4.',
    tags: ['programme'],
    source: SOURCE,
    spec: {
      kind: 'single',
      choices: [
        { id: 'a', text: '4 modules', feedback: 'C’était la première session, en septembre 2022 (4 modules, 10 cours).' },
        { id: 'b', text: '6 modules', feedback: 'Oui : six modules en 2025.' },
        { id: 'c', text: '10 modules', feedback: 'Dix, c’était le nombre de cours de la première session.' },
      ],
      correct: 'b',
    },
  },
  {
    prompt: 'Quels thèmes de prise en charge le MOOC annonce-t-il ? (plusieurs réponses)',
    explanation: 'L’affiche annonce : douleur, accompagnement relationnel, nutrition, sédation… La chirurgie des cancers est un thème du SPOC, pas de ce MOOC.',
    tags: ['programme'],
    source: SOURCE,
    spec: {
      kind: 'multiple',
      choices: [
        { id: 'douleur', text: 'La douleur' },
        { id: 'nutrition', text: 'La nutrition' },
        { id: 'sedation', text: 'La sédation' },
        { id: 'chirurgie', text: 'La chirurgie des cancers', feedback: 'Non : ce thème n’est pas annoncé par le MOOC.' },
      ],
      correct: ['douleur', 'nutrition', 'sedation'],
    },
  },
  {
    prompt: 'L’inscription au MOOC soins palliatifs est payante.',
    explanation: 'L’inscription est « gratuite mais obligatoire ».',
    tags: ['inscription'],
    source: SOURCE,
    spec: { kind: 'true_false', correct: false, feedbackTrue: 'Non : elle est gratuite (mais obligatoire).', feedbackFalse: 'Exact : gratuite mais obligatoire.' },
  },
  {
    prompt: 'Combien d’apprenants s’étaient inscrits à la première session (2022) ?',
    explanation: 'La première session a compté 1499 inscrits ; la deuxième (2025), 1737.',
    tags: ['bilan'],
    source: SOURCE,
    spec: { kind: 'numeric', value: 1499, tolerance: 0, unit: 'inscrits' },
  },
  {
    prompt: 'Quel sujet a été le plus visualisé lors de la première session ? (un mot)',
    explanation: 'La douleur (plus de 80 %), devant les droits des patients et la sédation, et l’accompagnement relationnel et social (plus de 70 % chacun).',
    tags: ['bilan'],
    source: SOURCE,
    spec: { kind: 'short', accepted: ['douleur', 'la douleur'] },
  },
  {
    prompt: 'Associez chaque module de la session 2025 à son thème.',
    explanation: 'Module 2 : la douleur ; module 3 : autres symptômes ; module 5 : l’accompagnement ; module 6 : cas cliniques.',
    tags: ['programme'],
    source: SOURCE,
    spec: {
      kind: 'matching',
      pairs: [
        { id: 'm2', left: 'Module 2', right: 'La douleur' },
        { id: 'm3', left: 'Module 3', right: 'Autres symptômes' },
        { id: 'm5', left: 'Module 5', right: 'L’accompagnement' },
        { id: 'm6', left: 'Module 6', right: 'Cas cliniques' },
      ],
    },
  },
  {
    prompt: 'Remettez ces étapes dans l’ordre chronologique.',
    explanation: 'Première session en septembre 2022 ; pour 2025 : inscriptions dès le 24 février, cours en ligne du 22 avril au 15 juin.',
    tags: ['inscription'],
    source: SOURCE,
    spec: {
      kind: 'ordering',
      items: [
        { id: 's2022', text: 'Première session (septembre 2022)' },
        { id: 'insc', text: 'Ouverture des inscriptions 2025 (24 février)' },
        { id: 'debut', text: 'Début des cours 2025 (22 avril)' },
        { id: 'fin', text: 'Fin des cours 2025 (15 juin)' },
      ],
    },
  },
  {
    prompt: 'Quelle part des apprenants de la première session a participé à la totalité des cours ?',
    explanation: '87 % ont suivi la totalité des cours ; 84 % l’ont jugé utile et 79 % le recommanderaient.',
    tags: ['bilan'],
    source: SOURCE,
    spec: {
      kind: 'single',
      choices: [
        { id: '79', text: '79 %', feedback: '79 %, c’est la part qui recommanderait la formation.' },
        { id: '84', text: '84 %', feedback: '84 %, c’est la part qui l’a jugée utile.' },
        { id: '87', text: '87 %' },
      ],
      correct: '87',
    },
  },
].map((q) => questionInputSchema.parse(q));

export const DEMO_FINAL_QUIZ_TITLE = 'Évaluation finale (démo)';

/** The demo MOOC's question bank, a self-assessment, a random training draw and the final evaluation. */
export async function seedDemoQuizzes(tx: Db, courseId: string, now: Date): Promise<void> {
  const ids: string[] = [];
  // One millisecond apart so that the bank lists them in this order.
  for (const [i, q] of QUESTIONS.entries()) ids.push((await insertQuestion(tx, courseId, q, new Date(now.getTime() + i))).id);
  const quizzes = [
    quizInputSchema.parse({
      title: 'Auto-évaluation : le MOOC en chiffres (démo)',
      description: 'Quiz d’auto-évaluation, sans note : la correction s’affiche à chaque réponse. Questions tirées du document source 000.',
      kind: 'self_assessment',
      selection: { mode: 'fixed', questionIds: [ids[0], ids[2], ids[3], ids[7]] },
    }),
    quizInputSchema.parse({
      title: 'Entraînement : trois questions au hasard (démo)',
      description: 'Trois questions tirées au sort dans la banque du cours à chaque tentative.',
      kind: 'self_assessment',
      selection: { mode: 'draw', count: 3, tags: [] },
    }),
    quizInputSchema.parse({
      title: DEMO_FINAL_QUIZ_TITLE,
      description: 'Évaluation notée : 70 % de bonnes réponses pour obtenir l’attestation de réussite. Trois tentatives, 30 minutes chacune.',
      kind: 'graded',
      isFinal: true,
      selection: { mode: 'fixed', questionIds: ids },
      maxAttempts: 3,
      passMarkPercent: 70,
      timeLimitMinutes: 30,
      reviewMode: 'after_submit',
    }),
  ];
  for (const q of quizzes) {
    await tx.insert(quiz).values({
      courseId,
      title: q.title,
      description: q.description,
      kind: q.kind,
      isFinal: q.isFinal,
      selection: q.selection.mode === 'draw' ? { mode: 'draw', count: q.selection.count, tags: q.selection.tags ?? [] } : q.selection,
      maxAttempts: q.maxAttempts,
      passMarkPercent: q.passMarkPercent,
      timeLimitMinutes: q.timeLimitMinutes,
      reviewMode: q.reviewMode,
      createdAt: now,
      updatedAt: now,
    });
  }
}
