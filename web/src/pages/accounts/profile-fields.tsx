import { PRACTICE_MODES, PROFESSIONS, type Me } from '@palliance/core';
import { DepartementSelect } from '../../ui/DepartementSelect';
import { RadioGroup, SelectField, TextField, type FieldErrors } from '../../ui/forms';

export interface ProfileValues {
  firstName: string;
  lastName: string;
  profession: string;
  professionOther: string;
  practiceMode: string;
  departement: string;
  rpps: string;
}

export const PROFILE_FIELD_NAMES = ['firstName', 'lastName', 'profession', 'professionOther', 'practiceMode', 'departement', 'rpps'] as const;

export const emptyProfile: ProfileValues = {
  firstName: '',
  lastName: '',
  profession: '',
  professionOther: '',
  practiceMode: '',
  departement: '',
  rpps: '',
};

export function profileFromMe(me: Me): ProfileValues {
  return {
    firstName: me.firstName,
    lastName: me.lastName,
    profession: me.profession,
    professionOther: me.professionOther ?? '',
    practiceMode: me.practiceMode,
    departement: me.departement ?? '',
    rpps: me.rpps ?? '',
  };
}

/** The body both registration and profile update send. */
export function profileBody(v: ProfileValues) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    profession: v.profession,
    professionOther: v.profession === 'autre' ? v.professionOther.trim() || null : null,
    practiceMode: v.practiceMode,
    departement: v.departement,
    rpps: v.rpps.replace(/\s/g, '') || null,
  };
}

/** Rules the contract cannot express on its own: "Autre" needs its precision. */
export function extraProfileErrors(v: ProfileValues): FieldErrors {
  return v.profession === 'autre' && !v.professionOther.trim() ? { professionOther: 'Précisez votre profession.' } : {};
}

const professionOptions = Object.entries(PROFESSIONS).map(([value, label]) => ({ value, label }));
const practiceOptions = Object.entries(PRACTICE_MODES).map(([value, label]) => ({ value, label }));

export function ProfileFields({
  values,
  errors,
  onChange,
}: {
  values: ProfileValues;
  errors: FieldErrors;
  onChange: (name: keyof ProfileValues, value: string) => void;
}) {
  return (
    <>
      <div className="field-row">
        <TextField
          name="firstName"
          label="Prénom"
          autoComplete="given-name"
          value={values.firstName}
          error={errors.firstName}
          onChange={(e) => onChange('firstName', e.target.value)}
        />
        <TextField
          name="lastName"
          label="Nom"
          autoComplete="family-name"
          value={values.lastName}
          error={errors.lastName}
          onChange={(e) => onChange('lastName', e.target.value)}
        />
      </div>
      <SelectField
        name="profession"
        label="Profession"
        options={professionOptions}
        placeholder="Choisissez votre profession"
        value={values.profession}
        error={errors.profession}
        onChange={(e) => onChange('profession', e.target.value)}
      />
      {values.profession === 'autre' && (
        <TextField
          name="professionOther"
          label="Précisez votre profession"
          hint="Par exemple : diététicien(ne), socio-esthéticien(ne), aumônier."
          maxLength={100}
          value={values.professionOther}
          error={errors.professionOther}
          onChange={(e) => onChange('professionOther', e.target.value)}
        />
      )}
      <RadioGroup
        name="practiceMode"
        legend="Mode d'exercice"
        options={practiceOptions}
        value={values.practiceMode}
        error={errors.practiceMode}
        onChange={(v) => onChange('practiceMode', v)}
      />
      <DepartementSelect
        name="departement"
        label="Département d'exercice"
        hint="Celui où vous exercez le plus souvent : il oriente l'annuaire et la coordination vers votre territoire."
        value={values.departement}
        error={errors.departement}
        onChange={(e) => onChange('departement', e.target.value)}
      />
      <TextField
        name="rpps"
        label="Numéro RPPS"
        optional
        hint="11 chiffres, figurant sur votre carte CPS ou dans l'Annuaire santé. Laissez vide si vous n'en avez pas."
        inputMode="numeric"
        autoComplete="off"
        maxLength={14}
        value={values.rpps}
        error={errors.rpps}
        onChange={(e) => onChange('rpps', e.target.value)}
      />
    </>
  );
}
