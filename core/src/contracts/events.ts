import { z } from 'zod';
import { isoInstant as instant, optionalText, requiredText as text } from './fields';
import { professionSchema } from './accounts';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../events';


export const EVENT_KINDS = { webinar: 'Webinaire', workshop: 'Atelier en présentiel', exchange_group: "Groupe d'échange" } as const;
export type EventKind = keyof typeof EVENT_KINDS;
export const eventKindSchema = z.enum(['webinar', 'workshop', 'exchange_group'], {
  error: 'Le type doit être « webinar », « workshop » ou « exchange_group ».',
});
export const EVENT_STATUSES = { draft: 'Brouillon', published: 'Publié', cancelled: 'Annulé' } as const;
export const eventStatusSchema = z.enum(['draft', 'published', 'cancelled'], { error: 'Le statut doit être « draft », « published » ou « cancelled ».' });

const depCode = z.string({ error: 'Le département est requis.' }).trim().regex(/^(\d{2}|2A|2B|9[78]\d)$/, "Le département n'est pas valide (ex. 06, 2A, 974).");

export const recurrenceRuleSchema = z
  .object({
    freq: z.enum(['weekly', 'monthly'], { error: 'La fréquence doit être « weekly » (chaque semaine) ou « monthly » (chaque mois).' }),
    interval: z.number().int().min(1, "L'intervalle est d'au moins 1.").max(12, "L'intervalle ne peut pas dépasser 12.").optional().default(1),
    weekday: z.number({ error: 'Le jour de la semaine est requis (1 = lundi … 7 = dimanche).' }).int().min(1, 'Le jour de la semaine va de 1 (lundi) à 7 (dimanche).').max(7, 'Le jour de la semaine va de 1 (lundi) à 7 (dimanche).'),
    setPos: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], { error: 'La position dans le mois est 1, 2, 3, 4 ou -1 (le dernier).' })
      .nullable()
      .optional(),
    time: z.string({ error: "L'heure est requise." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "L'heure s'écrit HH:MM (ex. 20:00)."),
    durationMinutes: z.number({ error: 'La durée est requise.' }).int().min(15, 'La durée est d’au moins 15 minutes.').max(600, 'La durée ne peut pas dépasser 10 heures.'),
    startDate: z.iso.date({ error: 'La date de début s’écrit AAAA-MM-JJ.' }),
    count: z.number({ error: 'Le nombre de séances est requis.' }).int().min(1, 'Au moins une séance.').max(60, 'Au plus 60 séances à la fois.'),
  })
  .superRefine((r, ctx) => {
    if (r.freq === 'monthly' && !r.setPos) ctx.addIssue({ code: 'custom', path: ['setPos'], message: 'Pour un rythme mensuel, dites quel jour du mois (1er, 2e, 3e, 4e ou dernier).' });
  });
export type RecurrenceRuleInput = z.infer<typeof recurrenceRuleSchema>;

export const eventInputSchema = z
  .object({
    kind: eventKindSchema,
    title: text('Le titre', 200),
    description: optionalText('La description', 20_000),
    /** Professions the event is meant for; empty = every profession. */
    audience: z.array(professionSchema).max(20).optional().default([]),
    organiserName: text("Le nom de l'organisateur", 200),
    organiserEmail: z.string().trim().toLowerCase().pipe(z.email({ error: "L'adresse e-mail de l'organisateur n'est pas valide." })).nullable().optional(),
    organiserPhone: z.string().trim().max(30, 'Le téléphone ne peut pas dépasser 30 caractères.').nullable().optional(),
    departement: depCode,
    communeCode: z.string().trim().regex(/^(\d{5}|2[AB]\d{3})$/, "Le code de la commune n'est pas valide (code INSEE à 5 caractères).").nullable().optional(),
    address: z.string().trim().max(300, "L'adresse ne peut pas dépasser 300 caractères.").nullable().optional(),
    videoUrl: z.url({ protocol: /^https$/, error: 'Le lien de la visioconférence doit être une adresse https://.' }).nullable().optional(),
    seatCap: z.number().int('Le nombre de places doit être un entier.').positive('Le nombre de places doit être positif.').max(10_000).nullable().optional(),
    courseId: z.uuid({ error: "Le cours lié n'est pas valide." }).nullable().optional(),
    status: eventStatusSchema.optional().default('draft'),
    /** Where the idea comes from (e.g. a seed document), shown on the page. */
    source: z.string().trim().max(300).nullable().optional(),
    startsAt: instant('Le début').optional(),
    endsAt: instant('La fin').optional(),
    recurrence: recurrenceRuleSchema.nullable().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.kind === 'exchange_group') {
      if (!e.recurrence) ctx.addIssue({ code: 'custom', path: ['recurrence'], message: "Un groupe d'échange a un rythme : chaque semaine ou chaque mois." });
    } else {
      if (!e.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'Le début est requis.' });
      if (!e.endsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'La fin est requise.' });
      if (e.startsAt && e.endsAt && Date.parse(e.endsAt) <= Date.parse(e.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'La fin doit suivre le début.' });
    }
    if (e.kind === 'webinar' && !e.videoUrl) ctx.addIssue({ code: 'custom', path: ['videoUrl'], message: 'Un webinaire a un lien de visioconférence.' });
    if (e.kind === 'workshop') {
      if (!e.address) ctx.addIssue({ code: 'custom', path: ['address'], message: "L'adresse de l'atelier est requise." });
      if (!e.communeCode) ctx.addIssue({ code: 'custom', path: ['communeCode'], message: "La commune de l'atelier est requise." });
      if (!e.seatCap) ctx.addIssue({ code: 'custom', path: ['seatCap'], message: "Un atelier en présentiel a un nombre de places." });
    }
  });
export type EventInput = z.infer<typeof eventInputSchema>;

export const eventListQuerySchema = z.object({
  kind: eventKindSchema.optional(),
  departement: depCode.optional(),
  upcoming: z.enum(['true', 'false'], { error: '« upcoming » vaut true ou false.' }).optional().default('true'),
});

export const feedQuerySchema = z.object({ departement: depCode.optional() });

export const registrationStatusSchema = z.enum(['enrolled', 'waiting', 'withdrawn']);
export const REGISTRATION_STATUSES = { enrolled: 'Inscrit(e)', waiting: "En liste d'attente", withdrawn: 'Désinscrit(e)' } as const;

export const occurrenceSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  enrolledCount: z.number(),
  waitingCount: z.number(),
  /** Null when the event has no cap. */
  seatsLeft: z.number().nullable(),
  myStatus: registrationStatusSchema.nullable(),
  /** 1 for the next in line; null unless waiting. */
  myWaitingRank: z.number().nullable(),
});
export type EventOccurrence = z.infer<typeof occurrenceSchema>;

export const attendanceStatsSchema = z.object({ registered: z.number(), present: z.number(), absent: z.number(), unmarked: z.number(), rate: z.number().nullable() });
export type AttendanceStats = z.infer<typeof attendanceStatsSchema>;

export const eventSummarySchema = z.object({
  id: z.string(),
  kind: eventKindSchema,
  title: z.string(),
  departement: z.string(),
  communeName: z.string().nullable(),
  organiserName: z.string(),
  status: eventStatusSchema,
  seatCap: z.number().nullable(),
  recurrenceText: z.string().nullable(),
  nextOccurrence: occurrenceSchema.nullable(),
  isDemo: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string(),
  audience: z.array(z.string()),
  organiserEmail: z.string().nullable(),
  organiserPhone: z.string().nullable(),
  communeCode: z.string().nullable(),
  address: z.string().nullable(),
  /** Only for those registered to one of its dates, and for its organisers. */
  videoUrl: z.string().nullable(),
  hasVideo: z.boolean(),
  courseId: z.string().nullable(),
  courseTitle: z.string().nullable(),
  source: z.string().nullable(),
  recurrence: recurrenceRuleSchema.nullable(),
  occurrences: z.array(occurrenceSchema),
  mayOrganise: z.boolean(),
  /** Organisers only: over the dates already begun. */
  attendance: attendanceStatsSchema.nullable(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const myEventRegistrationSchema = z.object({
  id: z.string(),
  occurrenceId: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  kind: eventKindSchema,
  eventStatus: eventStatusSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  status: registrationStatusSchema,
  waitingRank: z.number().nullable(),
});
export type MyEventRegistration = z.infer<typeof myEventRegistrationSchema>;

export const registrantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  profession: z.string(),
  status: registrationStatusSchema,
  waitingRank: z.number().nullable(),
  attendance: z.enum(['present', 'absent']).nullable(),
});
export type Registrant = z.infer<typeof registrantSchema>;

export const occurrenceRegistrantsSchema = z.object({
  occurrenceId: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Attendance can be ticked once the date has begun. */
  attendanceOpen: z.boolean(),
  registrants: z.array(registrantSchema),
  attendance: attendanceStatsSchema,
});
export type OccurrenceRegistrants = z.infer<typeof occurrenceRegistrantsSchema>;

export const attendanceBodySchema = z.object({
  marks: z
    .array(z.object({ registrationId: z.uuid({ error: "L'inscription n'est pas valide." }), present: z.boolean({ error: 'Présent : oui ou non.' }) }))
    .min(1, 'Cochez au moins une personne.')
    .max(2000),
});
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

export const feedTokenSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Shown once, when the address is created: only its fingerprint is kept. */
  url: z.string().nullable(),
});
export type FeedToken = z.infer<typeof feedTokenSchema>;
