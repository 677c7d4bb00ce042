/** The role a professional takes in a care circle by default, from the profession of their account. */
export function defaultCircleRole(profession: string): 'gp' | 'nurse' | 'physiotherapist' | 'pharmacist' | 'other' {
  switch (profession) {
    case 'medecin_generaliste':
      return 'gp';
    case 'infirmier':
      return 'nurse';
    case 'masseur_kinesitherapeute':
      return 'physiotherapist';
    case 'pharmacien':
      return 'pharmacist';
    default:
      return 'other';
  }
}

/** Who hears that a structure joined or that the treatment plan changed: the GP and the nurses. */
export const isToldOfPlanChanges = (circleRole: string) => circleRole === 'gp' || circleRole === 'nurse';
