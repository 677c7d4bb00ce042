import type { OutgoingMail } from '../../notifications/mailer';

const threadUrl = (publicUrl: string, threadId: string) => `${publicUrl}/se-former/forum/sujets/${threadId}`;
const excerpt = (s: string) => (s.length > 400 ? s.slice(0, 400) + '…' : s);

/** To a follower of a thread: someone replied. The link at the bottom stops these messages. */
export function replyMail(to: { email: string; firstName: string }, author: string, thread: { id: string; title: string }, body: string, publicUrl: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Nouvelle réponse : ${thread.title}`,
    text: `Bonjour ${to.firstName},\n\n${author} a répondu à la discussion « ${thread.title} » que vous suivez :\n\n${excerpt(body)}\n\nLire et répondre :\n${threadUrl(publicUrl, thread.id)}\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\nVous recevez ce message parce que vous suivez cette discussion. Pour ne plus la suivre :\n${threadUrl(publicUrl, thread.id)}?ne-plus-suivre=1`,
  };
}

/** To a member named with @ in a post. */
export function mentionMail(to: { email: string; firstName: string }, author: string, thread: { id: string; title: string }, body: string, publicUrl: string): OutgoingMail {
  return {
    to: to.email,
    subject: `${author} vous a mentionné(e) : ${thread.title}`,
    text: `Bonjour ${to.firstName},\n\n${author} vous a mentionné(e) dans la discussion « ${thread.title} » :\n\n${excerpt(body)}\n\nLire et répondre :\n${threadUrl(publicUrl, thread.id)}\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\nVous recevez ce message parce qu'un membre de votre cours vous a mentionné(e).`,
  };
}
