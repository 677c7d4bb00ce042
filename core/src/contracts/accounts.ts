import { z } from 'zod';

export const PROFESSIONS = {
  medecin_generaliste: 'Médecin généraliste',
  medecin_specialiste: 'Médecin spécialiste',
  infirmier: 'Infirmier(e)',
  masseur_kinesitherapeute: 'Masseur-kinésithérapeute',
  pharmacien: 'Pharmacien(ne)',
  psychologue: 'Psychologue',
  aide_soignant: 'Aide-soignant(e)',
  assistant_service_social: 'Assistant(e) de service social',
  ergotherapeute: 'Ergothérapeute',
  orthophoniste: 'Orthophoniste',
  benevole: "Bénévole d'accompagnement",
  interne_etudiant: 'Interne / étudiant(e)',
  autre: 'Autre',
} as const;
export type Profession = keyof typeof PROFESSIONS;
export const professionSchema = z.enum(Object.keys(PROFESSIONS) as [Profession, ...Profession[]], {
  error: 'Choisissez une profession dans la liste.',
});

export const PRACTICE_MODES = {
  liberal: 'Libéral',
  salarie_hospitalier: 'Salarié hospitalier',
  salarie_medico_social: 'Salarié médico-social',
  autre: 'Autre',
} as const;
export type PracticeMode = keyof typeof PRACTICE_MODES;
export const practiceModeSchema = z.enum(Object.keys(PRACTICE_MODES) as [PracticeMode, ...PracticeMode[]], {
  error: "Choisissez un mode d'exercice dans la liste.",
});

/** Roles and the kind of scope each one is granted on. */
export const ROLES = {
  learner: { label: 'Apprenant(e)', scope: 'none' },
  teacher: { label: 'Enseignant(e)', scope: 'course' },
  forum_animator: { label: 'Animateur(trice) de forum', scope: 'course' },
  structure_member: { label: 'Membre de structure', scope: 'structure' },
  structure_manager: { label: 'Responsable de structure', scope: 'structure' },
  territory_coordinator: { label: 'Coordinateur(trice) de territoire', scope: 'territory' },
  content_editor: { label: 'Éditeur(trice) de contenus', scope: 'none' },
  admin: { label: 'Administrateur(trice)', scope: 'none' },
} as const satisfies Record<string, { label: string; scope: ScopeKind }>;
export type ScopeKind = 'none' | 'course' | 'structure' | 'territory';
export type Role = keyof typeof ROLES;
export const roleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]], {
  error: 'Choisissez un rôle dans la liste.',
});

export const roleGrantSchema = z.object({
  id: z.string(),
  role: roleSchema,
  /** 'dep:<code>' or 'cpts:<id>' for a territory, the course or structure id otherwise, null when unscoped. */
  scope: z.string().nullable(),
  scopeLabel: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

const email = z
  .string({ error: "L'adresse e-mail est requise." })
  .trim()
  .toLowerCase()
  .max(254, "L'adresse e-mail est trop longue.")
  .pipe(z.email({ error: "L'adresse e-mail n'est pas valide." }));

export const PASSWORD_MIN = 12;
const password = z
  .string({ error: 'Le mot de passe est requis.' })
  .min(PASSWORD_MIN, `Le mot de passe doit contenir au moins ${PASSWORD_MIN} caractères.`)
  .max(200, 'Le mot de passe ne peut pas dépasser 200 caractères.');

const name = (label: string) =>
  z
    .string({ error: `${label} est requis.` })
    .trim()
    .min(1, `${label} est requis.`)
    .max(100, `${label} ne peut pas dépasser 100 caractères.`);

const rpps = z
  .string()
  .trim()
  .regex(/^\d{11}$/, 'Le numéro RPPS doit comporter exactement 11 chiffres.')
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

const departement = z
  .string({ error: "Le département d'exercice est requis." })
  .trim()
  .regex(/^(\d{2}|2A|2B|9[78]\d)$/, "Le département d'exercice n'est pas valide.");

export const profileFields = {
  firstName: name('Le prénom'),
  lastName: name('Le nom'),
  profession: professionSchema,
  professionOther: z.string().trim().max(100, 'La profession ne peut pas dépasser 100 caractères.').nullable().optional(),
  practiceMode: practiceModeSchema,
  departement,
  rpps,
};

export const registerBody = z.object({ email, password, ...profileFields });
export type RegisterBody = z.infer<typeof registerBody>;

export const profileUpdateBody = z.object(profileFields);
export type ProfileUpdateBody = z.infer<typeof profileUpdateBody>;

export const loginBody = z.object({
  email,
  password: z.string({ error: 'Le mot de passe est requis.' }).min(1, 'Le mot de passe est requis.').max(200),
  totp: z.string().trim().regex(/^\d{6}$/, 'Le code à usage unique comporte 6 chiffres.').optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const tokenBody = z.object({
  token: z.string({ error: 'Le lien est incomplet.' }).min(20, "Le lien n'est pas valide.").max(200, "Le lien n'est pas valide."),
});

export const passwordResetRequestBody = z.object({ email });
export const passwordResetBody = z.object({
  token: z.string({ error: 'Le lien est incomplet.' }).min(20, "Le lien n'est pas valide.").max(200, "Le lien n'est pas valide."),
  password,
});
export const passwordChangeBody = z.object({
  currentPassword: z.string({ error: 'Le mot de passe actuel est requis.' }).min(1, 'Le mot de passe actuel est requis.').max(200),
  newPassword: password,
});

export const totpConfirmBody = z.object({
  code: z.string({ error: 'Le code est requis.' }).trim().regex(/^\d{6}$/, 'Le code comporte 6 chiffres.'),
});

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  firstName: z.string(),
  lastName: z.string(),
  profession: professionSchema,
  professionOther: z.string().nullable(),
  practiceMode: practiceModeSchema,
  departement: z.string().nullable(),
  /** False for an account opened by OpenID Connect whose owner has not yet given profession and department. */
  profileComplete: z.boolean(),
  rpps: z.string().nullable(),
  totpEnabled: z.boolean(),
  roles: z.array(roleGrantSchema),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResultSchema = z.object({
  status: z.enum(['ok', 'totp_required']),
  user: meSchema.optional(),
});

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });

export const roleGrantBody = z
  .object({
    role: roleSchema,
    scope: z.string().trim().max(100).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const kind = ROLES[v.role].scope;
    const scope = v.scope ?? null;
    if (kind === 'none' && scope) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: "Ce rôle ne prend pas de périmètre." });
    }
    if (kind !== 'none' && !scope) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'Ce rôle demande un périmètre.' });
    }
    if (kind === 'territory' && scope && !/^(dep:(\d{2}|2A|2B|9[78]\d)|cpts:[0-9a-f-]{36})$/.test(scope)) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'Le périmètre doit être un département (dep:06) ou une CPTS.' });
    }
    if ((kind === 'course' || kind === 'structure') && scope && !/^[0-9a-f-]{36}$/.test(scope)) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: "Le périmètre doit être l'identifiant d'un cours ou d'une structure." });
    }
  });
export type RoleGrantBody = z.infer<typeof roleGrantBody>;

export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  profession: professionSchema,
  departement: z.string().nullable(),
  emailVerified: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  roles: z.array(roleGrantSchema),
});
export type AdminUser = z.infer<typeof adminUserSchema>;
export const adminUserListQuery = z.object({
  q: z.string().trim().max(100, 'La recherche ne peut pas dépasser 100 caractères.').optional(),
  role: roleSchema.optional(),
  page: z.coerce.number().int().min(1, 'La page doit être au moins 1.').max(100000).default(1),
});
export const adminUserListSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), users: z.array(adminUserSchema) });
