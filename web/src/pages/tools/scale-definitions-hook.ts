import { useEffect, useState } from 'react';
import { SCALES, type ScaleDefinition, type ScaleId } from '@palliance/core';
import { getScaleDefinitions } from '../../api/evaluation';

let cached: Record<ScaleId, ScaleDefinition> | null = null;

/**
 * The scales in force: the versions shipped with the code at once, replaced by the server's (an editor
 * may have published a newer version) as soon as it answers, so the live score is the server's score.
 */
export function useScaleDefinitions(): Record<ScaleId, ScaleDefinition> {
  const [scales, setScales] = useState<Record<ScaleId, ScaleDefinition>>(cached ?? SCALES);
  useEffect(() => {
    if (cached) return;
    const controller = new AbortController();
    getScaleDefinitions(controller.signal).then(
      (list) => {
        cached = { ...SCALES, ...Object.fromEntries(list.map((s) => [s.id, s])) } as Record<ScaleId, ScaleDefinition>;
        setScales(cached);
      },
      () => {},
    );
    return () => controller.abort();
  }, []);
  return scales;
}
