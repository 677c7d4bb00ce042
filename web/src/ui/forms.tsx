import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/http';

export type FieldErrors = Record<string, string>;

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** First message per field, keyed by the top-level field name the server also uses. */
export function issuesToErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * Error state of one form. After a failed submit, focus moves to the first invalid field
 * (or to the form message), which screen readers announce with its description.
 */
export function useFormFeedback() {
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!attempt) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else alertRef.current?.focus();
  }, [attempt]);

  const fail = useCallback((fieldErrors: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setAttempt((n) => n + 1);
  }, []);

  /** A server refusal: on the field it names, otherwise above the form. */
  const failWith = useCallback(
    (err: unknown, fieldNames: readonly string[] = []) => {
      if (err instanceof ApiError) {
        if (err.field && fieldNames.includes(err.field.split('.')[0])) fail({ [err.field.split('.')[0]]: err.message });
        else fail({}, err.message);
      } else {
        console.error(err);
        fail({}, "Une erreur inattendue s'est produite. Réessayez dans un instant.");
      }
    },
    [fail],
  );

  const reset = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  const clearField = useCallback((name: string) => {
    setErrors((prev) => {
      if (!(name in prev)) return prev;
      const next = { ...prev };
      delete next[name];
      return next;
    });
  }, []);

  return { formRef, alertRef, errors, formError, fail, failWith, reset, clearField, attempt };
}

/** Announced message above a form: the server's refusal or the count of invalid fields. */
export function FormAlert({
  alertRef,
  message,
  errors,
}: {
  alertRef: React.RefObject<HTMLDivElement | null>;
  message: string | null;
  errors?: FieldErrors;
}) {
  const count = errors ? Object.keys(errors).length : 0;
  const text = message ?? (count ? (count === 1 ? 'Le formulaire contient une erreur.' : `Le formulaire contient ${count} erreurs.`) : null);
  return (
    <div ref={alertRef} tabIndex={-1} role="alert" className={text ? 'alert alert-error' : 'visually-hidden'}>
      {text}
    </div>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, hint, error, optional, children, className }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (facultatif)</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** What every labelled field takes, whatever its control. */
interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
}

/** The attributes that tie a control to its label, hint and error, shared by every field. */
function controlProps(id: string, { name, hint, error, optional }: FieldProps) {
  return {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    required: !optional,
  };
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & FieldProps;

export function TextField({ name, label, hint, error, optional, className, ...input }: TextFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        {...controlProps(id, { name, label, hint, error, optional })}
        {...input}
      />
    </FieldShell>
  );
}

export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const [visible, setVisible] = useState(false);
  const { name, label, hint, error, optional, className, ...input } = props;
  const id = `${useId()}${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <div className="password-row">
        <input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          required={!optional}
          spellCheck={false}
          autoCapitalize="off"
          {...input}
        />
        <button type="button" className="button button-secondary button-small" aria-pressed={visible} aria-controls={id} onClick={() => setVisible((v) => !v)}>
          {visible ? 'Masquer' : 'Afficher'}
          <span className="visually-hidden"> le mot de passe</span>
        </button>
      </div>
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> &
  FieldProps & {
  options: readonly { value: string; label: string }[];
  placeholder?: string;
};

export function SelectField({ name, label, hint, error, optional, options, placeholder, className, ...select }: SelectFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        {...controlProps(id, { name, label, hint, error, optional })}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function RadioGroup({
  name,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
}) {
  const id = `${useId()}${name}`;
  return (
    <fieldset className={`field radio-group${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <div className="radio-options">
        {options.map((o, i) => (
          <label key={o.value} className="radio">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-invalid={error && i === 0 ? true : undefined}
              required
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Success or information message announced without moving focus. */
export function StatusMessage({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' }) {
  return (
    <div role="status" className={`alert alert-${tone}`}>
      {children}
    </div>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> & FieldProps;

export function TextAreaField({ name, label, hint, error, optional, className, ...textarea }: TextAreaFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <textarea
        {...controlProps(id, { name, label, hint, error, optional })}
        rows={5}
        {...textarea}
      />
    </FieldShell>
  );
}
