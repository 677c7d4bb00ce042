import { z } from 'zod';
import { fr } from 'zod/locales';

// French default messages wherever a contract gives none, on both sides.
z.config(fr());

export * from './errors';
export * from './text';
export * from './csv';
export * from './contracts/territory';
export * from './contracts/accounts';
export * from './contracts/audit';
export * from './contracts/oidc';
export * from './directory';
export * from './contracts/directory';
export * from './contracts/directory-map';
export * from './contracts/directory-interop';
export * from './contracts/platform';
export * from './contracts/learning';
export * from './contracts/privacy';
export * from './contracts/events';
export * from './contracts/quiz';
export * from './contracts/attestation';
export * from './contracts/learning-content';
export * from './contracts/forum';
export * from './contracts/groups';
export * from './contracts/surveys';
export * from './contracts/evaluation';
export * from './contracts/resources';
export * from './contracts/coordination';
export * from './contracts/learning-analytics';
export * from './contracts/indicators';
export * from './contracts/coordination-care';
