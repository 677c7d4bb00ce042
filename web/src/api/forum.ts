import type { Forum, ForumPost, ForumReport, ForumStats, ThreadDetail } from '@palliance/core';
import { del, get, post, put } from './http';

const e = encodeURIComponent;

/** The course forum, or the forum of one module when moduleId is given. */
export const getForum = (courseId: string, moduleId?: string | null, signal?: AbortSignal) =>
  get<Forum>(`/api/v1/courses/${e(courseId)}/forum`, { signal, query: { module: moduleId ?? undefined } });

export const createThread = (courseId: string, body: { title: string; body: string; moduleId?: string | null; idempotencyKey: string }) =>
  post<ThreadDetail>(`/api/v1/courses/${e(courseId)}/forum/threads`, body);

export const getThread = (id: string, signal?: AbortSignal) => get<ThreadDetail>(`/api/v1/forum/threads/${e(id)}`, { signal });
export const reply = (threadId: string, body: string, idempotencyKey: string) => post<ForumPost>(`/api/v1/forum/threads/${e(threadId)}/replies`, { body, idempotencyKey });
export const editPost = (postId: string, body: string) => put<ForumPost>(`/api/v1/forum/posts/${e(postId)}`, { body });
export const deletePost = (postId: string) => del<ForumPost>(`/api/v1/forum/posts/${e(postId)}`);
export const setLike = (postId: string, liked: boolean) =>
  liked ? put<{ liked: boolean; likeCount: number }>(`/api/v1/forum/posts/${e(postId)}/like`) : del<{ liked: boolean; likeCount: number }>(`/api/v1/forum/posts/${e(postId)}/like`);
export const setFollow = (threadId: string, following: boolean) =>
  following ? put<{ following: boolean }>(`/api/v1/forum/threads/${e(threadId)}/follow`) : del<{ following: boolean }>(`/api/v1/forum/threads/${e(threadId)}/follow`);
export const moderateThread = (threadId: string, change: { pinned?: boolean; locked?: boolean }) => put<ThreadDetail>(`/api/v1/forum/threads/${e(threadId)}/moderation`, change);
export const setHidden = (postId: string, hidden: boolean) => put<ForumPost>(`/api/v1/forum/posts/${e(postId)}/hidden`, { hidden });
export const reportPost = (postId: string, reason: string) => post<{ id: string }>(`/api/v1/forum/posts/${e(postId)}/reports`, { reason });
export const listReports = (courseId: string, signal?: AbortSignal) => get<ForumReport[]>(`/api/v1/courses/${e(courseId)}/forum/reports`, { signal });
export const resolveReport = (reportId: string, outcome: 'hidden' | 'dismissed') => post(`/api/v1/forum/reports/${e(reportId)}/resolution`, { outcome });
export const previewMarkdown = (body: string) => post<{ html: string }>('/api/v1/forum/preview', { body });
export const searchMembers = (courseId: string, q: string, signal?: AbortSignal) =>
  get<{ id: string; displayName: string; profession: string }[]>(`/api/v1/courses/${e(courseId)}/forum/members`, { signal, query: { q } });
export const forumStats = (courseId: string, bucket: 'day' | 'week' | 'month', signal?: AbortSignal) =>
  get<ForumStats>(`/api/v1/courses/${e(courseId)}/forum/stats`, { signal, query: { bucket } });
