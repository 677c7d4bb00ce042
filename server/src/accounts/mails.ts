import type { OutgoingMail } from '../notifications/mailer';

const footer = (publicUrl: string) =>
  `\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\n${publicUrl}\nVous recevez ce message parce qu'une action a été faite avec cette adresse.`;

export function verificationMail(to: string, firstName: string, link: string, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: 'Confirmez votre adresse e-mail',
    text: `Bonjour ${firstName},\n\nPour activer votre compte Palliance, confirmez votre adresse en ouvrant ce lien (valable 48 heures) :\n${link}\n\nSi vous n'avez pas créé de compte, ignorez ce message.${footer(publicUrl)}`,
  };
}

export function alreadyRegisteredMail(to: string, resetLink: string, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: 'Vous avez déjà un compte Palliance',
    text: `Bonjour,\n\nQuelqu'un a demandé à créer un compte avec cette adresse, qui en a déjà un.\nSi c'est vous et que vous avez oublié votre mot de passe, choisissez-en un nouveau ici (lien valable 1 heure) :\n${resetLink}\n\nSinon, ignorez ce message : votre compte n'a pas changé.${footer(publicUrl)}`,
  };
}

export function passwordResetMail(to: string, link: string, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: 'Choisir un nouveau mot de passe',
    text: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, une seule fois) :\n${link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.${footer(publicUrl)}`,
  };
}

export function passwordChangedMail(to: string, publicUrl: string): OutgoingMail {
  return {
    to,
    subject: 'Votre mot de passe a été changé',
    text: `Bonjour,\n\nLe mot de passe de votre compte Palliance vient d'être changé et vos autres sessions ont été fermées.\nSi ce n'est pas vous, choisissez-en un nouveau tout de suite depuis « Mot de passe oublié » et prévenez l'administrateur.${footer(publicUrl)}`,
  };
}
