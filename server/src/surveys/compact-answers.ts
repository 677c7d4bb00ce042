import { createHash } from 'node:crypto';
import { compactEncoder, compactLayout, type Answers, type SurveyDefinition } from '@palliance/core';

/** Stored beside each compact row: the report reads the row only under the same questionnaire layout. */
export function layoutFingerprint(def: SurveyDefinition): string {
  return createHash('sha256').update(compactLayout(def)).digest('base64url').slice(0, 22);
}

/**
 * What survey_response.answers_compact and compact_layout get for responses to one questionnaire,
 * written with the answers at submission and import so that the report does not read the JSON
 * answers (core/src/surveys/compact.ts). encode gives null when the compact form cannot carry the
 * answers exactly: the report then reads the JSON answers.
 */
export function compactWriter(def: SurveyDefinition): { layout: string; encode: (answers: Answers) => string | null } {
  return { layout: layoutFingerprint(def), encode: compactEncoder(def) };
}
