/**
 * Example access criteria for a mini-RCP "flash". Seed 004 (recommendations) asks for a weekly
 * 30-minute evening video meeting "with a standard report and clear access criteria" but does not
 * list the criteria; seed 002 lists RCP among a local network's actions. These are therefore
 * EXAMPLES for the demo, flagged as such, that each territory's coordinators replace (criteria are data).
 */
const TO_CONFIRM = 'Exemple à valider par les coordinateurs du territoire : la source demande des « critères d’accès clairs » sans les lister.';
export const DEMO_RCP_CRITERIA = [
  { id: 'palliative-home', text: 'Patient suivi à domicile ou en EHPAD, en situation palliative', source: `Document source 004 (mini-RCP flash) et 002 (RCP d’un réseau local). ${TO_CONFIRM}` },
  { id: 'question', text: 'Une question précise, posée par un membre du cercle de soins', source: `Document source 004 (compte-rendu type). ${TO_CONFIRM}` },
  { id: 'consent', text: 'Le patient (ou sa personne de confiance) est informé que sa situation est discutée', source: TO_CONFIRM },
] as const;
