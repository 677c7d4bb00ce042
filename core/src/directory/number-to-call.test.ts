import { describe, expect, it } from 'vitest';
import { numberToCall, type DirectoryContactInput, type ScheduleInput } from './opening-hours';

const PARIS = 'Europe/Paris';

const day = { open: '09:00', close: '17:30' };
/** The structure's hours: Mon–Fri 09:00–17:30. */
const main: ScheduleInput = { days: { mon: [day], tue: [day], wed: [day], thu: [day], fri: [day] } };
const am = { open: '08:30', close: '12:00' };
const secretariatHours: ScheduleInput = { days: { mon: [am], tue: [am], wed: [am], thu: [am], fri: [am] } };
const overnight = { open: '18:00', close: '08:00' };
const fullDay = { open: '08:00', close: '08:00' };
const nightWeekend: ScheduleInput = {
  days: { mon: [overnight], tue: [overnight], wed: [overnight], thu: [overnight], fri: [overnight], sat: [fullDay], sun: [fullDay] },
  holidays: [fullDay],
};

const email: DirectoryContactInput = { kind: 'email', value: 'contact@emsp.example.fr' };
const mssante: DirectoryContactInput = { kind: 'mssante', value: 'emsp@hopital.mssante.fr' };
const accueil: DirectoryContactInput = { kind: 'accueil', label: 'Accueil', value: '01 23 45 67 89' };
const secretariat: DirectoryContactInput = {
  kind: 'secretariat_medical',
  label: 'Secrétariat médical',
  value: '01 23 45 67 90',
  schedule: secretariatHours,
};
const appui: DirectoryContactInput = {
  kind: 'appui_territorial',
  label: 'Appui territorial nuit / week-end / jours fériés',
  value: '0 800 00 00 00',
  schedule: nightWeekend,
};
const astreinteAlwaysOn: DirectoryContactInput = { kind: 'astreinte', value: '06 00 00 00 00', alwaysOn: true };

const contacts = [email, mssante, accueil, secretariat, appui];

const call = (at: string, list: DirectoryContactInput[] = contacts, departement?: string) =>
  numberToCall(list, at, PARIS, departement, main);

describe('numberToCall', () => {
  it('gives the reception during opening hours (contact without schedule follows the main hours)', () => {
    expect(call('2026-06-09T10:00:00+02:00')).toEqual({
      contact: accueil,
      reason: 'horaires_ouverture',
      openUntil: new Date('2026-06-09T17:30:00+02:00'),
    });
  });
  it('takes the first open daytime line in list order', () => {
    // Tuesday 08:45: reception not yet open, medical secretariat open since 08:30.
    expect(call('2026-06-09T08:45:00+02:00')).toEqual({
      contact: secretariat,
      reason: 'horaires_ouverture',
      openUntil: new Date('2026-06-09T12:00:00+02:00'),
    });
    // Both open: the one listed first wins.
    expect(call('2026-06-09T10:00:00+02:00', [secretariat, accueil, appui])).toMatchObject({ contact: secretariat });
  });
  it('gives the night line on a weekday night (Tuesday 21:00)', () => {
    expect(call('2026-06-09T21:00:00+02:00')).toEqual({
      contact: appui,
      reason: 'ligne_nuit_weekend',
      openUntil: new Date('2026-06-10T08:00:00+02:00'),
    });
  });
  it('gives the night line on Saturday 21:00 and, the weekend line being all day, Saturday 10:00', () => {
    const monday8 = new Date('2026-06-15T08:00:00+02:00');
    expect(call('2026-06-13T21:00:00+02:00')).toEqual({ contact: appui, reason: 'ligne_nuit_weekend', openUntil: monday8 });
    expect(call('2026-06-13T10:00:00+02:00')).toEqual({ contact: appui, reason: 'ligne_nuit_weekend', openUntil: monday8 });
  });
  it('gives the holiday line in the daytime of 14 July 2026 (Tuesday)', () => {
    expect(call('2026-07-14T10:00:00+02:00')).toEqual({
      contact: appui,
      reason: 'ligne_nuit_weekend',
      openUntil: new Date('2026-07-15T08:00:00+02:00'),
    });
  });
  it('gives the holiday line on Easter Monday, Ascension and Whit Monday 2026', () => {
    expect(call('2026-04-06T11:00:00+02:00').contact).toBe(appui);
    expect(call('2026-05-14T11:00:00+02:00').contact).toBe(appui);
    expect(call('2026-05-25T11:00:00+02:00').contact).toBe(appui);
  });
  it('gives the holiday line on Good Friday in Strasbourg but the reception in Paris', () => {
    expect(call('2026-04-03T11:00:00+02:00', contacts, '67')).toMatchObject({ contact: appui, reason: 'ligne_nuit_weekend' });
    expect(call('2026-04-03T11:00:00+02:00', contacts, '75')).toMatchObject({ contact: accueil, reason: 'horaires_ouverture' });
  });
  it('gives nobody between the night line’s end and the opening, with the next opening', () => {
    // Tuesday 08:15: night line closed at 08:00, secretariat opens 08:30.
    expect(call('2026-06-09T08:15:00+02:00')).toEqual({
      contact: null,
      nextOpening: new Date('2026-06-09T08:30:00+02:00'),
      nextContact: secretariat,
    });
    expect(call('2026-06-09T08:15:00+02:00', [accueil, appui])).toEqual({
      contact: null,
      nextOpening: new Date('2026-06-09T09:00:00+02:00'),
      nextContact: accueil,
    });
  });
  it('gives the next opening across a weekend when there is no night line', () => {
    expect(call('2026-06-12T20:00:00+02:00', [email, accueil, secretariat])).toEqual({
      contact: null,
      nextOpening: new Date('2026-06-15T08:30:00+02:00'),
      nextContact: secretariat,
    });
  });
  it('gives the night line on the afternoon of 24 December when the structure closes at 12:30', () => {
    const eve: ScheduleInput = { ...main, exceptions: [{ date: '2026-12-24', slots: [{ open: '09:00', close: '12:30' }], label: 'Veille de Noël' }] };
    expect(numberToCall([accueil, appui], '2026-12-24T11:00:00+01:00', PARIS, undefined, eve)).toEqual({
      contact: accueil,
      reason: 'horaires_ouverture',
      openUntil: new Date('2026-12-24T12:30:00+01:00'),
    });
    expect(numberToCall([accueil, appui], '2026-12-24T14:00:00+01:00', PARIS, undefined, eve)).toEqual({
      contact: null,
      nextOpening: new Date('2026-12-24T18:00:00+01:00'),
      nextContact: appui,
    });
    expect(numberToCall([accueil, appui], '2026-12-25T14:00:00+01:00', PARIS, undefined, eve)).toMatchObject({
      contact: appui,
      openUntil: new Date('2026-12-28T08:00:00+01:00'),
    });
  });
  it('treats an always-on astreinte as reachable at any time, after the daytime lines', () => {
    expect(call('2026-06-09T03:00:00+02:00', [accueil, astreinteAlwaysOn])).toEqual({
      contact: astreinteAlwaysOn,
      reason: 'ligne_nuit_weekend',
      openUntil: null,
    });
    expect(call('2026-06-09T10:00:00+02:00', [astreinteAlwaysOn, accueil])).toMatchObject({ contact: accueil });
  });
  it('makes a night line without schedule nor alwaysOn follow the main hours', () => {
    const plain: DirectoryContactInput = { kind: 'astreinte', value: '06 11 11 11 11' };
    expect(call('2026-06-09T21:00:00+02:00', [plain])).toEqual({
      contact: null,
      nextOpening: new Date('2026-06-10T09:00:00+02:00'),
      nextContact: plain,
    });
  });
  it('never proposes a line without schedule when the structure has none', () => {
    expect(numberToCall([accueil], '2026-06-09T10:00:00+02:00', PARIS)).toEqual({ contact: null, nextOpening: null, nextContact: null });
  });
  it('ignores e-mail and MSSanté contacts, even with a schedule', () => {
    const mailWithHours: DirectoryContactInput = { ...email, schedule: main };
    expect(call('2026-06-09T10:00:00+02:00', [mailWithHours, mssante])).toEqual({ contact: null, nextOpening: null, nextContact: null });
  });
  it('works on the fall-back night: the night line stays the answer in the repeated hour', () => {
    expect(call('2026-10-25T01:30:00Z')).toEqual({
      contact: appui,
      reason: 'ligne_nuit_weekend',
      openUntil: new Date('2026-10-26T08:00:00+01:00'),
    });
  });
  it('works in Guadeloupe time', () => {
    // Tuesday 9 June 2026 at 14:00 UTC = 10:00 in Guadeloupe (UTC−4), 16:00 in Paris.
    const r = numberToCall([accueil, appui], '2026-06-09T14:00:00Z', 'America/Guadeloupe', '971', main);
    expect(r).toEqual({ contact: accueil, reason: 'horaires_ouverture', openUntil: new Date('2026-06-09T21:30:00Z') });
    // 27 May 2026 (Wednesday) is a holiday in Guadeloupe.
    expect(numberToCall([accueil, appui], '2026-05-27T14:00:00Z', 'America/Guadeloupe', '971', main).contact).toBe(appui);
    expect(numberToCall([accueil, appui], '2026-05-27T14:00:00Z', 'America/Guadeloupe', '972', main).contact).toBe(accueil);
  });
});
