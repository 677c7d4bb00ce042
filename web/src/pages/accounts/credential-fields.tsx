import { PASSWORD_MIN } from '@palliance/core';
import { PasswordField, TextField, type FieldErrors } from '../../ui/forms';

export const PASSWORD_RULE = `Au moins ${PASSWORD_MIN} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`;

/**
 * The e-mail address and password of an account: those of an existing one at sign-in, or new ones at
 * registration (with their rules, and the hints a password manager needs to offer a new password).
 */
export function CredentialFields({
  newAccount = false,
  email,
  password,
  errors,
  onChange,
}: {
  newAccount?: boolean;
  email: string;
  password: string;
  errors: FieldErrors;
  onChange: (name: 'email' | 'password', value: string) => void;
}) {
  return (
    <>
      <TextField
        name="email"
        type="email"
        label="Adresse e-mail"
        hint={newAccount ? 'Un lien de vérification y sera envoyé.' : undefined}
        autoComplete={newAccount ? 'email' : 'username'}
        value={email}
        error={errors.email}
        onChange={(e) => onChange('email', e.target.value)}
      />
      <PasswordField
        name="password"
        label="Mot de passe"
        hint={newAccount ? PASSWORD_RULE : undefined}
        autoComplete={newAccount ? 'new-password' : 'current-password'}
        minLength={newAccount ? PASSWORD_MIN : undefined}
        value={password}
        error={errors.password}
        onChange={(e) => onChange('password', e.target.value)}
      />
    </>
  );
}
