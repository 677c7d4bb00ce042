import type { BlockInput, CompletionRule, CourseDetail, CourseProgress, LessonBlock, LessonPage, MediaFile, ProgressInput, SessionInput, VideoProgress } from '@palliance/core';
import { ApiError, del, get, post, put } from './http';

const enc = encodeURIComponent;

export const getLesson = (id: string, signal?: AbortSignal) => get<LessonPage>(`/api/v1/lessons/${enc(id)}`, { signal });
export const recordVisit = (id: string) => post<{ tracked: boolean }>(`/api/v1/lessons/${enc(id)}/visit`, {});
export const getCourseProgress = (courseId: string, signal?: AbortSignal) => get<CourseProgress>(`/api/v1/courses/${enc(courseId)}/progress`, { signal });
export const sendProgress = (blockId: string, input: ProgressInput) => post<VideoProgress>(`/api/v1/blocks/${enc(blockId)}/progress`, input);

/**
 * The report sent when the page goes away: fetch with keepalive survives the page's end and,
 * unlike sendBeacon, carries the JSON type our contract checks (same origin, so cookie and Origin go too).
 */
export function sendProgressOnLeave(blockId: string, input: ProgressInput): void {
  try {
    void fetch(`/api/v1/blocks/${enc(blockId)}/progress`, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(input),
    }).catch(() => undefined);
  } catch {
    /* the page is going away: nothing more to do */
  }
}

// Authoring

export const addBlock = (lessonId: string, input: BlockInput) => post<LessonBlock[]>(`/api/v1/lessons/${enc(lessonId)}/blocks`, input);
export const updateBlock = (blockId: string, input: BlockInput) => put<LessonBlock[]>(`/api/v1/blocks/${enc(blockId)}`, input);
export const deleteBlock = (blockId: string) => del<LessonBlock[]>(`/api/v1/blocks/${enc(blockId)}`);
export const reorderBlocks = (lessonId: string, ids: string[]) => put<LessonBlock[]>(`/api/v1/lessons/${enc(lessonId)}/blocks/order`, { ids });
export const listMedia = (courseId: string, signal?: AbortSignal) => get<MediaFile[]>(`/api/v1/courses/${enc(courseId)}/media`, { signal });
export const updateSession = (id: string, input: SessionInput) => put<CourseDetail>(`/api/v1/sessions/${enc(id)}`, input);
export const deleteSession = (id: string) => del<CourseDetail>(`/api/v1/sessions/${enc(id)}`);
export const renameModule = (id: string, title: string) => put<CourseDetail>(`/api/v1/modules/${enc(id)}`, { title });
export const deleteModule = (id: string) => del<CourseDetail>(`/api/v1/modules/${enc(id)}`);
export const reorderModules = (courseId: string, ids: string[]) => put<CourseDetail>(`/api/v1/courses/${enc(courseId)}/modules/order`, { ids });
export const updateLesson = (id: string, input: { title: string; summary?: string }) => put<CourseDetail>(`/api/v1/lessons/${enc(id)}`, input);
export const deleteLesson = (id: string) => del<CourseDetail>(`/api/v1/lessons/${enc(id)}`);
export const reorderLessons = (moduleId: string, ids: string[]) => put<CourseDetail>(`/api/v1/modules/${enc(moduleId)}/lessons/order`, { ids });
export const setCompletionRule = (courseId: string, rule: CompletionRule) => put<CompletionRule>(`/api/v1/courses/${enc(courseId)}/completion-rule`, rule);

/** Sends a file as the request body (streamed to disk by the server); the type decides its kind. */
export async function uploadMedia(courseId: string, file: File, durationSeconds?: number): Promise<MediaFile> {
  const type = file.type || (file.name.toLowerCase().endsWith('.vtt') ? 'text/vtt' : 'application/octet-stream');
  const q = new URLSearchParams({ name: file.name });
  if (durationSeconds && Number.isFinite(durationSeconds)) q.set('duration', String(Math.round(durationSeconds * 10) / 10));
  let res: Response;
  try {
    res = await fetch(`/api/v1/courses/${enc(courseId)}/media?${q}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': type, accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'network', "L'envoi a échoué : vérifiez votre connexion puis réessayez.");
  }
  const data = (await res.json().catch(() => null)) as (MediaFile & { code?: string; message?: string; field?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message ?? `L'envoi a échoué (code ${res.status}).`, data?.field);
  return data as MediaFile;
}
export const addModule = (courseId: string, title: string) => post<CourseDetail>(`/api/v1/courses/${enc(courseId)}/modules`, { title });
export const addLesson = (moduleId: string, title: string) => post<CourseDetail>(`/api/v1/modules/${enc(moduleId)}/lessons`, { title });
