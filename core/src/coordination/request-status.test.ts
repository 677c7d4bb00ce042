import { describe, expect, it } from 'vitest';
import { allowedActions, isOpen, transition, type RequestAction, type RequestStatus } from './request-status';

describe('support request statuses', () => {
  it('follows sent → received → accepted → in progress → closed', () => {
    expect(transition('sent', 'receive')).toEqual({ ok: true, to: 'received', isFirstResponse: false });
    expect(transition('received', 'accept')).toEqual({ ok: true, to: 'accepted', isFirstResponse: true });
    expect(transition('accepted', 'start')).toEqual({ ok: true, to: 'in_progress', isFirstResponse: false });
    expect(transition('in_progress', 'close', { outcome: 'Visite conjointe faite.' })).toEqual({ ok: true, to: 'closed', isFirstResponse: false });
  });

  it('counts a decision straight from "sent" as the first response', () => {
    expect(transition('sent', 'accept')).toMatchObject({ ok: true, isFirstResponse: true });
    expect(transition('sent', 'decline', { reason: 'Hors territoire' })).toMatchObject({ ok: true, to: 'declined', isFirstResponse: true });
  });

  it('needs a reason to decline and an outcome to close', () => {
    expect(transition('received', 'decline', { reason: '  ' })).toEqual({ ok: false, reason: 'reason_required' });
    expect(transition('accepted', 'close', {})).toEqual({ ok: false, reason: 'outcome_required' });
  });

  it('refuses every other move, and closed or declined requests never move again', () => {
    const all: RequestStatus[] = ['sent', 'received', 'accepted', 'declined', 'in_progress', 'closed'];
    const actions: RequestAction[] = ['receive', 'accept', 'decline', 'start', 'close'];
    for (const s of all) {
      for (const a of actions) {
        const r = transition(s, a, { reason: 'x', outcome: 'y' });
        expect(r.ok, `${s} --${a}`).toBe(allowedActions(s).includes(a));
      }
    }
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('declined')).toEqual([]);
    expect(transition('in_progress', 'accept')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(isOpen('in_progress')).toBe(true);
    expect(isOpen('declined')).toBe(false);
  });
});
