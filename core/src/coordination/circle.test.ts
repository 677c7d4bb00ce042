import { expect, it } from 'vitest';
import { defaultCircleRole, isToldOfPlanChanges } from './circle';

it('makes a GP the pivot of the circle they open, and tells GPs and nurses of plan changes', () => {
  expect(defaultCircleRole('medecin_generaliste')).toBe('gp');
  expect(defaultCircleRole('infirmier')).toBe('nurse');
  expect(defaultCircleRole('masseur_kinesitherapeute')).toBe('physiotherapist');
  expect(defaultCircleRole('pharmacien')).toBe('pharmacist');
  expect(defaultCircleRole('psychologue')).toBe('other');
  expect(isToldOfPlanChanges('gp') && isToldOfPlanChanges('nurse')).toBe(true);
  expect(isToldOfPlanChanges('pharmacist') || isToldOfPlanChanges('caregiver')).toBe(false);
});
