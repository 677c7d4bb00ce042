import type { OutgoingMail } from '../notifications/mailer';

const footer = (publicUrl: string) =>
  `\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\n${publicUrl}\nVous recevez ce message parce que vous étiez sur la liste d'attente de cette session.`;

const day = (d: Date) => d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });

export function promotedMail(
  to: string,
  firstName: string,
  course: { id: string; title: string },
  session: { title: string; startsAt: Date },
  publicUrl: string,
): OutgoingMail {
  return {
    to,
    subject: `Une place s'est libérée : ${course.title}`,
    text: `Bonjour ${firstName},\n\nUne place s'est libérée dans la session « ${session.title} » du cours « ${course.title} » : vous êtes maintenant inscrit(e).\nLa session commence le ${day(session.startsAt)}.\n\nRetrouvez le cours ici :\n${publicUrl}/se-former/cours/${course.id}\n\nSi vous ne souhaitez plus le suivre, désinscrivez-vous depuis cette page pour laisser la place à la personne suivante.${footer(publicUrl)}`,
  };
}
