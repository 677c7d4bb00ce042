import type { GroupSpace, GroupsOverview } from '@palliance/core';
import { get, post } from './http';

const e = encodeURIComponent;

export const getGroups = (courseId: string, signal?: AbortSignal) => get<GroupsOverview>(`/api/v1/courses/${e(courseId)}/groups`, { signal });
export const createGroup = (courseId: string, body: { name: string; assignment: string; memberIds: string[] }) => post<GroupsOverview>(`/api/v1/courses/${e(courseId)}/groups`, body);
export const autoMix = (courseId: string, body: { groupCount: number; assignment: string }) => post<GroupsOverview>(`/api/v1/courses/${e(courseId)}/groups/auto-mix`, body);
export const getGroup = (id: string, signal?: AbortSignal) => get<GroupSpace>(`/api/v1/groups/${e(id)}`, { signal });
export const submitWork = (groupId: string, body: { body: string; file: { name: string; type: string; contentBase64: string } | null; idempotencyKey: string }) =>
  post<GroupSpace>(`/api/v1/groups/${e(groupId)}/submissions`, body);
export const reviewWork = (submissionId: string, body: { status: 'a_revoir' | 'valide'; comment: string }) => post<GroupSpace>(`/api/v1/group-submissions/${e(submissionId)}/reviews`, body);
