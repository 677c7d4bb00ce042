/**
 * A directory entry as three FHIR R4 resources, shaped as the ROR exposes its offer: the
 * Organization (who), its HealthcareService (what it does, for whom, where, when, how fast) and
 * its Location (where it is). The three share the structure's id. What FHIR has no element for
 * (typed contacts with their own schedules, the full opening-hours rules, the access delay) is
 * kept in `urn:palliance:fhir:*` extensions, so an export imports back to the same directory.
 */
import {
  AUDIENCES,
  describeSchedule,
  FHIR_EXTENSIONS as EXT,
  FHIR_SYSTEMS as SYS,
  NIGHT_PHONE_KINDS,
  WEEKDAYS,
  type DirectoryContact,
  type Schedule,
  type Structure,
  type Weekday,
} from '@palliance/core';

export type FhirResource = { resourceType: string; id?: string } & Record<string, unknown>;
export type FhirResourceType = 'Organization' | 'HealthcareService' | 'Location';
export const FHIR_RESOURCE_TYPES: readonly FhirResourceType[] = ['Organization', 'HealthcareService', 'Location'];

export interface FhirLabels {
  types: Map<string, string>;
  departements: Map<string, string>;
}

export const PALLIATIVE_CATEGORY = { system: SYS.serviceCategory, code: 'soins-palliatifs', display: 'Soins palliatifs' };

const meta = (s: Structure) => ({ versionId: String(s.version), lastUpdated: s.updatedAt });
const ref = (type: FhirResourceType, s: Structure) => ({ reference: `${type}/${s.id}`, display: s.name });

/** Whether the entry has somewhere to be: then it has a Location. */
export const isLocated = (s: Structure) =>
  s.addressLine !== null || s.postalCode !== null || s.communeCode !== null || s.latitude !== null || s.longitude !== null;

function typeConcepts(s: Structure, labels: FhirLabels) {
  return s.types.map((code) => {
    const display = labels.types.get(code) ?? code;
    return { coding: [{ system: SYS.structureType, code, display }], text: display };
  });
}

function address(s: Structure) {
  if (s.addressLine === null && s.postalCode === null && s.communeCode === null) return undefined;
  return {
    ...(s.communeCode ? { extension: [{ url: EXT.communeInsee, valueCode: s.communeCode }] } : {}),
    use: 'work',
    type: 'physical',
    ...(s.addressLine ? { line: [s.addressLine] } : {}),
    ...(s.communeName ? { city: s.communeName } : {}),
    ...(s.postalCode ? { postalCode: s.postalCode } : {}),
    country: 'FR',
  };
}

/** A contact as a ContactPoint; its kind, label and schedule ride in one extension, its list position in rank. */
function contactPoint(c: DirectoryContact, index: number) {
  const details = [
    { url: 'kind', valueCode: c.kind },
    ...(c.label ? [{ url: 'label', valueString: c.label }] : []),
    ...(c.schedule ? [{ url: 'schedule', valueString: JSON.stringify(c.schedule) }] : []),
    ...(c.alwaysOn ? [{ url: 'alwaysOn', valueBoolean: true }] : []),
  ];
  return {
    extension: [{ url: EXT.contact, extension: details }],
    system: c.kind === 'email' || c.kind === 'mssante' ? 'email' : 'phone',
    value: c.value,
    use: 'work',
    rank: index + 1,
  };
}

const isNightLine = (c: DirectoryContact) => NIGHT_PHONE_KINDS.includes(c.kind);

export function toOrganization(s: Structure, labels: FhirLabels): FhirResource {
  const telecom = s.contacts.map(contactPoint).filter((_c, i) => !isNightLine(s.contacts[i]));
  const addr = address(s);
  return {
    resourceType: 'Organization',
    id: s.id,
    meta: meta(s),
    ...(s.isDemo ? { extension: [{ url: EXT.demo, valueBoolean: true }] } : {}),
    identifier: [
      { use: 'usual', system: SYS.structure, value: s.id },
      ...(s.finess ? [{ use: 'official', system: SYS.finess, value: s.finess }] : []),
      ...(s.siret
        ? [{ use: 'official', type: { coding: [{ system: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203', code: 'SIRET' }] }, system: SYS.siret, value: s.siret }]
        : []),
      ...(s.rorId ? [{ use: 'secondary', system: SYS.ror, value: s.rorId }] : []),
    ],
    active: s.status === 'published',
    type: typeConcepts(s, labels),
    name: s.name,
    ...(telecom.length ? { telecom } : {}),
    ...(addr ? { address: [addr] } : {}),
    ...(s.parentId ? { partOf: { reference: `Organization/${s.parentId}`, ...(s.parentName ? { display: s.parentName } : {}) } } : {}),
  };
}

const fhirTime = (hhmm: string) => (hhmm === '24:00' ? '23:59:59' : `${hhmm}:00`);

/**
 * The weekly hours as availableTime, a lossy view for FHIR readers (no public-holiday rule, a slot
 * past midnight split in two); the exact schedule is in the schedule extension.
 */
export function availableTime(schedule: Schedule) {
  const groups = new Map<string, { days: Weekday[]; allDay: boolean; start?: string; end?: string }>();
  const add = (day: Weekday, start: string, end: string) => {
    const allDay = start === '00:00:00' && end === '23:59:59';
    const key = allDay ? 'all' : `${start}-${end}`;
    const g = groups.get(key) ?? { days: [], allDay, ...(allDay ? {} : { start, end }) };
    if (!g.days.includes(day)) g.days.push(day);
    groups.set(key, g);
  };
  WEEKDAYS.forEach((day, i) => {
    for (const slot of schedule.days[day]) {
      if (slot.close > slot.open) add(day, fhirTime(slot.open), fhirTime(slot.close));
      else {
        add(day, fhirTime(slot.open), '23:59:59');
        if (slot.close !== '00:00') add(WEEKDAYS[(i + 1) % 7], '00:00:00', fhirTime(slot.close));
      }
    }
  });
  return [...groups.values()].map((g) => ({
    daysOfWeek: WEEKDAYS.filter((d) => g.days.includes(d)),
    ...(g.allDay ? { allDay: true } : { availableStartTime: g.start, availableEndTime: g.end }),
  }));
}

export function toHealthcareService(s: Structure, labels: FhirLabels): FhirResource {
  const telecom = s.contacts.map(contactPoint).filter((_c, i) => isNightLine(s.contacts[i]));
  const extension = [
    ...(s.openingHours ? [{ url: EXT.schedule, valueString: JSON.stringify(s.openingHours) }] : []),
    ...(s.accessDelayDays !== null || s.accessDelayConfirmedAt !== null
      ? [
          {
            url: EXT.accessDelay,
            extension: [
              ...(s.accessDelayDays !== null ? [{ url: 'days', valueInteger: s.accessDelayDays }] : []),
              ...(s.accessDelayConfirmedAt !== null ? [{ url: 'confirmedAt', valueDate: s.accessDelayConfirmedAt }] : []),
            ],
          },
        ]
      : []),
    ...(s.capacityBeds !== null ? [{ url: EXT.capacityBeds, valueInteger: s.capacityBeds }] : []),
  ];
  const coverageArea = [
    ...s.coverage.departements.map((d) => ({
      identifier: { system: SYS.departement, value: d },
      display: labels.departements.has(d) ? `${labels.departements.get(d)} (${d})` : d,
    })),
    ...s.coverage.communes.map((c) => ({ identifier: { system: SYS.commune, value: c.code }, display: `${c.nom} (${c.code})` })),
  ];
  const closedDays = (s.openingHours?.exceptions ?? []).filter((e) => e.closed);
  return {
    resourceType: 'HealthcareService',
    id: s.id,
    meta: meta(s),
    ...(extension.length ? { extension } : {}),
    identifier: [{ use: 'usual', system: SYS.structure, value: s.id }],
    active: s.status === 'published',
    providedBy: ref('Organization', s),
    category: [{ coding: [PALLIATIVE_CATEGORY], text: PALLIATIVE_CATEGORY.display }],
    type: typeConcepts(s, labels),
    ...(isLocated(s) ? { location: [ref('Location', s)] } : {}),
    name: s.name,
    ...(s.description ? { comment: s.description } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(coverageArea.length ? { coverageArea } : {}),
    eligibility: s.audience.map((a) => ({ code: { coding: [{ system: SYS.audience, code: a, display: AUDIENCES[a] }], text: AUDIENCES[a] } })),
    ...(s.openingHours
      ? {
          availableTime: availableTime(s.openingHours),
          ...(closedDays.length
            ? { notAvailable: closedDays.map((e) => ({ description: e.label ?? 'Fermé', during: { start: e.date, end: e.date } })) }
            : {}),
          availabilityExceptions: describeSchedule(s.openingHours).join(' ; '),
        }
      : {}),
  };
}

export function toLocation(s: Structure): FhirResource | null {
  if (!isLocated(s)) return null;
  const addr = address(s);
  return {
    resourceType: 'Location',
    id: s.id,
    meta: meta(s),
    identifier: [{ use: 'usual', system: SYS.structure, value: s.id }],
    status: s.status === 'published' ? 'active' : 'inactive',
    name: s.name,
    mode: 'instance',
    ...(addr ? { address: addr } : {}),
    ...(s.latitude !== null && s.longitude !== null ? { position: { longitude: s.longitude, latitude: s.latitude } } : {}),
    managingOrganization: ref('Organization', s),
  };
}

export function toResource(type: FhirResourceType, s: Structure, labels: FhirLabels): FhirResource | null {
  if (type === 'Organization') return toOrganization(s, labels);
  if (type === 'HealthcareService') return toHealthcareService(s, labels);
  return toLocation(s);
}
