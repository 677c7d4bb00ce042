/**
 * Who gets past the door of every route: the permission suite (route-access.int.test.ts) calls each
 * route of the app as each persona and checks the answer against this table. A route of the app that
 * is missing here fails the suite: adding a route means saying who may call it.
 *
 * Personas (accounts of the demo data, see route-access.int.test.ts):
 *   anonymous    no session
 *   learner      a nurse with no role
 *   teacher      teacher of the demo course
 *   animator     forum animator of the demo course
 *   member       member of the demo structure
 *   manager      manager of the demo structure
 *   coordinator  territory coordinator of the demo structure's department
 *   editor       content editor
 *   admin        administrator
 */
export const PERSONAS = ['anonymous', 'learner', 'teacher', 'animator', 'member', 'manager', 'coordinator', 'editor', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface RouteRule {
  /** Who passes: everyone, every signed-in person, or these personas only. */
  pass: 'everyone' | 'signed-in' | Persona[];
  /** A valid body, so that a scope checked after validation is reached (otherwise `{}` is sent). */
  body?: (f: Fixtures) => unknown;
  /**
   * What a refused signed-in persona gets when the call reaches the permission check (a GET or DELETE,
   * or a valid body): 403 by default, 404 where existence itself is hidden. With an invalid body, a
   * refused persona may get 400 first; never a 2xx.
   */
  refused?: 403 | 404;
  /** Calls that end the caller's session or account are made last. */
  signsOut?: boolean;
}

export interface Fixtures {
  courseId: string;
  moduleId: string;
  sessionId: string;
  structureId: string;
  reportId: string;
  /** An account the admin routes may act on without touching a persona. */
  victimId: string;
  communeCode: string;
  departement: string;
}

const everyone: RouteRule = { pass: 'everyone' };
const signedIn: RouteRule = { pass: 'signed-in' };
const only = (...personas: Persona[]): RouteRule => ({ pass: personas });

const in30Days = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export const ROUTE_ACCESS: Record<string, RouteRule> = {
  // Platform
  'GET /healthz': everyone,
  'GET /api/v1/public-config': everyone,
  'GET /api/docs': everyone,
  'GET /api/docs/json': everyone,
  'GET /api/docs/yaml': everyone,
  'GET /api/docs/static/index.html': everyone,
  'GET /api/docs/static/swagger-initializer.js': everyone,
  'GET /api/docs/static/*': everyone,
  'GET /api/v1/dev/mails': everyone,

  // Territory
  'GET /api/v1/communes': everyone,
  'GET /api/v1/territory': everyone,

  // Accounts
  'POST /api/v1/auth/register': everyone,
  'POST /api/v1/auth/verify-email': everyone,
  'POST /api/v1/auth/resend-verification': everyone,
  'POST /api/v1/auth/login': everyone,
  'POST /api/v1/auth/logout': { pass: 'everyone', signsOut: true },
  'POST /api/v1/auth/password-reset/request': everyone,
  'POST /api/v1/auth/password-reset': everyone,
  'GET /api/v1/session': everyone,
  'GET /api/v1/auth/oidc': everyone,
  'GET /api/v1/auth/oidc/start': everyone,
  'GET /api/v1/auth/oidc/callback': everyone,
  'GET /api/v1/me': signedIn,
  'PUT /api/v1/me/profile': signedIn,
  'POST /api/v1/me/password': signedIn,
  'POST /api/v1/me/totp/setup': signedIn,
  'POST /api/v1/me/totp/confirm': signedIn,
  'POST /api/v1/me/totp/disable': signedIn,
  'GET /api/v1/me/data-export': signedIn,
  'POST /api/v1/me/delete': { pass: 'signed-in', signsOut: true },

  // Administration and audit
  'GET /api/v1/admin/users': only('admin'),
  'POST /api/v1/admin/users/:id/roles': only('admin'),
  'DELETE /api/v1/admin/users/:id/roles/:grantId': only('admin'),
  'POST /api/v1/admin/users/:id/disable': only('admin'),
  'POST /api/v1/admin/users/:id/enable': only('admin'),
  'GET /api/v1/admin/audit': only('admin'),

  // Directory: read by all; entries edited by their managers, coordinators of their territory, editors
  'GET /api/v1/coverage': everyone,
  'GET /api/v1/structure-types': everyone,
  'GET /api/v1/structures': everyone,
  'POST /api/v1/structures': signedIn,
  'GET /api/v1/structures/:id': everyone,
  'PUT /api/v1/structures/:id': only('manager', 'coordinator', 'editor', 'admin'),
  'POST /api/v1/structures/:id/status': { pass: ['manager', 'coordinator', 'editor', 'admin'], body: () => ({ status: 'published' }) },
  'GET /api/v1/structures/:id/versions': everyone,
  'POST /api/v1/structures/:id/reports': everyone,
  'GET /api/v1/structures/:id/reports': only('manager', 'coordinator', 'editor', 'admin'),
  'POST /api/v1/structures/:id/reports/:reportId': {
    pass: ['manager', 'coordinator', 'editor', 'admin'],
    body: () => ({ status: 'en_cours', answer: 'Nous vérifions.' }),
  },
  'GET /api/v1/structures/export.csv': everyone,
  'POST /api/v1/structures/import': only('editor', 'admin'),
  'GET /fhir/R4/Organization': everyone,
  'GET /fhir/R4/Organization/:id': everyone,
  'GET /fhir/R4/HealthcareService': everyone,
  'GET /fhir/R4/HealthcareService/:id': everyone,
  'GET /fhir/R4/Location': everyone,
  'GET /fhir/R4/Location/:id': everyone,
  'GET /fhir/R4/$export-directory': everyone,
  'POST /fhir/R4': only('editor', 'admin'),
  'GET /api/v1/structures/:id/qr.svg': everyone,
  'GET /api/v1/structures/:id/qr.png': everyone,
  'GET /api/v1/communes/:code/qr.svg': everyone,
  'GET /api/v1/communes/:code/qr.png': everyone,
  'GET /api/v1/communes/:code/card.pdf': everyone,
  'GET /api/v1/structures/:id/card.pdf': everyone,
  'GET /api/v1/directory/map': everyone,

  // Learning: catalogue open; authoring by the course's teachers, editors and admins
  'GET /api/v1/courses': everyone,
  'POST /api/v1/courses': only('editor', 'admin'),
  'GET /api/v1/courses/:id': everyone,
  'PUT /api/v1/courses/:id': {
    pass: ['teacher', 'editor', 'admin'],
    body: () => ({
      slug: 'mooc-soins-palliatifs-demo',
      title: 'MOOC soins palliatifs (démo)',
      kind: 'mooc',
      summary: 'Résumé',
      description: 'Description',
      estimatedHoursPerWeek: 2,
      status: 'published',
    }),
  },
  'POST /api/v1/courses/:id/teachers': { pass: ['teacher', 'editor', 'admin'], body: () => ({ displayName: 'Équipe test' }) },
  'POST /api/v1/courses/:id/sessions': {
    pass: ['teacher', 'editor', 'admin'],
    body: () => ({
      title: 'Session de contrôle',
      registrationOpensAt: in30Days(1),
      registrationClosesAt: in30Days(20),
      startsAt: in30Days(21),
      endsAt: in30Days(60),
    }),
  },
  'POST /api/v1/courses/:id/modules': { pass: ['teacher', 'editor', 'admin'], body: () => ({ title: 'Module de contrôle' }) },
  'POST /api/v1/modules/:id/lessons': { pass: ['teacher', 'editor', 'admin'], body: () => ({ title: 'Leçon de contrôle' }) },
  'POST /api/v1/sessions/:id/enrolment': signedIn,
  'DELETE /api/v1/sessions/:id/enrolment': signedIn,
  'GET /api/v1/sessions/:id/enrolments': only('teacher', 'editor', 'admin'),
  'GET /api/v1/me/enrolments': signedIn,
  // Mesurer : indicateurs (aggregates, read by everyone with small cells withheld; targets by the department's coordinators and admins)
  'GET /api/v1/indicators': everyone,
  'GET /api/v1/indicators/export.csv': everyone,
  'GET /api/v1/indicators/fhir/MeasureReport': everyone,
  'GET /api/v1/indicators/fhir/Measure': everyone,
  'PUT /api/v1/indicators/targets': { pass: ['coordinator', 'admin'], body: (f) => ({ territory: `dep:${f.departement}`, indicatorId: 'liberal_share', target: 50 }) },
};

/** Values for the path parameters of a route, from the fixtures. */
export function fillPath(url: string, f: Fixtures): string {
  const id = (prefix: string) => {
    if (prefix.startsWith('/api/v1/courses')) return f.courseId;
    if (prefix.startsWith('/api/v1/modules')) return f.moduleId;
    if (prefix.startsWith('/api/v1/sessions')) return f.sessionId;
    if (prefix.startsWith('/api/v1/structures') || prefix.startsWith('/fhir/')) return f.structureId;
    if (prefix.startsWith('/api/v1/admin/users')) return f.victimId;
    return '00000000-0000-4000-8000-00000000ffff';
  };
  return url
    .replace('/static/*', '/static/index.css')
    .replace(/:(\w+)/g, (_m, name: string, offset: number) => {
      if (name === 'code') return f.communeCode;
      if (name === 'reportId') return f.reportId;
      if (name === 'id') return id(url.slice(0, offset));
      return '00000000-0000-4000-8000-00000000eeee';
    });
}
