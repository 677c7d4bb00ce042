/**
 * Reading a FHIR Bundle (collection or transaction) of Organization / HealthcareService / Location
 * back into directory entries: the reverse of fhir-resources.ts. Each Organization is one entry;
 * its HealthcareService (providedBy) and Location (managingOrganization) complete it. Every
 * problem is reported with the entry index and a FHIRPath, in French.
 */
import { randomUUID } from 'node:crypto';
import {
  FHIR_EXTENSIONS as EXT,
  FHIR_SYSTEMS as SYS,
  structureInputSchema,
  WEEKDAYS,
  type ContactKind,
  type Weekday,
} from '@palliance/core';
import { z } from 'zod';
import { FHIR_RESOURCE_TYPES, type FhirResourceType } from './fhir-resources';
import { checkableFrom, type BatchItem, type ImportCandidate } from './import-batch';
import { FhirError, type FhirIssue, type IssueType } from './operation-outcome';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objects = (v: unknown): Json[] => list(v).filter(isObj);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** FINESS as FR Core 2.x writes it, and as older profiles and the ROR wrote it. */
const FINESS_SYSTEMS = [SYS.finess, 'http://finess.esante.gouv.fr', 'http://finess.sante.gouv.fr', 'https://finess.sante.gouv.fr'];
const SIRET_SYSTEMS = [SYS.siret, 'http://sirene.fr', 'https://sirene.fr/siret'];
/** idNatSt: '1' followed by the FINESS. */
const ID_NAT_ST = 'urn:oid:1.2.250.1.71.4.2.2';
const CONTACT_KINDS = new Set<string>(['accueil', 'secretariat_medical', 'astreinte', 'appui_territorial', 'email', 'mssante']);

interface Entry {
  index: number;
  type: FhirResourceType;
  resource: Json;
  keys: string[];
}

/** One directory entry read from the Bundle. */
export interface BundleGroup {
  org: Entry;
  hs?: Entry;
  loc?: Entry;
  id: string;
  idGiven: boolean;
  candidate: ImportCandidate | null;
  /** What the database must confirm, even for an entry with other problems. */
  check: BatchItem;
  /** Where a StructureInput field came from, for messages. */
  locate(field: string): { entry: Entry; path: string };
}

export interface BundleReading {
  kind: 'collection' | 'transaction';
  entries: Entry[];
  groups: BundleGroup[];
  issues: FhirIssue[];
}

export const describeEntry = (e: Entry, name?: string) => `Entrée ${e.index} (${e.type}${name ? ` « ${name} »` : ''})`;
export const entryPath = (e: Entry, path: string) => `Bundle.entry[${e.index}].resource${path ? `.${path}` : ''}`;

function subExtensions(ext: Json): Map<string, Json> {
  return new Map(objects(ext.extension).map((x) => [str(x.url) ?? '', x]));
}

function extension(resource: Json, url: string): { ext: Json; index: number } | undefined {
  const all = list(resource.extension);
  const index = all.findIndex((x) => isObj(x) && x.url === url);
  return index >= 0 ? { ext: all[index] as Json, index } : undefined;
}

function codes(concepts: unknown, system: string): string[] {
  return objects(concepts).flatMap((c) => objects(c.coding).filter((k) => k.system === system).map((k) => str(k.code)).filter((x): x is string => !!x));
}

/** availableTime back to weekly slots, for Bundles from elsewhere that lack our schedule extension. */
function scheduleFromAvailableTime(times: Json[]) {
  const days: Record<Weekday, { open: string; close: string }[]> = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const t of times) {
    const start = str(t.availableStartTime)?.slice(0, 5) ?? '00:00';
    const endRaw = str(t.availableEndTime);
    const close = t.allDay === true || !endRaw || endRaw >= '23:59' ? '24:00' : endRaw.slice(0, 5);
    const open = t.allDay === true ? '00:00' : start;
    for (const d of list(t.daysOfWeek)) if (WEEKDAYS.includes(d as Weekday)) days[d as Weekday].push({ open, close });
  }
  return { days, holidays: 'closed' as const, exceptions: [] };
}

export function readDirectoryBundle(body: unknown): BundleReading {
  if (!isObj(body) || body.resourceType !== 'Bundle') {
    throw new FhirError(400, [{ code: 'structure', diagnostics: 'Le contenu doit être une ressource Bundle (resourceType « Bundle »).', expression: ['Bundle'] }]);
  }
  const kind = body.type;
  if (kind !== 'collection' && kind !== 'transaction') {
    throw new FhirError(400, [
      { code: 'not-supported', diagnostics: `Seuls les Bundle de type « collection » ou « transaction » sont importés (reçu « ${String(kind)} »).`, expression: ['Bundle.type'] },
    ]);
  }
  if (body.entry !== undefined && !Array.isArray(body.entry)) {
    throw new FhirError(400, [{ code: 'structure', diagnostics: 'Bundle.entry doit être une liste.', expression: ['Bundle.entry'] }]);
  }
  const issues: FhirIssue[] = [];
  const fail = (code: IssueType, diagnostics: string, expression: string) => issues.push({ code, diagnostics, expression: [expression] });

  const entries: Entry[] = [];
  list(body.entry).forEach((e, index) => {
    const at = `Bundle.entry[${index}]`;
    if (!isObj(e) || !isObj(e.resource)) return fail('required', `Entrée ${index} : la ressource manque.`, `${at}.resource`);
    const type = e.resource.resourceType as FhirResourceType;
    if (!FHIR_RESOURCE_TYPES.includes(type)) {
      return fail('not-supported', `Entrée ${index} : type de ressource non pris en charge « ${String(type)} » (Organization, HealthcareService ou Location).`, `${at}.resource.resourceType`);
    }
    if (kind === 'transaction') {
      const method = isObj(e.request) ? e.request.method : undefined;
      if (method !== 'POST' && method !== 'PUT') {
        return fail('not-supported', `Entrée ${index} : seules les créations sont importées (request.method POST ou PUT${method ? `, reçu ${String(method)}` : ''}).`, `${at}.request.method`);
      }
    }
    const keys = [str(e.fullUrl), str(e.resource.id) ? `${type}/${e.resource.id as string}` : undefined].filter((k): k is string => !!k);
    entries.push({ index, type, resource: e.resource, keys });
  });

  const byKey = new Map<string, Entry>();
  for (const e of entries) {
    for (const k of e.keys) {
      const other = byKey.get(k);
      if (other) fail('duplicate', `${describeEntry(e)} : même adresse que l’entrée ${other.index} (« ${k} »).`, `Bundle.entry[${e.index}]`);
      else byKey.set(k, e);
    }
  }
  const resolve = (reference: unknown, type: FhirResourceType): Entry | undefined => {
    const r = str(reference);
    if (!r) return undefined;
    const direct = byKey.get(r);
    if (direct) return direct.type === type ? direct : undefined;
    const m = new RegExp(`(?:^|/)${type}/([^/]+?)(?:/_history/[^/]+)?$`).exec(r);
    return m ? byKey.get(`${type}/${m[1]}`) : undefined;
  };

  type Draft = { org: Entry; hs?: Entry; loc?: Entry };
  const drafts = new Map<Entry, Draft>();
  for (const e of entries) if (e.type === 'Organization') drafts.set(e, { org: e });
  for (const e of entries.filter((x) => x.type === 'HealthcareService')) {
    const providedBy = isObj(e.resource.providedBy) ? e.resource.providedBy.reference : undefined;
    const org = resolve(providedBy, 'Organization');
    const draft = org && drafts.get(org);
    if (!draft) fail('required', `${describeEntry(e)} : providedBy doit désigner une Organization de ce Bundle.`, entryPath(e, 'providedBy'));
    else if (draft.hs) fail('not-supported', `${describeEntry(e)} : l’Organization de l’entrée ${org.index} a déjà une HealthcareService (entrée ${draft.hs.index}) ; une seule par structure.`, entryPath(e, 'providedBy'));
    else draft.hs = e;
  }
  for (const e of entries.filter((x) => x.type === 'Location')) {
    const managing = isObj(e.resource.managingOrganization) ? e.resource.managingOrganization.reference : undefined;
    let org = resolve(managing, 'Organization');
    if (!org) {
      // Else the Organization whose service takes place there.
      const draft = [...drafts.values()].find((d) => d.hs && objects(d.hs.resource.location).some((l) => resolve(l.reference, 'Location') === e));
      org = draft?.org;
    }
    const draft = org && drafts.get(org);
    if (!draft) fail('required', `${describeEntry(e)} : managingOrganization doit désigner une Organization de ce Bundle.`, entryPath(e, 'managingOrganization'));
    else if (draft.loc) fail('not-supported', `${describeEntry(e)} : l’Organization de l’entrée ${org!.index} a déjà une Location (entrée ${draft.loc.index}) ; une seule par structure.`, entryPath(e, 'managingOrganization'));
    else draft.loc = e;
  }

  // Ids first: a partOf may point at an Organization further down the Bundle.
  const ids = new Map<Entry, { id: string; idGiven: boolean }>();
  for (const d of drafts.values()) {
    const identifier = objects(d.org.resource.identifier).find((i) => i.system === SYS.structure);
    const value = str(identifier?.value);
    if (identifier && !(value && z.uuid().safeParse(value).success)) {
      fail('value', `${describeEntry(d.org, str(d.org.resource.name))} : l’identifiant ${SYS.structure} doit être un UUID (reçu « ${String(identifier.value)} »).`, entryPath(d.org, 'identifier'));
    }
    const ok = !!value && z.uuid().safeParse(value).success;
    ids.set(d.org, ok ? { id: value.toLowerCase(), idGiven: true } : { id: randomUUID(), idGiven: false });
  }

  const groups = [...drafts.values()].map((d) => readGroup(d, ids, resolve, issues));
  return { kind, entries, groups, issues };
}

function readGroup(
  d: { org: Entry; hs?: Entry; loc?: Entry },
  ids: Map<Entry, { id: string; idGiven: boolean }>,
  resolve: (reference: unknown, type: FhirResourceType) => Entry | undefined,
  issues: FhirIssue[],
): BundleGroup {
  const { org, hs, loc } = d;
  const o = org.resource;
  const h = hs?.resource ?? {};
  const l = loc?.resource ?? {};
  const name = str(o.name);
  const { id, idGiven } = ids.get(org)!;
  let ok = true;
  const fail = (code: IssueType, entry: Entry, path: string, message: string) => {
    issues.push({ code, diagnostics: `${describeEntry(entry, name)} : ${message}`, expression: [entryPath(entry, path)] });
    ok = false;
  };

  const identifiers = objects(o.identifier);
  const identifier = (systems: readonly string[], pattern?: RegExp) =>
    str(identifiers.find((i) => systems.includes(str(i.system) ?? '') && (!pattern || pattern.test(str(i.value) ?? '')))?.value);
  const finess = identifier(FINESS_SYSTEMS) ?? identifier([ID_NAT_ST], /^1[0-9AB]{9}$/)?.slice(1);

  const types = codes(o.type, SYS.structureType);
  if (types.length === 0) fail('required', org, 'type', `au moins un type doit être codé dans le système ${SYS.structureType} (USP, ETSP, HAD…).`);

  let parentId: string | null = null;
  if (o.partOf !== undefined) {
    const reference = isObj(o.partOf) ? str(o.partOf.reference) : undefined;
    const inBundle = resolve(reference, 'Organization');
    const external = reference ? /(?:^|\/)Organization\/([0-9a-f-]{36})$/i.exec(reference)?.[1] : undefined;
    if (inBundle && ids.has(inBundle)) parentId = ids.get(inBundle)!.id;
    else if (external && z.uuid().safeParse(external).success) parentId = external.toLowerCase();
    else fail('not-found', org, 'partOf', `l’organisation de rattachement « ${reference ?? ''} » n’est ni dans ce Bundle ni une Organization/<id> de l’annuaire.`);
  }

  const addressHolder: { entry: Entry; address: Json } | undefined = isObj(list(o.address)[0])
    ? { entry: org, address: list(o.address)[0] as Json }
    : isObj(l.address) && loc
      ? { entry: loc, address: l.address }
      : undefined;
  const addr = addressHolder?.address ?? {};
  const lines = list(addr.line).filter((x): x is string => typeof x === 'string');
  const insee = objects(addr.extension).find((x) => x.url === EXT.communeInsee);
  const position = isObj(l.position) ? l.position : {};

  // Contacts: the Organization's and the service's ContactPoints, in their rank order.
  const points = [
    ...objects(o.telecom).map((cp, k) => ({ cp, entry: org, path: `telecom[${k}]` })),
    ...(hs ? objects(h.telecom).map((cp, k) => ({ cp, entry: hs, path: `telecom[${k}]` })) : []),
  ]
    .map((p, order) => ({ ...p, order, rank: typeof p.cp.rank === 'number' ? p.cp.rank : Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  const contactSources: { entry: Entry; path: string }[] = [];
  const contacts: Json[] = [];
  for (const p of points) {
    const system = str(p.cp.system);
    const ours = objects(p.cp.extension).find((x) => x.url === EXT.contact);
    const details = ours ? subExtensions(ours) : new Map<string, Json>();
    const kind = str(details.get('kind')?.valueCode) ?? (system === 'email' ? 'email' : system === 'phone' ? 'accueil' : undefined);
    if (!kind) continue; // fax, url, sms…: no place for them in the directory
    if (!CONTACT_KINDS.has(kind)) {
      fail('code-invalid', p.entry, `${p.path}.extension`, `type de contact inconnu « ${kind} ».`);
      continue;
    }
    const contact: Json = { kind: kind as ContactKind, value: p.cp.value };
    const label = str(details.get('label')?.valueString);
    if (label) contact.label = label;
    const schedule = str(details.get('schedule')?.valueString);
    if (schedule !== undefined) {
      try {
        contact.schedule = JSON.parse(schedule);
      } catch {
        fail('value', p.entry, `${p.path}.extension`, 'les horaires du contact ne sont pas un JSON valide.');
      }
    }
    if (details.get('alwaysOn')?.valueBoolean === true) contact.alwaysOn = true;
    contacts.push(contact);
    contactSources.push({ entry: p.entry, path: p.path });
  }

  const service = hs ?? org;
  let openingHours: unknown = null;
  const scheduleExt = extension(h, EXT.schedule);
  if (scheduleExt) {
    try {
      openingHours = JSON.parse(str(scheduleExt.ext.valueString) ?? '');
    } catch {
      fail('value', service, `extension[${scheduleExt.index}].valueString`, 'les horaires (extension schedule) ne sont pas un JSON valide.');
    }
  } else if (objects(h.availableTime).length) {
    openingHours = scheduleFromAvailableTime(objects(h.availableTime));
  }
  const delay = extension(h, EXT.accessDelay);
  const delayParts = delay ? subExtensions(delay.ext) : new Map<string, Json>();
  const beds = extension(h, EXT.capacityBeds);
  const coverage = objects(h.coverageArea).map((a) => (isObj(a.identifier) ? a.identifier : {}));
  const audience = codes(objects(h.eligibility).map((e) => e.code), SYS.audience);
  const demo = extension(o, EXT.demo);

  const raw = {
    name: name ?? '',
    types,
    parentId,
    finess: finess ?? null,
    siret: identifier(SIRET_SYSTEMS, /^\d{14}$/) ?? null,
    rorId: identifier([SYS.ror]) ?? null,
    addressLine: lines.length ? lines.join(', ') : null,
    postalCode: addr.postalCode ?? null,
    communeCode: insee ? insee.valueCode : null,
    latitude: position.latitude ?? null,
    longitude: position.longitude ?? null,
    ...(audience.length ? { audience } : {}),
    contacts,
    openingHours,
    accessDelayDays: delayParts.get('days')?.valueInteger ?? null,
    accessDelayConfirmedAt: delayParts.get('confirmedAt')?.valueDate ?? null,
    capacityBeds: beds ? beds.ext.valueInteger : null,
    description: h.comment ?? null,
    coverage: {
      departements: coverage.filter((i) => i.system === SYS.departement).map((i) => i.value),
      communes: coverage.filter((i) => i.system === SYS.commune).map((i) => i.value),
    },
  };

  const locate = (field: string): { entry: Entry; path: string } => {
    const [head, second] = field.split('.');
    switch (head) {
      case 'id':
      case 'finess':
      case 'siret':
      case 'rorId':
        return { entry: org, path: 'identifier' };
      case 'name':
        return { entry: org, path: 'name' };
      case 'types':
        return { entry: org, path: 'type' };
      case 'parentId':
        return { entry: org, path: 'partOf' };
      case 'addressLine':
      case 'postalCode':
      case 'communeCode':
        return { entry: addressHolder?.entry ?? org, path: addressHolder?.entry === loc ? 'address' : 'address[0]' };
      case 'latitude':
      case 'longitude':
        return { entry: loc ?? org, path: loc ? 'position' : '' };
      case 'contacts':
        return contactSources[Number(second)] ?? { entry: org, path: 'telecom' };
      case 'audience':
        return { entry: service, path: 'eligibility' };
      case 'description':
        return { entry: service, path: 'comment' };
      case 'coverage':
        return { entry: service, path: 'coverageArea' };
      default:
        // openingHours, accessDelayDays, accessDelayConfirmedAt, capacityBeds
        return { entry: service, path: 'extension' };
    }
  };

  const parsed = structureInputSchema.safeParse(raw);
  const failed = parsed.success ? [] : parsed.error.issues.map((i) => i.path.map(String).join('.'));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      if (field.startsWith('types') && types.length === 0) continue; // already said, in FHIR terms
      const { entry, path } = locate(field);
      const inner = issue.path.length > (issue.path[0] === 'contacts' ? 2 : 1) ? ` (${field})` : '';
      fail(issue.code === 'invalid_type' && issue.path.length === 1 ? 'structure' : 'value', entry, path, `${issue.message}${inner}`);
    }
  }
  const candidate: ImportCandidate | null = ok && parsed.success ? { id, idGiven, input: parsed.data, isDemo: demo?.ext.valueBoolean === true } : null;
  const check: BatchItem = { id, idGiven, input: parsed.success ? parsed.data : checkableFrom(raw, failed) };
  return { org, hs, loc, id, idGiven, candidate, check, locate };
}
