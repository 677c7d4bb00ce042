import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../http/errors';

/** Uploaded media live on disk beside the embedded database: DATA_DIR/media/<course id>/<file>. */
export const mediaRoot = (dataDir: string) => path.join(dataDir, 'media');

export function mediaPath(dataDir: string, storageKey: string): string {
  // storage_key is ours (course id / media id . ext), never a name given by a user.
  return path.join(mediaRoot(dataDir), storageKey);
}

export const tooLarge = (limitBytes: number) =>
  new AppError(413, 'too_large', `Le fichier dépasse la taille maximale acceptée (${Math.round(limitBytes / (1024 * 1024))} Mo).`);

/**
 * Streams a request body to a temporary file under the media folder, never holding it in memory,
 * and stops (deleting the partial file) as soon as it passes the limit.
 */
export async function streamToTempFile(dataDir: string, body: Readable, limitBytes: number): Promise<{ tmpPath: string; size: number; head: Buffer }> {
  const dir = path.join(mediaRoot(dataDir), 'tmp');
  await fs.promises.mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  let size = 0;
  let head = Buffer.alloc(0);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
      if (size > limitBytes) return done(tooLarge(limitBytes));
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, fs.createWriteStream(tmpPath));
  } catch (err) {
    await fs.promises.rm(tmpPath, { force: true });
    // Let the rest of an over-large body drain so the answer reaches the client.
    body.resume();
    throw err instanceof AppError ? err : new AppError(400, 'upload_interrupted', "L'envoi du fichier a été interrompu. Réessayez.");
  }
  return { tmpPath, size, head };
}

export async function moveIntoPlace(dataDir: string, tmpPath: string, storageKey: string): Promise<void> {
  const target = mediaPath(dataDir, storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rename(tmpPath, target);
}
