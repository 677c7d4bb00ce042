import { z } from 'zod';
import { optionalText, requiredText as text } from './fields';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../coordination';


export const PLACES_OF_LIFE = { home: 'Domicile', ehpad: 'EHPAD', assisted_living: 'Résidence autonomie', other: 'Autre lieu' } as const;
export type PlaceOfLife = keyof typeof PLACES_OF_LIFE;
export const SEXES = { female: 'Féminin', male: 'Masculin', other: 'Autre / non précisé' } as const;

/** Roles in the care circle (FHIR CareTeam.participant.role); the GP is the pivot. */
export const CIRCLE_ROLES = {
  gp: 'Médecin traitant (pivot)',
  nurse: 'Infirmier(e)',
  physiotherapist: 'Masseur-kinésithérapeute',
  pharmacist: 'Pharmacien(ne)',
  other: 'Autre professionnel',
  structure: 'Structure',
  caregiver: 'Aidant familial',
} as const;
export type CircleRole = keyof typeof CIRCLE_ROLES;
export const professionalCircleRoleSchema = z.enum(['gp', 'nurse', 'physiotherapist', 'pharmacist', 'other'], {
  error: 'Choisissez un rôle dans le cercle : médecin traitant, infirmier(e), kinésithérapeute, pharmacien(ne) ou autre.',
});

export const CONSENT_PURPOSES = {
  coordination: 'Coordination des soins par le cercle',
  data_sharing: 'Partage des données avec les structures d’appui',
  tele_expertise: 'Télé-expertise',
} as const;
export const CONSENT_GIVERS = { patient: 'Le patient', legal_representative: 'Son représentant légal', trusted_person: 'Sa personne de confiance' } as const;

const communeCode = z.string({ error: 'La commune est requise.' }).regex(/^[0-9][0-9AB][0-9]{3}$/, 'Choisissez la commune du lieu de vie dans la liste (code INSEE).');

export const patientIdentitySchema = z.object({
  firstName: text('Le prénom', 100),
  lastName: text('Le nom', 100),
  birthDate: z.iso.date({ error: 'La date de naissance doit être au format AAAA-MM-JJ.' }).nullable().optional(),
  sex: z.enum(['female', 'male', 'other'], { error: 'Le sexe doit être « female », « male » ou « other ».' }).nullable().optional(),
  insMatricule: z
    .string()
    .trim()
    .regex(/^[12][0-9]{12}([0-9]{2})?$/, 'Le matricule INS est le NIR : 13 chiffres (15 avec la clé), commençant par 1 ou 2.')
    .nullable()
    .optional(),
  insOid: z.string().trim().max(64, "L'OID INS ne peut pas dépasser 64 caractères.").nullable().optional(),
  placeOfLife: z.enum(['home', 'ehpad', 'assisted_living', 'other'], { error: 'Choisissez le lieu de vie dans la liste.' }),
  addressLine: z.string().trim().max(300, "L'adresse ne peut pas dépasser 300 caractères.").nullable().optional(),
  communeCode,
});
export type PatientIdentityInput = z.infer<typeof patientIdentitySchema>;

export const consentInputSchema = z.object({
  purpose: z.enum(['coordination', 'data_sharing', 'tele_expertise'], { error: 'Choisissez l’objet du consentement dans la liste.' }),
  decision: z.enum(['given', 'withdrawn'], { error: 'La décision doit être « given » ou « withdrawn ».' }).optional().default('given'),
  givenBy: z.enum(['patient', 'legal_representative', 'trusted_person'], { error: 'Choisissez qui a donné son consentement.' }),
  /** The day it was given or withdrawn (by default the day it is recorded); never in the future. */
  givenOn: z.iso.date({ error: 'La date du consentement doit être au format AAAA-MM-JJ.' }).optional(),
  note: optionalText('La note', 1000),
});
export type ConsentInput = z.infer<typeof consentInputSchema>;

export const createPatientSchema = patientIdentitySchema.extend({
  /** The creator's own role in the circle; by default from their profession. */
  myRole: professionalCircleRoleSchema.optional(),
  /** The GP named at creation (an account's e-mail), when the creator is not the GP. */
  gpEmail: z.email({ error: "L'adresse du médecin traitant n'est pas valide." }).trim().toLowerCase().optional(),
  consent: consentInputSchema.optional(),
});
export type CreatePatientInput = z.infer<typeof createPatientSchema>;

export const circleMemberInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('professional'), email: z.email({ error: "L'adresse e-mail du professionnel n'est pas valide." }).trim().toLowerCase(), circleRole: professionalCircleRoleSchema }),
    z.object({ kind: z.literal('structure'), structureId: z.uuid({ error: "L'identifiant de la structure n'est pas valide." }) }),
    z.object({
      kind: z.literal('caregiver'),
      displayName: text("Le nom de l'aidant", 200),
      relationship: optionalText('Le lien avec le patient', 100),
      phone: optionalText('Le téléphone', 30),
      email: z.union([z.literal(''), z.email({ error: "L'adresse e-mail de l'aidant n'est pas valide." })]).optional().default(''),
    }),
  ],
  { error: 'Le type de membre doit être « professional », « structure » ou « caregiver ».' },
);
export type CircleMemberInput = z.infer<typeof circleMemberInputSchema>;

export const circleMemberSchema = z.object({
  id: z.string(),
  kind: z.enum(['professional', 'structure', 'caregiver']),
  circleRole: z.enum(['gp', 'nurse', 'physiotherapist', 'pharmacist', 'other', 'structure', 'caregiver']),
  userId: z.string().nullable(),
  structureId: z.string().nullable(),
  displayName: z.string(),
  profession: z.string().nullable(),
  relationship: z.string(),
  phone: z.string(),
  email: z.string(),
  joinedThrough: z.enum(['added', 'creator', 'support_request']),
  addedAt: z.string(),
});
export type CircleMember = z.infer<typeof circleMemberSchema>;

export const consentSchema = consentInputSchema.extend({ id: z.string(), givenOn: z.string().nullable(), recordedBy: z.string().nullable(), recordedByName: z.string(), recordedAt: z.string() });
export type Consent = z.infer<typeof consentSchema>;

export const patientSummarySchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  communeCode: z.string(),
  communeName: z.string(),
  departement: z.string(),
  placeOfLife: z.enum(['home', 'ehpad', 'assisted_living', 'other']),
  myRole: z.string(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const patientFileSchema = patientSummarySchema.extend({
  sex: z.string().nullable(),
  insMatricule: z.string().nullable(),
  insOid: z.string().nullable(),
  addressLine: z.string().nullable(),
  createdAt: z.string(),
  consents: z.array(consentSchema),
  circle: z.array(circleMemberSchema),
});
export type PatientFile = z.infer<typeof patientFileSchema>;

export const ENTRY_KINDS = { note: 'Note partagée', notebook: 'Cahier de liaison', treatment_plan: 'Changement du plan de traitement' } as const;
export type EntryKind = keyof typeof ENTRY_KINDS;
export const entryKindSchema = z.enum(['note', 'notebook', 'treatment_plan'], { error: 'Le type doit être « note », « notebook » ou « treatment_plan ».' });
export const entryInputSchema = z.object({ kind: entryKindSchema, body: text('Le texte', 20_000) });
export const entrySchema = z.object({
  id: z.string(),
  kind: entryKindSchema,
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  structureId: z.string().nullable(),
  createdAt: z.string(),
});
export type PatientEntry = z.infer<typeof entrySchema>;
export const entriesQuerySchema = z.object({ kind: entryKindSchema.optional() });

export const accessLogEntrySchema = z.object({
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  label: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

// Notifications
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const unreadCountSchema = z.object({ unread: z.number().int() });
export const notificationPreferenceSchema = z.object({
  emailMode: z.enum(['immediate', 'daily_digest'], { error: 'Choisissez « immediate » (un courriel par notification) ou « daily_digest » (un résumé par jour).' }),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

// Support requests ("demandes d'appui")
export const REQUEST_REASONS = {
  pain: 'Douleur',
  other_symptoms: 'Autres symptômes',
  sedation: 'Sédation',
  complex_decision: 'Décision complexe',
  palliative_emergency: 'Urgence palliative',
  social: 'Situation sociale',
  psychological: 'Soutien psychologique',
  orientation: 'Orientation',
  tele_expertise: 'Télé-expertise',
} as const;
export type RequestReason = keyof typeof REQUEST_REASONS;
export const URGENCIES = { routine: 'Sous 48 heures', urgent: 'Urgent (dans la journée)', emergency: 'Urgence palliative (immédiat)' } as const;
export type Urgency = keyof typeof URGENCIES;

/** A FHIR R4 QuestionnaireResponse as the evaluation forms produce it (kept as is). */
export const questionnaireResponseSchema = z
  .object({
    resourceType: z.literal('QuestionnaireResponse', { error: 'Une évaluation jointe doit être une ressource FHIR QuestionnaireResponse.' }),
    status: z.string().optional(),
  })
  .passthrough();

export const supportRequestInputSchema = z.object({
  structureId: z.uuid({ error: 'Choisissez la structure à qui adresser la demande.' }),
  reason: z.enum(Object.keys(REQUEST_REASONS) as [RequestReason, ...RequestReason[]], { error: 'Choisissez le motif de la demande dans la liste.' }),
  urgency: z.enum(['routine', 'urgent', 'emergency'], { error: "Choisissez l'urgence ressentie : « routine », « urgent » ou « emergency »." }),
  body: optionalText('Le message', 10_000),
  evaluations: z.array(questionnaireResponseSchema).max(20, 'Vous pouvez joindre au plus 20 évaluations.').optional().default([]),
  idempotencyKey: z
    .string({ error: "La clé d'idempotence est requise (un identifiant tiré au hasard par le client)." })
    .min(8, "La clé d'idempotence doit contenir au moins 8 caractères.")
    .max(100, "La clé d'idempotence ne peut pas dépasser 100 caractères."),
});
export type SupportRequestInput = z.input<typeof supportRequestInputSchema>;

const requestStatusSchema = z.enum(['sent', 'received', 'accepted', 'declined', 'in_progress', 'closed']);
const clockStateSchema = z.enum(['waiting', 'due_soon', 'overdue', 'answered_in_time', 'answered_late']);

export const supportRequestSummarySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  patientCommune: z.string(),
  structureId: z.string(),
  structureName: z.string(),
  requesterId: z.string().nullable(),
  requesterName: z.string(),
  reason: z.string(),
  urgency: z.string(),
  status: requestStatusSchema,
  sentAt: z.string(),
  dueAt: z.string(),
  firstResponseAt: z.string().nullable(),
  clock: clockStateSchema,
});
export type SupportRequestSummary = z.infer<typeof supportRequestSummarySchema>;

export const requestMessageSchema = z.object({ id: z.string(), authorId: z.string().nullable(), authorName: z.string(), fromStructure: z.boolean(), body: z.string(), createdAt: z.string() });
export type RequestMessage = z.infer<typeof requestMessageSchema>;
export const requestFileSchema = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), uploadedAt: z.string(), url: z.string() });
export type RequestFile = z.infer<typeof requestFileSchema>;
export const requestTransitionSchema = z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), actorId: z.string().nullable(), note: z.string(), at: z.string() });

export const supportRequestSchema = supportRequestSummarySchema.extend({
  body: z.string(),
  evaluations: z.array(z.record(z.string(), z.unknown())),
  declineReason: z.string().nullable(),
  outcomeSummary: z.string().nullable(),
  responseHours: z.number(),
  receivedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** What the signed-in user may do: status actions for the structure's staff. */
  actions: z.array(z.enum(['receive', 'accept', 'decline', 'start', 'close'])),
  iAmStructure: z.boolean(),
  messages: z.array(requestMessageSchema),
  files: z.array(requestFileSchema),
  history: z.array(requestTransitionSchema),
});
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const requestActionInputSchema = z.object({
  action: z.enum(['receive', 'accept', 'decline', 'start', 'close'], { error: "L'action doit être « receive », « accept », « decline », « start » ou « close »." }),
  reason: z.string().trim().max(2000, 'Le motif ne peut pas dépasser 2000 caractères.').optional(),
  outcome: z.string().trim().max(10_000, 'Le compte rendu ne peut pas dépasser 10 000 caractères.').optional(),
});
export const requestMessageInputSchema = z.object({ body: text('Le message', 10_000) });

export const inboxQuerySchema = z.object({
  state: z.enum(['open', 'closed'], { error: 'Le filtre doit être « open » ou « closed ».' }).optional().default('open'),
  /** The cursor returned by the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().default(50),
});
export const inboxPageSchema = z.object({ items: z.array(supportRequestSummarySchema), next: z.string().nullable() });
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const structureSettingSchema = z.object({
  responseHours: z
    .number({ error: 'Le délai de réponse est un nombre d’heures.' })
    .int('Le délai de réponse est un nombre entier d’heures.')
    .min(1, 'Le délai de réponse est d’au moins 1 heure.')
    .max(720, 'Le délai de réponse ne peut pas dépasser 720 heures (30 jours).'),
});

export const suggestedStructuresSchema = z.object({
  commune: z.object({ code: z.string(), nom: z.string(), departement: z.string() }),
  structures: z.array(z.object({ id: z.string(), name: z.string(), types: z.array(z.string()), typeLabel: z.string(), isDemo: z.boolean(), inCircle: z.boolean() })),
});
export type SuggestedStructures = z.infer<typeof suggestedStructuresSchema>;

export const myStructuresSchema = z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), openRequests: z.number(), responseHours: z.number() }));
