import type { OutgoingMail } from '../notifications/mailer';

const footer = (publicUrl: string, why: string) => `\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\n${publicUrl}\n${why}`;

export const frDateTime = (d: Date) =>
  d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export interface MailEvent {
  id: string;
  title: string;
  kind: string;
  address: string | null;
  communeName: string | null;
  videoUrl: string | null;
}

const where = (e: MailEvent) =>
  e.address ? `Lieu : ${e.address}${e.communeName ? `, ${e.communeName}` : ''}` : e.videoUrl ? `En ligne : ${e.videoUrl}` : '';

export function promotedMail(to: string, firstName: string, e: MailEvent, startsAt: Date, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: `Une place s'est libérée : ${e.title}`,
    text: `Bonjour ${firstName},\n\nUne place s'est libérée pour « ${e.title} » le ${frDateTime(startsAt)} : vous êtes maintenant inscrit(e).\n${where(e)}\n\nDétails et ajout à votre agenda :\n${publicUrl}/se-former/evenements/${e.id}\n\nSi vous ne pouvez plus venir, désinscrivez-vous depuis cette page pour laisser la place à la personne suivante.${footer(publicUrl, "Vous recevez ce message parce que vous étiez sur la liste d'attente.")}`,
  };
}

export function reminderMail(to: string, firstName: string, e: MailEvent, startsAt: Date, kind: '24h' | '1h', publicUrl: string): OutgoingMail {
  const when = kind === '24h' ? 'demain' : 'dans une heure';
  return {
    to,
    subject: `Rappel : « ${e.title} » ${when}`,
    text: `Bonjour ${firstName},\n\nPetit rappel : « ${e.title} » commence ${when}, le ${frDateTime(startsAt)}.\n${where(e)}\n\nDétails :\n${publicUrl}/se-former/evenements/${e.id}\n\nSi vous ne pouvez plus venir, désinscrivez-vous depuis cette page pour libérer votre place.${footer(publicUrl, 'Vous recevez ce message parce que vous êtes inscrit(e) à cet événement.')}`,
  };
}

export function cancelledMail(to: string, firstName: string, e: MailEvent, startsAt: Date | null, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: `Annulé : ${e.title}`,
    text: `Bonjour ${firstName},\n\nL'organisateur a annulé « ${e.title} »${startsAt ? ` prévu le ${frDateTime(startsAt)}` : ''}. Votre inscription n'a plus d'objet ; si vous l'aviez ajouté à votre agenda, l'abonnement le marquera annulé.\n\n${publicUrl}/se-former/evenements/${e.id}${footer(publicUrl, 'Vous recevez ce message parce que vous étiez inscrit(e) ou en liste d’attente.')}`,
  };
}
