/** Dates on printed documents: French, in metropolitan time (the sheet is printed for a French file). */
export function formatInTimeZone(at: Date, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}
