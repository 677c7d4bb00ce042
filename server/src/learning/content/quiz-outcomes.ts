/**
 * Which quizzes a learner has passed. The quiz module (another part of "Se former") owns quiz
 * attempts; this module only asks through this interface, so it never reads the quiz tables.
 */
export interface QuizOutcomes {
  passedQuizIds(userId: string, quizIds: string[]): Promise<Set<string>>;
}

/**
 * Until the integrator wires the quiz module's implementation (in app.ts:
 * `app.register(learningContentRoutes, { quizOutcomes: <the quiz module's QuizOutcomes> })`),
 * no quiz counts as passed: a lesson holding a quiz block stays incomplete while the course
 * rule requires quizzes.
 */
export const noQuizOutcomes: QuizOutcomes = {
  async passedQuizIds() {
    return new Set();
  },
};
