import { z } from 'zod';
import { isoInstant as instant, optionalText, requiredText as text } from './fields';
import { professionSchema } from './accounts';

// Pure rules of the domain travel with its contracts (one export line in core/src/index.ts).
export * from '../learning';


export const COURSE_KINDS = { mooc: 'MOOC (ouvert à tous)', spoc: 'SPOC (accès restreint)' } as const;
export const courseKindSchema = z.enum(['mooc', 'spoc'], { error: 'Le type de cours doit être « mooc » ou « spoc ».' });
export const courseStatusSchema = z.enum(['draft', 'published'], { error: 'Le statut doit être « draft » ou « published ».' });

export const spocAccessSchema = z.object({
  invitationCode: z.string().trim().min(4, "Le code d'invitation doit contenir au moins 4 caractères.").max(40, "Le code d'invitation ne peut pas dépasser 40 caractères.").optional(),
  professions: z.array(professionSchema).max(20).optional(),
  emails: z
    .array(z.string().trim().toLowerCase().pipe(z.email({ error: "Une adresse e-mail de la liste n'est pas valide." })))
    .max(2000, 'La liste ne peut pas dépasser 2000 adresses.')
    .optional(),
});
export type SpocAccessInput = z.infer<typeof spocAccessSchema>;

export const courseInputSchema = z
  .object({
    slug: z
      .string({ error: "L'adresse courte est requise." })
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "L'adresse courte ne contient que des minuscules, des chiffres et des tirets (ex. mooc-soins-palliatifs).")
      .max(80, "L'adresse courte ne peut pas dépasser 80 caractères."),
    title: text('Le titre', 200),
    kind: courseKindSchema,
    summary: optionalText('Le résumé', 500),
    description: optionalText('La description', 20_000),
    dpcReference: z.string().trim().max(40, 'La référence DPC ne peut pas dépasser 40 caractères.').nullable().optional(),
    estimatedHoursPerWeek: z
      .number({ error: 'Le temps estimé par semaine doit être un nombre d’heures.' })
      .positive('Le temps estimé par semaine doit être positif.')
      .max(40, 'Le temps estimé par semaine ne peut pas dépasser 40 heures.'),
    spocAccess: spocAccessSchema.optional().default({}),
    status: courseStatusSchema.optional().default('draft'),
  })
  .superRefine((c, ctx) => {
    const a = c.spocAccess;
    if (c.kind === 'spoc' && !a.invitationCode && !a.professions?.length && !a.emails?.length) {
      ctx.addIssue({ code: 'custom', path: ['spocAccess'], message: "Un SPOC doit dire qui peut s'inscrire : un code d'invitation, des professions ou une liste d'adresses." });
    }
  });
export type CourseInput = z.infer<typeof courseInputSchema>;

export const teacherInputSchema = z.object({
  userId: z.uuid({ error: "Le compte de l'enseignant n'est pas valide." }).nullable().optional(),
  displayName: text("Le nom de l'enseignant", 120),
  profession: optionalText('La profession', 120),
  structure: optionalText('La structure', 200),
});
export type TeacherInput = z.infer<typeof teacherInputSchema>;

export const sessionInputSchema = z
  .object({
    title: text('Le titre de la session', 120),
    registrationOpensAt: instant("L'ouverture des inscriptions"),
    registrationClosesAt: instant('La clôture des inscriptions'),
    startsAt: instant('Le début'),
    endsAt: instant('La fin'),
    seatCap: z.number().int('Le nombre de places doit être un entier.').positive('Le nombre de places doit être positif.').max(100_000).nullable().optional(),
    releaseEveryDays: z.number().int('Le rythme doit être un nombre entier de jours.').min(0).max(90, 'Le rythme ne peut pas dépasser 90 jours.').optional().default(7),
  })
  .superRefine((s, ctx) => {
    if (Date.parse(s.registrationClosesAt) <= Date.parse(s.registrationOpensAt)) {
      ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: 'La clôture des inscriptions doit suivre leur ouverture.' });
    }
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'La fin de la session doit suivre son début.' });
    }
  });
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const moduleInputSchema = z.object({ title: text('Le titre du module', 200) });
export const lessonInputSchema = z.object({ title: text('Le titre de la leçon', 200), summary: optionalText('Le résumé', 2000) });
export type LessonInput = z.infer<typeof lessonInputSchema>;

export const enrolmentBodySchema = z.object({
  invitationCode: z.string().trim().max(40, "Le code d'invitation ne peut pas dépasser 40 caractères.").optional(),
});

export const teacherSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  displayName: z.string(),
  profession: z.string(),
  structure: z.string(),
});

export const courseSessionSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  title: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  seatCap: z.number().nullable(),
  releaseEveryDays: z.number(),
  registration: z.enum(['not_yet_open', 'open', 'closed']),
  enrolledCount: z.number(),
  waitingCount: z.number(),
});
export type CourseSession = z.infer<typeof courseSessionSchema>;

export const courseSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  kind: courseKindSchema,
  summary: z.string(),
  estimatedHoursPerWeek: z.number(),
  dpcReference: z.string().nullable(),
  status: courseStatusSchema,
  openSessions: z.array(courseSessionSchema),
});
export type CourseSummary = z.infer<typeof courseSummarySchema>;

export const lessonSchema = z.object({ id: z.string(), position: z.number(), title: z.string(), summary: z.string() });
export const courseModuleSchema = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  /** For the session asked for (or the current one); null when the course has no session yet. */
  opensAt: z.string().nullable(),
  lessons: z.array(lessonSchema),
});

export const courseDetailSchema = courseSummarySchema.extend({
  description: z.string(),
  /** Shown only to those who may edit the course. */
  spocAccess: spocAccessSchema.nullable(),
  teachers: z.array(teacherSchema),
  sessions: z.array(courseSessionSchema),
  /** The session whose release dates the modules carry. */
  sessionId: z.string().nullable(),
  modules: z.array(courseModuleSchema),
  mayEdit: z.boolean(),
});
export type CourseDetail = z.infer<typeof courseDetailSchema>;

export const courseDetailQuerySchema = z.object({ session: z.uuid({ error: "L'identifiant de la session n'est pas valide." }).optional() });

export const enrolmentStatusSchema = z.enum(['enrolled', 'waiting', 'withdrawn']);
export const ENROLMENT_STATUSES = { enrolled: 'Inscrit(e)', waiting: "En liste d'attente", withdrawn: 'Désinscrit(e)' } as const;

export const enrolmentSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  sessionTitle: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: enrolmentStatusSchema,
  /** 1 for the next in line; null unless waiting. */
  waitingRank: z.number().nullable(),
  createdAt: z.string(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const sessionEnrolmentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  profession: z.string(),
  departement: z.string().nullable(),
  status: enrolmentStatusSchema,
  waitingRank: z.number().nullable(),
  createdAt: z.string(),
});
export type SessionEnrolment = z.infer<typeof sessionEnrolmentSchema>;
