import type { DbHandle } from '../db/client';
import { DEMO_IDS } from '../db/seed/demo';

/**
 * Fictional support requests over the past 11 months, so that the demo dashboards of the Hérault
 * (34) and the Savoie (73) show trends. Coordonner exports no way to create a request in the past
 * (its use case stamps « now » and starts the 48 h clock), so the rows are written here directly,
 * closed, for fictional patients that belong to no care circle (nobody's patient list shows them;
 * the receiving structure's inbox history does, as past closed requests). Once only.
 */
export async function seedDemoIndicatorRequests(handle: DbHandle, now: Date = new Date()): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-indicateurs'");
  if (done.length > 0) return false;
  const users = await handle.query<{ id: string; email: string }>(
    "SELECT id, lower(email) AS email FROM app_user WHERE lower(email) IN ('medecin-traitant@example.org', 'infirmiere-liberale@example.org', 'responsable@example.org')",
  );
  const structures = await handle.query<{ id: string; name: string; departement: string }>(
    "SELECT id, name, departement FROM structure WHERE is_demo AND departement IN ('34', '73') AND (id = $1 OR types && '{DAC,RESEAU,HAD}')",
    [DEMO_IDS.structure],
  );
  const emsp = structures.find((s) => s.id === DEMO_IDS.structure);
  const dac = structures.find((s) => s.departement === '34' && s.id !== DEMO_IDS.structure);
  const savoie = structures.filter((s) => s.departement === '73');
  // Demo accounts or structures renamed or deleted by hand: no demo requests rather than half of them.
  if (users.length < 3 || !emsp || !dac || savoie.length === 0) return false;
  const byEmail = (e: string) => users.find((u) => u.email === e)!;
  const requesters = [byEmail('medecin-traitant@example.org'), byEmail('infirmiere-liberale@example.org'), byEmail('responsable@example.org')];

  // Deterministic « random » figures: the same demo on every machine.
  let seed = 34;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const reasons = ['pain', 'other_symptoms', 'complex_decision', 'orientation', 'psychological'];

  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      const patients: Record<string, string> = {};
      for (const [dep, commune] of [['34', '34172'], ['73', '73065']]) {
        const [p] = await s.query<{ id: string }>(
          `INSERT INTO patient (first_name, last_name, place_of_life, address_line, commune_code, is_demo)
           VALUES ('Patient', 'Indicateurs ${dep} (démo)', 'home', 'Adresse fictive (démo)', $1, true) RETURNING id`,
          [commune],
        );
        patients[dep] = p.id;
      }
      let n = 0;
      for (let monthsAgo = 11; monthsAgo >= 1; monthsAgo--) {
        const perMonth: { structure: { id: string; name: string; departement: string }; requester: { id: string } | null }[] = [];
        // Five or more a month: the public dashboard of the Hérault shows them (fewer are withheld).
        const toEmsp = 5 + Math.floor(rnd() * 4);
        for (let i = 0; i < toEmsp; i++) perMonth.push({ structure: emsp, requester: requesters[rnd() < 0.75 ? Math.floor(rnd() * 2) : 2] });
        perMonth.push({ structure: dac, requester: requesters[Math.floor(rnd() * 2)] });
        // Savoie: requests written on behalf of a fictional private practitioner with no account.
        for (let i = 0; i < 2 + Math.floor(rnd() * 3); i++) perMonth.push({ structure: savoie[Math.floor(rnd() * savoie.length)], requester: null });
        for (const r of perMonth) {
          const sent = new Date(now.getTime() - monthsAgo * 30 * 86_400_000 + Math.floor(rnd() * 25) * 86_400_000);
          // Mostly within 48 h, a few late, none left without an answer.
          const hours = rnd() < 0.8 ? 1 + rnd() * 40 : 49 + rnd() * 50;
          const first = new Date(sent.getTime() + hours * 3_600_000);
          const closed = new Date(first.getTime() + (2 + rnd() * 10) * 86_400_000);
          const requester = r.requester ? (r.requester.id === requesters[0].id ? 'Gilles Généraliste (démo)' : r.requester.id === requesters[1].id ? 'Nadia Infirmière libérale (démo)' : 'Rita Responsable EMSP (démo)') : 'Médecin libéral fictif (démo)';
          await s.query(
            `INSERT INTO support_request (patient_id, structure_id, requester_id, structure_name, requester_name, idempotency_key, reason, urgency, body,
               status, outcome_summary, patient_commune_code, patient_departement, response_hours, sent_at, due_at, reminder_at,
               received_at, first_response_at, decided_at, closed_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'routine', 'Demande fictive de démonstration pour les indicateurs.', 'closed',
               'Compte rendu fictif (démo).', $8, $9, 48, $10, $11, $12, $13, $13, $13, $14, $14)`,
            [
              patients[r.structure.departement], r.structure.id, r.requester?.id ?? null, r.structure.name, requester, `demo-indicateurs-${++n}`, reasons[n % reasons.length],
              r.structure.departement === '34' ? '34172' : '73065', r.structure.departement,
              sent, new Date(sent.getTime() + 48 * 3_600_000), new Date(sent.getTime() + 24 * 3_600_000), first, closed,
            ],
          );
        }
      }
      await s.query("INSERT INTO audit_event (action, object_type, object_id, details) VALUES ('seed.demo_indicator_requests', 'support_request', null, $1)", [JSON.stringify({ count: n })]);
      await s.query("INSERT INTO reference_dataset (name, version, source) VALUES ('demo-indicateurs', '1', 'Demandes d''appui fictives des mois passés, pour les indicateurs de démonstration')");
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  return true;
}
