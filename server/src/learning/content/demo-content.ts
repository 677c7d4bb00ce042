import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client';
import { mediaFile } from '../../db/schema';
import { DEMO_IDS } from '../../db/seed/demo';
import { DEMO_SPOC_ID } from '../demo-courses';
import { insertBlock } from './author-blocks';
import { mediaPath } from './media-store';

// Placeholder content for the demo courses (seeds 000 and 001): every lesson gets a short text saying
// it is a placeholder and which source document lists it; the first lesson of the MOOC also gets a
// generated 24-second video (a test pattern and a 440 Hz tone, made with ffmpeg) with French subtitles.

const VIDEO_ID = '00000000-0000-4000-8000-0000000d0001';
const SUBTITLES_ID = '00000000-0000-4000-8000-0000000d0002';

/** The committed demo files: beside this source file, or found from the server bundle (server/dist). */
function demoMediaDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'demo-media'), path.resolve(here, '..', 'src', 'learning', 'content', 'demo-media')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'lecon-demo.webm'))) ?? candidates[0];
}

const FILES = [
  { id: VIDEO_ID, file: 'lecon-demo.webm', kind: 'video', mime: 'video/webm', duration: 24 },
  { id: SUBTITLES_ID, file: 'lecon-demo.vtt', kind: 'subtitles', mime: 'text/vtt', duration: null },
] as const;

const storageKey = (f: (typeof FILES)[number]) => `${DEMO_IDS.course}/${f.id}.${f.file.split('.').pop()}`;

/** Copies the demo files into the data folder when missing (a new data folder keeps its database rows). */
function copyDemoFiles(dataDir: string): void {
  for (const f of FILES) {
    const target = mediaPath(dataDir, storageKey(f));
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(demoMediaDir(), f.file), target);
  }
}

const TRANSCRIPT = [
  'Transcription de la vidéo de démonstration (fictive).',
  'Bienvenue dans cette vidéo de démonstration de Palliance. Elle montre une mire et un son de test : ce n’est pas un contenu de formation.',
  'Quittez la page puis revenez : la lecture reprend à la même seconde. Les vraies séquences filmées du MOOC sont déposées par l’équipe enseignante.',
].join('\n\n');

const placeholder = (lessonTitle: string, source: '000' | '001') =>
  [
    `**Texte provisoire de démonstration.** La leçon « ${lessonTitle} » figure au programme présenté dans le document source ${source} (${
      source === '000' ? 'présentation du MOOC soins palliatifs, sessions 2022 et 2025' : 'annonce du SPOC « Parcours de soins des patients atteints de cancers »'
    }).`,
    'Son contenu réel (séquences filmées, textes, documents) est déposé par l’équipe enseignante. Aucune information médicale n’est donnée ici.',
    `Source : document ${source} des sources de Palliance.`,
  ].join('\n\n');

export async function seedDemoLessonContent(handle: DbHandle, dataDir: string): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-cours-contenu'");
  const courses = await handle.query('SELECT id FROM course WHERE id = $1', [DEMO_IDS.course]);
  if (courses.length === 0) return false;
  copyDemoFiles(dataDir);
  if (done.length > 0) return false;
  const lessons = await handle.query<{ id: string; title: string; course_id: string; module_position: number; position: number }>(
    `SELECT l.id, l.title, m.course_id, m.position AS module_position, l.position FROM lesson l JOIN course_module m ON m.id = l.module_id
     WHERE m.course_id IN ($1, $2) ORDER BY m.course_id, m.position, l.position`,
    [DEMO_IDS.course, DEMO_SPOC_ID],
  );
  const now = new Date();
  await handle.db.transaction(async (tx) => {
    for (const f of FILES) {
      const size = fs.statSync(mediaPath(dataDir, storageKey(f))).size;
      await tx.insert(mediaFile).values({ id: f.id, courseId: DEMO_IDS.course, kind: f.kind, mime: f.mime, sizeBytes: size, originalName: f.file, storageKey: storageKey(f), durationSeconds: f.duration, createdAt: now });
    }
    for (const l of lessons) {
      const source = l.course_id === DEMO_IDS.course ? '000' : '001';
      if (source === '000' && Number(l.module_position) === 1 && Number(l.position) === 1) {
        await insertBlock(tx, l.course_id, l.id, { kind: 'video', title: 'Vidéo de démonstration (mire et son de test)', mediaId: VIDEO_ID, subtitlesId: SUBTITLES_ID, transcript: TRANSCRIPT }, null, null, now);
      }
      await insertBlock(tx, l.course_id, l.id, { kind: 'text', title: '', markdown: placeholder(l.title, source) }, null, null, now);
    }
    await tx.execute(sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-cours-contenu', '1', 'Contenu provisoire des cours de démonstration (documents sources 000 et 001), vidéo de test générée')`);
  });
  return true;
}
