import { useEffect, useRef } from 'react';
import { unionIntervals, type Interval, type LessonBlock, type ProgressInput } from '@palliance/core';
import { sendProgress, sendProgressOnLeave } from '../../../api/learning-content';

const REPORT_EVERY_MS = 30_000;
// A jump larger than this between two time updates is a seek, not playing.
const MAX_STEP_SECONDS = 3;

/**
 * The lesson's video with French subtitles. It resumes at the stored second and reports, every 30 s
 * and when the learner leaves, where it is and which parts were really played (seeking adds nothing):
 * the server merges those parts, so a lost or repeated report costs nothing.
 */
export function VideoPlayer({ block, resumeAt, tracked, onProgress }: { block: LessonBlock; resumeAt: number; tracked: boolean; onProgress?: (percent: number) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const onProgressRef = useRef(onProgress);
  onProgressRef.current = onProgress;

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    let pending: Interval[] = [];
    let segStart: number | null = null;
    let last = 0;
    let lastSentPosition = -1;
    let resumed = false;

    const resume = () => {
      if (resumed) return;
      resumed = true;
      // Resume where the learner left, unless that was the very end.
      if (resumeAt > 0 && (!Number.isFinite(v.duration) || resumeAt < v.duration - 1)) v.currentTime = resumeAt;
      last = v.currentTime;
    };
    const closeSegment = () => {
      if (segStart !== null && last > segStart) pending = unionIntervals(pending, [[segStart, last]]);
      segStart = null;
    };
    const onTime = () => {
      const now = v.currentTime;
      if (!v.paused && !v.seeking && now >= last && now - last <= MAX_STEP_SECONDS) {
        if (segStart === null) segStart = last;
      } else {
        closeSegment();
      }
      last = now;
    };
    const snapshot = (): ProgressInput | null => {
      closeSegment();
      if (!v.paused && !v.ended) segStart = last;
      const position = Math.round(v.currentTime * 10) / 10;
      if (pending.length === 0 && position === lastSentPosition) return null;
      const parts = pending;
      pending = [];
      lastSentPosition = position;
      return { positionSeconds: position, durationSeconds: Number.isFinite(v.duration) && v.duration > 0 ? v.duration : null, watched: parts, sentAt: Date.now() };
    };
    const report = () => {
      if (!tracked) return;
      const input = snapshot();
      if (!input) return;
      sendProgress(block.id, input).then(
        (p) => onProgressRef.current?.(p.watchedPercent),
        // Kept for the next report: the server's union makes a resend harmless.
        () => {
          pending = unionIntervals(pending, input.watched);
          lastSentPosition = -1;
        },
      );
    };
    const leave = () => {
      if (!tracked) return;
      const input = snapshot();
      if (input) sendProgressOnLeave(block.id, input);
    };

    if (v.readyState >= 1) resume();
    v.addEventListener('loadedmetadata', resume);
    v.addEventListener('timeupdate', onTime);
    v.addEventListener('seeking', closeSegment);
    v.addEventListener('pause', closeSegment);
    const timer = window.setInterval(report, REPORT_EVERY_MS);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      v.removeEventListener('loadedmetadata', resume);
      v.removeEventListener('timeupdate', onTime);
      v.removeEventListener('seeking', closeSegment);
      v.removeEventListener('pause', closeSegment);
      // Leaving for another page of the application: pagehide will not fire.
      leave();
    };
  }, [block.id, resumeAt, tracked]);

  if (!block.media) return null;
  return (
    <div className="lesson-video">
      <video ref={video} controls preload="metadata" playsInline src={block.media.url} data-block={block.id}>
        {block.subtitles && <track kind="subtitles" srcLang="fr" label="Français" src={block.subtitles.url} default />}
        <p>
          Votre navigateur ne lit pas cette vidéo. <a href={block.media.url}>Télécharger la vidéo</a>.
        </p>
      </video>
      {block.body && (
        <details className="transcript">
          <summary>Afficher la transcription</summary>
          {block.body
            .split(/\n\s*\n/)
            .filter((p) => p.trim())
            .map((p, i) => (
              <p key={i}>{p.trim()}</p>
            ))}
        </details>
      )}
    </div>
  );
}
