import type { AdminUser, AuditEvent, Role } from '@palliance/core';
import { del, get, post } from './http';

export interface AdminUserList {
  total: number;
  page: number;
  pageSize: number;
  users: AdminUser[];
}

export interface AuditList {
  total: number;
  page: number;
  pageSize: number;
  events: AuditEvent[];
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  objectType?: string;
  objectId?: string;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
  page?: number;
}

const user = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`;

export const listUsers = (filters: { q?: string; role?: Role | ''; page?: number }, signal?: AbortSignal) =>
  get<AdminUserList>('/api/v1/admin/users', { query: { q: filters.q, role: filters.role, page: filters.page }, signal });
export const grantRole = (userId: string, role: Role, scope: string | null) => post<AdminUser>(`${user(userId)}/roles`, { role, scope });
export const revokeRole = (userId: string, grantId: string) => del<AdminUser>(`${user(userId)}/roles/${encodeURIComponent(grantId)}`);
export const disableUser = (userId: string) => post<AdminUser>(`${user(userId)}/disable`);
export const enableUser = (userId: string) => post<AdminUser>(`${user(userId)}/enable`);

export const listAuditEvents = (filters: AuditFilters, signal?: AbortSignal) =>
  get<AuditList>('/api/v1/admin/audit', { query: { ...filters }, signal });
