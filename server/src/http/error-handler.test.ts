import { describe, expect, it } from 'vitest';
import { toErrorAnswer } from './error-handler';
import { AppError } from './errors';

describe('toErrorAnswer', () => {
  it('keeps an AppError as it is', () => {
    const a = toErrorAnswer(new AppError(409, 'conflict', 'Déjà là', 'email'));
    expect(a).toMatchObject({ status: 409, body: { code: 'conflict', message: 'Déjà là', field: 'email' } });
  });

  it('answers 503 when the database is unreachable, with no detail', () => {
    const e = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const a = toErrorAnswer(e);
    expect(a.status).toBe(503);
    expect(a.body.message).not.toMatch(/5432|ECONNREFUSED/);
  });

  it('answers 503 for a connection lost in the middle of a query, wrapped or not by Drizzle', () => {
    const killed = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = Object.assign(new Error('Failed query: select 1\nparams: '), { cause: killed });
    expect(toErrorAnswer(wrapped).status).toBe(503);
    expect(toErrorAnswer(new Error('Client has encountered a connection error and is not queryable')).status).toBe(503);
    const unique = Object.assign(new Error('Failed query: insert …'), { cause: Object.assign(new Error('duplicate key'), { code: '23505' }) });
    expect(toErrorAnswer(unique).status).toBe(409);
  });

  it('hides anything unexpected behind a French 500 without the original message', () => {
    const a = toErrorAnswer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(a.status).toBe(500);
    expect(a.body.message).toMatch(/inattendue/);
    expect(JSON.stringify(a.body)).not.toMatch(/undefined|TypeError/);
  });
});
