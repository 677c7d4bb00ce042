import { createContext, useContext } from 'react';

/**
 * Errors of the edit form by path, as the contract and the server name them
 * ('name', 'contacts.0.value', 'coverage.communes', 'openingHours.days.mon.0.close').
 * Every input carries its path in data-field; an error for a path that has no input of its own
 * is shown on the closest enclosing one ('contacts.0.schedule.days' → 'contacts.0.schedule').
 */
export type PathErrors = Record<string, string>;

export const FieldErrorsContext = createContext<PathErrors>({});

export function useFieldError(path: string): string | undefined {
  return useContext(FieldErrorsContext)[path];
}

export function resolvePath(form: HTMLElement | null, path: string): string {
  if (!form) return '_form';
  const rendered = new Set(Array.from(form.querySelectorAll<HTMLElement>('[data-field]'), (e) => e.dataset.field ?? ''));
  let p = path;
  for (;;) {
    if (rendered.has(p)) return p;
    const i = p.lastIndexOf('.');
    if (i < 0) return '_form';
    p = p.slice(0, i);
  }
}

/** The message under a field, referenced by the field's aria-describedby. */
export function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {message}
    </p>
  );
}
