import { z } from 'zod';
import {
  courseDetailQuerySchema,
  courseDetailSchema,
  courseInputSchema,
  courseSummarySchema,
  enrolmentBodySchema,
  enrolmentSchema,
  lessonInputSchema,
  moduleInputSchema,
  sessionEnrolmentSchema,
  sessionInputSchema,
  teacherInputSchema,
} from '@palliance/core';
import type { AppInstance } from '../app-types';
import { addLesson, addModule, addSession, addTeacher, createCourse, updateCourse } from './author-course';
import { enrol, sessionEnrolments, withdraw } from './enrol';
import { listUserEnrolments } from './queries';
import { listPublishedCourses, loadCourseDetail } from './read-courses';
import { requireActor } from '../http/permissions';

const courseParams = z.object({ id: z.uuid({ error: "L'identifiant du cours n'est pas valide." }) });
const sessionParams = z.object({ id: z.uuid({ error: "L'identifiant de la session n'est pas valide." }) });
const moduleParams = z.object({ id: z.uuid({ error: "L'identifiant du module n'est pas valide." }) });
const tags = ['Se former'];

export async function learningRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get('/api/v1/courses', { schema: { tags, summary: 'Cours publiés et leurs sessions ouvertes', response: { 200: z.array(courseSummarySchema) } } }, async () =>
    listPublishedCourses(deps),
  );

  app.post(
    '/api/v1/courses',
    { config: { access: 'learning.author' }, schema: { tags, body: courseInputSchema, response: { 201: courseDetailSchema } } },
    async (req, reply) => reply.status(201).send(await createCourse(deps, req.actor, req.body, req.ctx)),
  );

  app.get(
    '/api/v1/courses/:id',
    { schema: { tags, summary: 'Un cours, ses modules et leurs dates d’ouverture pour une session', params: courseParams, querystring: courseDetailQuerySchema, response: { 200: courseDetailSchema } } },
    async (req) => loadCourseDetail(deps.db, req.actor, req.params.id, deps.now(), req.query.session),
  );

  app.put(
    '/api/v1/courses/:id',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: courseInputSchema, response: { 200: courseDetailSchema } } },
    async (req) => updateCourse(deps, req.actor, req.params.id, req.body, req.ctx),
  );

  app.post(
    '/api/v1/courses/:id/teachers',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: teacherInputSchema, response: { 201: courseDetailSchema } } },
    async (req, reply) => reply.status(201).send(await addTeacher(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.post(
    '/api/v1/courses/:id/sessions',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: sessionInputSchema, response: { 201: courseDetailSchema } } },
    async (req, reply) => reply.status(201).send(await addSession(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.post(
    '/api/v1/courses/:id/modules',
    { config: { access: 'user' }, schema: { tags, params: courseParams, body: moduleInputSchema, response: { 201: courseDetailSchema } } },
    async (req, reply) => reply.status(201).send(await addModule(deps, req.actor, req.params.id, req.body.title, req.ctx)),
  );

  app.post(
    '/api/v1/modules/:id/lessons',
    { config: { access: 'user' }, schema: { tags, params: moduleParams, body: lessonInputSchema, response: { 201: courseDetailSchema } } },
    async (req, reply) => reply.status(201).send(await addLesson(deps, req.actor, req.params.id, req.body, req.ctx)),
  );

  app.post(
    '/api/v1/sessions/:id/enrolment',
    {
      config: { access: 'user' },
      schema: { tags, summary: "S'inscrire (ou rejoindre la liste d'attente)", params: sessionParams, body: enrolmentBodySchema, response: { 200: enrolmentSchema, 201: enrolmentSchema } },
    },
    async (req, reply) => {
      const { enrolment, created } = await enrol(deps, req.actor, req.params.id, req.body, req.ctx);
      return reply.status(created ? 201 : 200).send(enrolment);
    },
  );

  app.delete(
    '/api/v1/sessions/:id/enrolment',
    { config: { access: 'user' }, schema: { tags, summary: 'Se désinscrire', params: sessionParams, response: { 200: enrolmentSchema } } },
    async (req) => withdraw(deps, req.actor, req.params.id, req.ctx),
  );

  app.get(
    '/api/v1/sessions/:id/enrolments',
    { config: { access: 'user' }, schema: { tags, summary: "Inscrits et liste d'attente (équipe enseignante)", params: sessionParams, response: { 200: z.array(sessionEnrolmentSchema) } } },
    async (req) => sessionEnrolments(deps, req.actor, req.params.id),
  );

  app.get('/api/v1/me/enrolments', { config: { access: 'user' }, schema: { tags, response: { 200: z.array(enrolmentSchema) } } }, async (req) =>
    listUserEnrolments(deps.db, requireActor(req.actor).id),
  );
}
