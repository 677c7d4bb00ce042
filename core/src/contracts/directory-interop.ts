import { z } from 'zod';

/**
 * Directory import / export: the CSV layout (one structure per row, opened in Excel by French
 * users) and the FHIR R4 names (ROR-shaped Organization / HealthcareService / Location).
 */

/** Column order of the CSV export; the import accepts any order and any subset that has nom and types. */
export const DIRECTORY_CSV_COLUMNS = [
  'id',
  'nom',
  'types',
  'finess',
  'siret',
  'ror',
  'adresse',
  'code_postal',
  'commune',
  'latitude',
  'longitude',
  'public',
  'telephone_accueil',
  'telephone_secretariat',
  'telephone_astreinte',
  'telephone_appui_territorial',
  'email',
  'mssante',
  'horaires',
  'delai_acces_jours',
  'delai_confirme_le',
  'lits',
  'description',
  'couverture_departements',
  'couverture_communes',
  'contacts_json',
  'rattachement_id',
  'demo',
  'version',
  'mis_a_jour_le',
] as const;
export type DirectoryCsvColumn = (typeof DIRECTORY_CSV_COLUMNS)[number];

/** Written by the export, ignored by the import: the server sets them. */
export const DIRECTORY_CSV_SERVER_COLUMNS: readonly DirectoryCsvColumn[] = ['version', 'mis_a_jour_le'];
export const DIRECTORY_CSV_REQUIRED_COLUMNS: readonly DirectoryCsvColumn[] = ['nom', 'types'];
/** Separator inside a cell holding a list (types, public, coverage). */
export const DIRECTORY_CSV_LIST_SEPARATOR = '|';
export const DIRECTORY_CSV_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many problems are listed in one answer. */
export const DIRECTORY_CSV_MAX_ERRORS = 1000;

export const directoryExportQuerySchema = z.object({
  departement: z
    .string()
    .trim()
    .regex(/^(\d{2}|2A|2B|9[78]\d)$/, 'Code de département non valide (ex. 06, 2A, 974).')
    .optional(),
  type: z.string().trim().min(1).max(40).optional(),
});

export const csvImportIssueSchema = z.object({
  /** Line in the file where the record starts; the header is line 1. */
  line: z.number(),
  /** Column name, or null for a problem with the whole line. */
  column: z.string().nullable(),
  reason: z.string(),
});
export type CsvImportIssue = z.infer<typeof csvImportIssueSchema>;

/** 400 body of a refused CSV import: nothing was written. */
export const csvImportFailureSchema = z.object({
  code: z.literal('invalid_csv'),
  message: z.string(),
  errors: z.array(csvImportIssueSchema),
});
export type CsvImportFailure = z.infer<typeof csvImportFailureSchema>;

export const directoryImportAnswerSchema = z.object({ imported: z.number(), ids: z.array(z.string()) });
export type DirectoryImportAnswer = z.infer<typeof directoryImportAnswerSchema>;

/**
 * `?mode=update` lets an import also update entries already in the directory (matched by our id,
 * FINESS, SIRET or ROR id); `dryRun=true` only reports what would happen.
 */
export const directoryImportQuerySchema = z.object({
  mode: z.enum(['create', 'update'], { error: 'Mode d’import inconnu : « create » (création seule) ou « update » (création et mise à jour).' }).default('create'),
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun vaut « true » ou « false ».' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
export type DirectoryImportQuery = z.infer<typeof directoryImportQuerySchema>;

export const IMPORT_OUTCOMES = { created: 'Création', updated: 'Mise à jour', unchanged: 'Inchangée', error: 'Erreur' } as const;

/** What an update import did (or, in a dry run, would do), line by line. */
export const directoryImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** True once written; a dry run, or a file with errors, writes nothing. */
  applied: z.boolean(),
  message: z.string(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.number(),
  lines: z.array(
    z.object({
      /** Line of the CSV file (header = 1), or index of the Organization entry of a FHIR Bundle. */
      line: z.number(),
      outcome: z.enum(['created', 'updated', 'unchanged', 'error']),
      id: z.string().nullable(),
      name: z.string().nullable(),
      changedFields: z.array(z.string()),
    }),
  ),
  /** Every problem, with its line and column (FHIR: the FHIRPath of the element). */
  problems: z.array(csvImportIssueSchema),
});
export type DirectoryImportReport = z.infer<typeof directoryImportReportSchema>;

/** Identifier and code systems of the FHIR resources. */
export const FHIR_SYSTEMS = {
  structure: 'urn:palliance:structure',
  structureType: 'urn:palliance:structure-type',
  audience: 'urn:palliance:audience',
  serviceCategory: 'urn:palliance:service-category',
  departement: 'urn:palliance:departement',
  commune: 'urn:palliance:commune-insee',
  // FR Core 2.x (Interop'Santé): FINESS and SIRET.
  finess: 'https://finess.esante.gouv.fr',
  siret: 'https://sirene.fr',
  // The ROR names its entries by resource id, not by an identifier system: ours until one exists.
  ror: 'urn:palliance:ror-id',
} as const;

/** What FHIR cannot hold natively, kept so an export imports back to the same directory. */
export const FHIR_EXTENSIONS = {
  /** On a ContactPoint: kind, label, schedule (JSON), alwaysOn. */
  contact: 'urn:palliance:fhir:contact',
  /** On a HealthcareService: the opening-hours schedule as JSON (availableTime is its lossy view). */
  schedule: 'urn:palliance:fhir:schedule',
  /** On a HealthcareService: days, confirmedAt. */
  accessDelay: 'urn:palliance:fhir:access-delay',
  capacityBeds: 'urn:palliance:fhir:capacity-beds',
  /** On an Address: the commune's INSEE code. */
  communeInsee: 'urn:palliance:fhir:commune-insee',
  /** On an Organization: fictional demo entry. */
  demo: 'urn:palliance:fhir:demo',
} as const;

export const FHIR_SEARCH_PARAMS = ['address-city', 'address-postalcode', 'type', '_count', '_offset', '_format'] as const;
export const FHIR_DEFAULT_COUNT = 20;
export const FHIR_MAX_COUNT = 200;
