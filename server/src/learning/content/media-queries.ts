import { desc, eq } from 'drizzle-orm';
import type { MediaFile } from '@palliance/core';
import type { Db } from '../../db/client';
import { mediaFile } from '../../db/schema';

export type MediaRow = typeof mediaFile.$inferSelect;

export const mediaUrl = (id: string) => `/api/v1/media/${id}`;

export const toMediaFile = (m: MediaRow): MediaFile => ({
  id: m.id,
  kind: m.kind as MediaFile['kind'],
  mime: m.mime,
  sizeBytes: Number(m.sizeBytes),
  originalName: m.originalName,
  durationSeconds: m.durationSeconds,
  url: mediaUrl(m.id),
});

export async function listCourseMedia(db: Db, courseId: string): Promise<MediaFile[]> {
  const rows = await db.select().from(mediaFile).where(eq(mediaFile.courseId, courseId)).orderBy(desc(mediaFile.createdAt));
  return rows.map(toMediaFile);
}
