/** What the FHIR view of a care circle needs (a subset of the API's PatientFile). */
export interface FhirCircleSource {
  id: string;
  firstName: string;
  lastName: string;
  circle: { id: string; kind: 'professional' | 'structure' | 'caregiver'; circleRole: string; userId: string | null; structureId: string | null; displayName: string; relationship: string; phone: string; addedAt: string }[];
}

const ROLE_TEXT: Record<string, string> = {
  gp: 'Médecin traitant (pivot)',
  nurse: 'Infirmier(e)',
  physiotherapist: 'Masseur-kinésithérapeute',
  pharmacist: 'Pharmacien(ne)',
  other: 'Autre professionnel',
  structure: 'Structure',
  caregiver: 'Aidant familial',
};

/**
 * The care circle as a FHIR R4 CareTeam: professionals as Practitioner, structures as Organization
 * (their directory id), caregivers as RelatedPerson (contained: a contact, not an account).
 */
export function careCircleToFhir(p: FhirCircleSource): Record<string, unknown> {
  const contained = p.circle
    .filter((m) => m.kind === 'caregiver')
    .map((m) => ({
      resourceType: 'RelatedPerson',
      id: m.id,
      patient: { reference: `Patient/${p.id}` },
      name: [{ text: m.displayName }],
      relationship: m.relationship ? [{ text: m.relationship }] : undefined,
      telecom: m.phone ? [{ system: 'phone', value: m.phone }] : undefined,
    }));
  return JSON.parse(
    JSON.stringify({
      resourceType: 'CareTeam',
      id: p.id,
      status: 'active',
      name: `Cercle de soins de ${p.firstName} ${p.lastName}`,
      subject: { reference: `Patient/${p.id}` },
      contained: contained.length ? contained : undefined,
      participant: p.circle.map((m) => ({
        role: [{ coding: [{ system: 'urn:palliance:circle-role', code: m.circleRole, display: ROLE_TEXT[m.circleRole] ?? m.circleRole }] }],
        member:
          m.kind === 'professional'
            ? { reference: `Practitioner/${m.userId}`, display: m.displayName }
            : m.kind === 'structure'
              ? { reference: `Organization/${m.structureId}`, display: m.displayName }
              : { reference: `#${m.id}`, display: m.displayName },
        period: { start: m.addedAt },
      })),
    }),
  ) as Record<string, unknown>;
}
