import { FHIR_EXTENSIONS, FHIR_SYSTEMS } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestPlatform } from '../../test/harness';
import { countStructures, type SeededDirectory, signIn, startTwoDirectories, type TwoDirectories } from './interop-fixtures';

let a: TestPlatform;
let b: TestPlatform;
let adminB: TestClient;
let seeded: SeededDirectory;
let dirs: TwoDirectories;

beforeAll(async () => {
  dirs = await startTwoDirectories();
  ({ a, b, adminB, seeded } = dirs);
});
afterAll(async () => dirs?.stop());

const FHIR = { 'content-type': 'application/fhir+json' };
const ids = (bundle: { entry?: { resource: { id: string } }[] }) => (bundle.entry ?? []).map((e) => e.resource.id).sort();
const ext = (resource: { extension?: { url: string }[] }, url: string) => resource.extension?.find((x) => x.url === url) as any;

describe('FHIR search and read', () => {
  it('searches Organizations by postal code, city (accents ignored) and type, as a searchset Bundle', async () => {
    const res = await a.client().get('/fhir/R4/Organization?address-postalcode=06');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(ids(res.body)).toEqual([seeded.ids.etsp, seeded.ids.had].sort());
    expect((await a.client().get('/fhir/R4/Organization?address-postalcode=06000')).body.total).toBe(1);
    expect(res.body.entry[0].fullUrl).toBe(`${a.baseUrl}/fhir/R4/Organization/${res.body.entry[0].resource.id}`);
    expect(res.body.entry[0].search).toEqual({ mode: 'match' });

    const org = (await a.client().get(`/fhir/R4/Organization/${seeded.ids.etsp}`)).body;
    expect(org).toMatchObject({
      resourceType: 'Organization',
      id: seeded.ids.etsp,
      active: true,
      name: 'Équipe territoriale de soins palliatifs Nice Est (test)',
      type: [{ coding: [{ system: FHIR_SYSTEMS.structureType, code: 'ETSP', display: 'Équipe territoriale de soins palliatifs (ETSP / EMTSP)' }] }],
      address: [{ line: ["101 rue de l'Exemple"], city: 'Nice', postalCode: '06000', country: 'FR' }],
    });
    expect(org.identifier).toEqual(
      expect.arrayContaining([
        { use: 'usual', system: FHIR_SYSTEMS.structure, value: seeded.ids.etsp },
        { use: 'official', system: FHIR_SYSTEMS.finess, value: '069990101' },
      ]),
    );
    // Daytime lines and e-mail on the Organization; the night line on the service.
    expect(org.telecom.map((t: { value: string }) => t.value)).toEqual(['01 99 00 01 01', 'equipe101@example.org']);

    const city = await a.client().get('/fhir/R4/Organization?address-city=MONTPELLIÉ');
    expect(ids(city.body)).toEqual([seeded.ids.dac, seeded.ids.usp].sort());
    expect((await a.client().get('/fhir/R4/Organization?address-city=montpellier,brest')).body.total).toBe(3);

    const usp = await a.client().get('/fhir/R4/Organization?type=USP');
    expect(usp.body.entry[0].resource.partOf).toEqual({ reference: `Organization/${seeded.ids.dac}`, display: 'DAC Hérault (test)' });
    expect((await a.client().get(`/fhir/R4/Organization?type=${encodeURIComponent(`${FHIR_SYSTEMS.structureType}|had`)}`)).body.total).toBe(1);
    expect((await a.client().get('/fhir/R4/Organization?type=http://autre.example.org|HAD')).body.total).toBe(0);
    expect((await a.client().get('/fhir/R4/Organization?type=HAD,USP')).body.total).toBe(2);
    expect((await a.client().get('/fhir/R4/Organization?type=HAD&type=USP')).body.total).toBe(0);
  });

  it('describes the service: delay, beds, coverage, audience, hours and the night line', async () => {
    const res = await a.client().get('/fhir/R4/HealthcareService?type=USP');
    expect(res.body.total).toBe(1);
    const usp = res.body.entry[0].resource;
    expect(usp).toMatchObject({
      resourceType: 'HealthcareService',
      providedBy: { reference: `Organization/${seeded.ids.usp}` },
      location: [{ reference: `Location/${seeded.ids.usp}` }],
      coverageArea: [{ identifier: { system: FHIR_SYSTEMS.departement, value: '34' }, display: 'Hérault (34)' }],
      eligibility: [{ code: { coding: [{ system: FHIR_SYSTEMS.audience, code: 'professionnels' }] } }],
    });
    expect(ext(usp, FHIR_EXTENSIONS.accessDelay).extension).toEqual([{ url: 'days', valueInteger: 5 }]);
    expect(ext(usp, FHIR_EXTENSIONS.capacityBeds).valueInteger).toBe(12);

    const etsp = (await a.client().get(`/fhir/R4/HealthcareService/${seeded.ids.etsp}`)).body;
    expect(etsp.availableTime).toEqual([
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], availableStartTime: '09:00:00', availableEndTime: '17:30:00' },
    ]);
    expect(etsp.notAvailable).toEqual([{ description: 'Fermeture annuelle', during: { start: '2026-12-31', end: '2026-12-31' } }]);
    expect(etsp.availabilityExceptions).toMatch(/Jours fériés : fermé/);
    expect(etsp.telecom).toHaveLength(1);
    expect(etsp.telecom[0]).toMatchObject({ system: 'phone', value: '01 99 00 01 51', rank: 2 });
    expect(ext(etsp.telecom[0], FHIR_EXTENSIONS.contact).extension.map((x: { url: string }) => x.url)).toEqual(['kind', 'label', 'schedule']);
    expect(ext(etsp, FHIR_EXTENSIONS.accessDelay).extension).toEqual([
      { url: 'days', valueInteger: 2 },
      { url: 'confirmedAt', valueDate: '2026-10-01' },
    ]);
    expect(etsp.coverageArea.map((c: { identifier: { value: string } }) => c.identifier.value).sort()).toEqual(['06083', '06088', '06149']);

    const loc = (await a.client().get(`/fhir/R4/Location/${seeded.ids.brest}`)).body;
    expect(loc).toMatchObject({
      resourceType: 'Location',
      status: 'active',
      position: { latitude: 48.39, longitude: -4.49 },
      managingOrganization: { reference: `Organization/${seeded.ids.brest}` },
      address: { city: 'Brest', postalCode: '29200', extension: [{ url: FHIR_EXTENSIONS.communeInsee, valueCode: '29019' }] },
    });
  });

  it('pages with _count and a next link; _count=0 gives the total only', async () => {
    const first = await a.client().get('/fhir/R4/Location?_count=4');
    expect(first.body.total).toBe(6);
    expect(first.body.entry).toHaveLength(4);
    const next = first.body.link.find((l: { relation: string }) => l.relation === 'next').url as string;
    expect(next).toBe(`${a.baseUrl}/fhir/R4/Location?_count=4&_offset=4`);
    const second = await a.client().get(next.slice(a.baseUrl.length));
    expect(second.body.entry).toHaveLength(2);
    expect(second.body.link.some((l: { relation: string }) => l.relation === 'next')).toBe(false);
    expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(6);
    const none = await a.client().get('/fhir/R4/HealthcareService?_count=0');
    expect(none.body).toMatchObject({ total: 6, entry: [] });
    const defaults = await a.client().get('/fhir/R4/HealthcareService');
    expect(defaults.body.entry).toHaveLength(6);
  });

  it('answers errors as OperationOutcome, in French, never as our JSON error shape', async () => {
    const unknown = await a.client().get('/fhir/R4/Organization?name=Nice');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(unknown.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', expression: ['name'] }] });
    expect(unknown.body.issue[0].diagnostics).toMatch(/^Paramètre de recherche inconnu ou non pris en charge : « name »/);
    expect((await a.client().get('/fhir/R4/Organization?_count=500')).body.issue[0].diagnostics).toMatch(/_count.*0 à 200/);
    expect((await a.client().get('/fhir/R4/Location?address-postalcode=Nice')).status).toBe(400);
    expect((await a.client().get('/fhir/R4/Location?_format=xml')).body.issue[0].code).toBe('not-supported');

    for (const path of [`/fhir/R4/Organization/${seeded.ids.archived}`, '/fhir/R4/Location/pas-un-uuid', '/fhir/R4/HealthcareService/00000000-0000-4000-8000-000000000000', '/fhir/R4/Patient']) {
      const res = await a.client().get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.resourceType, path).toBe('OperationOutcome');
      expect(res.body.issue[0].code, path).toBe('not-found');
    }
    const archivedSearch = await a.client().get('/fhir/R4/Organization?type=BENEVOLES');
    expect(archivedSearch.body.total).toBe(0);
  });
});

describe('FHIR export and import', () => {
  it('$export-directory imports into an empty directory: the same directory, ids kept', async () => {
    const exportA = await a.client().get('/fhir/R4/$export-directory');
    expect(exportA.status).toBe(200);
    expect(exportA.body).toMatchObject({ resourceType: 'Bundle', type: 'collection', total: 6 });
    expect(exportA.body.entry).toHaveLength(18);
    const demo = exportA.body.entry.find((e: { resource: { id: string; resourceType: string } }) => e.resource.id === seeded.ids.erisp && e.resource.resourceType === 'Organization');
    expect(ext(demo.resource, FHIR_EXTENSIONS.demo)).toEqual({ url: FHIR_EXTENSIONS.demo, valueBoolean: true });

    const imported = await adminB.post('/fhir/R4', exportA.body, FHIR);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response' });
    expect(imported.body.entry).toHaveLength(18);
    expect(imported.body.entry[0].response.status).toBe('201 Created');

    const exportB = await b.client().get('/fhir/R4/$export-directory');
    const normalize = (bundle: any, base: string) =>
      bundle.entry.map((e: any) => {
        const { meta: _meta, ...resource } = e.resource;
        return { fullUrl: e.fullUrl.slice(base.length), resource };
      });
    expect(normalize(exportB.body, b.baseUrl)).toEqual(normalize(exportA.body, a.baseUrl));

    // Entry by entry, through the directory's own API: the same structures.
    const strip = ({ confirmedAt: _c, updatedAt: _u, toVerify: _t, version: _v, ...rest }: Record<string, unknown>) => rest;
    for (const id of seeded.published) {
      const [fromA, fromB] = await Promise.all([a.client().get(`/api/v1/structures/${id}`), b.client().get(`/api/v1/structures/${id}`)]);
      expect(fromB.status).toBe(200);
      expect(strip(fromB.body)).toEqual(strip(fromA.body));
    }
    const versions = await b.client().get(`/api/v1/structures/${seeded.ids.etsp}/versions`);
    expect(versions.body[0]).toMatchObject({ changeKind: 'import-fhir', changedByEmail: 'admin-b@example.org' });

    // Twice: every Organization is reported as already there, and nothing is written.
    const before = await countStructures(b);
    const twice = await adminB.post('/fhir/R4', exportA.body, FHIR);
    expect(twice.status).toBe(400);
    expect(twice.body.resourceType).toBe('OperationOutcome');
    expect(twice.body.issue).toHaveLength(6);
    expect(twice.body.issue.every((i: { code: string; diagnostics: string }) => i.code === 'duplicate' && /existe déjà/.test(i.diagnostics))).toBe(true);
    expect(await countStructures(b)).toBe(before);
  });

  it('refuses a Bundle with bad entries, naming each, and writes nothing', async () => {
    const before = await countStructures(b);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:7d1c0b40-1111-4c1e-9d53-000000000001',
          resource: {
            resourceType: 'Organization',
            name: 'Équipe valide (test fhir)',
            type: [{ coding: [{ system: FHIR_SYSTEMS.structureType, code: 'ETSP' }] }],
            address: [{ postalCode: '73700', extension: [{ url: FHIR_EXTENSIONS.communeInsee, valueCode: '73285' }] }],
          },
          request: { method: 'POST', url: 'Organization' },
        },
        {
          fullUrl: 'urn:uuid:7d1c0b40-1111-4c1e-9d53-000000000002',
          resource: { resourceType: 'Organization', name: 'Équipe licorne (test fhir)', type: [{ coding: [{ system: FHIR_SYSTEMS.structureType, code: 'LICORNE' }] }] },
          request: { method: 'POST', url: 'Organization' },
        },
        {
          resource: {
            resourceType: 'HealthcareService',
            providedBy: { reference: 'urn:uuid:7d1c0b40-1111-4c1e-9d53-000000000001' },
            coverageArea: [{ identifier: { system: FHIR_SYSTEMS.commune, value: '01999' } }],
          },
          request: { method: 'POST', url: 'HealthcareService' },
        },
        { resource: { resourceType: 'Patient', name: [{ family: 'Fictif' }] }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: { resourceType: 'Location', managingOrganization: { reference: 'Organization/inconnue' } },
          request: { method: 'POST', url: 'Location' },
        },
      ],
    };
    const res = await adminB.post('/fhir/R4', bundle, FHIR);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual([
      'Bundle.entry[1].resource.type',
      'Bundle.entry[2].resource.coverageArea',
      'Bundle.entry[3].resource.resourceType',
      'Bundle.entry[4].resource.managingOrganization',
    ]);
    const text = res.body.issue.map((i: { diagnostics: string }) => i.diagnostics);
    expect(text[0]).toBe('Entrée 1 (Organization « Équipe licorne (test fhir) ») : Type de structure inconnu : LICORNE.');
    expect(text[1]).toBe('Entrée 2 (HealthcareService « Équipe valide (test fhir) ») : Commune inconnue : 01999.');
    expect(text[2]).toMatch(/^Entrée 3 : type de ressource non pris en charge « Patient »/);
    expect(text[3]).toMatch(/^Entrée 4 \(Location\) : managingOrganization doit désigner une Organization de ce Bundle/);
    expect(await countStructures(b)).toBe(before);

    const notABundle = await adminB.post('/fhir/R4', { resourceType: 'Organization' }, FHIR);
    expect(notABundle.status).toBe(400);
    expect(notABundle.body.issue[0].diagnostics).toMatch(/ressource Bundle/);
    const badJson = await adminB.post('/fhir/R4', '{"resourceType": "Bundle",', FHIR);
    expect(badJson.status).toBe(400);
    expect(badJson.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid', diagnostics: 'Le contenu envoyé n’est pas un JSON valide.' }] });
  });

  it('imports a transaction from elsewhere: urn:uuid references, a parent in the Bundle, fresh ids', async () => {
    const editor = await signIn(b, 'editeur-fhir@example.org', [{ role: 'content_editor' }]);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:2b9c8f6e-0000-4000-8000-00000000000c',
          resource: {
            resourceType: 'Organization',
            name: 'Service de soins palliatifs enfant (test fhir)',
            type: [{ coding: [{ system: FHIR_SYSTEMS.structureType, code: 'ERRSPP' }] }],
            partOf: { reference: 'urn:uuid:2b9c8f6e-0000-4000-8000-00000000000p' },
            telecom: [{ system: 'phone', value: '01 99 00 50 01' }, { system: 'fax', value: '01 99 00 50 09' }],
          },
          request: { method: 'POST', url: 'Organization' },
        },
        {
          fullUrl: 'urn:uuid:2b9c8f6e-0000-4000-8000-00000000000p',
          resource: {
            resourceType: 'Organization',
            name: 'Centre hospitalier fictif (test fhir)',
            identifier: [{ system: 'http://finess.sante.gouv.fr', value: '739990001' }],
            type: [{ coding: [{ system: FHIR_SYSTEMS.structureType, code: 'AUTRE' }] }],
          },
          request: { method: 'POST', url: 'Organization' },
        },
        {
          resource: {
            resourceType: 'HealthcareService',
            providedBy: { reference: 'urn:uuid:2b9c8f6e-0000-4000-8000-00000000000c' },
            availableTime: [{ daysOfWeek: ['mon', 'thu'], availableStartTime: '09:00:00', availableEndTime: '16:00:00' }],
            comment: 'Équipe fictive.',
          },
          request: { method: 'POST', url: 'HealthcareService' },
        },
      ],
    };
    const res = await editor.post('/fhir/R4', bundle, FHIR);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const childId = res.body.entry[0].response.location.split('/')[1];
    const parentId = res.body.entry[1].response.location.split('/')[1];
    expect(res.body.entry[2].response.location).toBe(`HealthcareService/${childId}/_history/1`);
    const child = (await b.client().get(`/api/v1/structures/${childId}`)).body;
    expect(child).toMatchObject({
      parentId,
      contacts: [{ kind: 'accueil', value: '01 99 00 50 01' }],
      description: 'Équipe fictive.',
      openingHours: { days: { mon: [{ open: '09:00', close: '16:00' }], thu: [{ open: '09:00', close: '16:00' }], tue: [] } },
    });
    expect((await b.client().get(`/api/v1/structures/${parentId}`)).body.finess).toBe('739990001');
  });

  it('is for administrators and editors: OperationOutcome 401 for a visitor, 403 for a plain user', async () => {
    const empty = { resourceType: 'Bundle', type: 'collection', entry: [] };
    const visitor = await b.client().post('/fhir/R4', empty, FHIR);
    expect(visitor.status).toBe(401);
    expect(visitor.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    const nurse = await signIn(b, 'ide-fhir@example.org');
    const forbidden = await nurse.post('/fhir/R4', empty, FHIR);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
  });
});
