import type {
  AnswerResult,
  Attempt,
  Attestation,
  AttestationPublic,
  Question,
  QuestionInput,
  QuestionStats,
  Quiz,
  QuizForLearner,
  QuizInput,
  QuizResponse,
} from '@palliance/core';
import { del, get, post, put } from './http';

const enc = encodeURIComponent;

export const courseQuizzes = (courseId: string, signal?: AbortSignal) => get<QuizForLearner[]>(`/api/v1/courses/${enc(courseId)}/quizzes`, { signal });
export const getQuiz = (id: string, signal?: AbortSignal) => get<QuizForLearner>(`/api/v1/quizzes/${enc(id)}`, { signal });
/** Starts an attempt or resumes the one in progress. */
export const startAttempt = (quizId: string) => post<Attempt>(`/api/v1/quizzes/${enc(quizId)}/attempts`, {});
export const getAttempt = (id: string, signal?: AbortSignal) => get<Attempt>(`/api/v1/attempts/${enc(id)}`, { signal });
export const saveAnswer = (attemptId: string, questionId: string, response: QuizResponse) =>
  put<AnswerResult>(`/api/v1/attempts/${enc(attemptId)}/answers/${enc(questionId)}`, { response });
export const submitAttempt = (attemptId: string) => post<Attempt>(`/api/v1/attempts/${enc(attemptId)}/submit`, {});

// Teaching team
export const listQuestions = (courseId: string, signal?: AbortSignal) => get<Question[]>(`/api/v1/courses/${enc(courseId)}/questions`, { signal });
export const createQuestion = (courseId: string, input: QuestionInput) => post<Question>(`/api/v1/courses/${enc(courseId)}/questions`, input);
export const updateQuestion = (id: string, input: QuestionInput) => put<Question>(`/api/v1/questions/${enc(id)}`, input);
export const deleteQuestion = (id: string) => del<void>(`/api/v1/questions/${enc(id)}`);
export const createQuiz = (courseId: string, input: QuizInput) => post<Quiz>(`/api/v1/courses/${enc(courseId)}/quizzes`, input);
export const updateQuiz = (id: string, input: QuizInput) => put<Quiz>(`/api/v1/quizzes/${enc(id)}`, input);
export const quizResults = (id: string, signal?: AbortSignal) => get<QuestionStats[]>(`/api/v1/quizzes/${enc(id)}/results`, { signal });

// Attestations
export const myAttestations = (signal?: AbortSignal) => get<Attestation[]>('/api/v1/me/attestations', { signal });
export const verifyAttestation = (code: string, signal?: AbortSignal) => get<AttestationPublic>(`/api/v1/attestations/${enc(code)}`, { signal });
export const attestationPdfUrl = (code: string) => `/api/v1/attestations/${enc(code)}/pdf`;
export const courseAttestations = (courseId: string, signal?: AbortSignal) => get<Attestation[]>(`/api/v1/courses/${enc(courseId)}/attestations`, { signal });
export const revokeAttestation = (code: string, reason: string) => post<Attestation>(`/api/v1/attestations/${enc(code)}/revocation`, { reason });
