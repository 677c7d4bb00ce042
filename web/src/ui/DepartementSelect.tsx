import type { SelectHTMLAttributes } from 'react';
import { SelectField } from './forms';
import { departementLabel, useTerritory } from './territory-hooks';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  optional?: boolean;
  /** The first, empty choice ("Tous les départements" for a filter). */
  placeholder?: string;
};

/** "06 – Alpes-Maritimes", from the official list the server ships. */
export function DepartementSelect({ error, placeholder = 'Choisissez un département', ...props }: Props) {
  const { territory, error: loadError } = useTerritory();
  const options = territory ? territory.departements.map((d) => ({ value: d.code, label: departementLabel(d.code, d.nom) })) : [];
  return (
    <SelectField
      {...props}
      error={error ?? loadError ?? undefined}
      options={options}
      placeholder={territory ? placeholder : 'Chargement de la liste…'}
    />
  );
}
