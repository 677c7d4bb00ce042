import type { IndicatorDashboard, IndicatorTargetBody } from '@palliance/core';
import { get, put } from './http';

export const getDashboard = (territory: string, period: string | undefined, signal?: AbortSignal) =>
  get<IndicatorDashboard>('/api/v1/indicators', { query: { territory, period }, signal });

export const setTarget = (body: IndicatorTargetBody) => put<{ territory: string; indicatorId: string; target: number | null }>('/api/v1/indicators/targets', body);

const qs = (territory: string, period: string) => `territory=${encodeURIComponent(territory)}&period=${encodeURIComponent(period)}`;
export const csvUrl = (territory: string, period: string) => `/api/v1/indicators/export.csv?${qs(territory, period)}`;
export const measureReportUrl = (territory: string, period: string) => `/api/v1/indicators/fhir/MeasureReport?${qs(territory, period)}`;
export const measuresUrl = '/api/v1/indicators/fhir/Measure';
