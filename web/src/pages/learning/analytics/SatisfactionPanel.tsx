import { useEffect, useState, type FormEvent } from 'react';
import type { SatisfactionStatus } from '@palliance/core';
import { answerSatisfaction, getSatisfaction } from '../../../api/learning-analytics';
import { FormAlert, RadioGroup, TextAreaField, useFormFeedback } from '../../../ui/forms';
import './analytics.css';

const YES_NO = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];
const RATINGS = [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n}/5${n === 5 ? ' (très satisfait·e)' : n === 1 ? ' (pas du tout satisfait·e)' : ''}` }));
const yesNo = (v: string) => (v === 'oui' ? true : v === 'non' ? false : null);

/**
 * The end-of-course satisfaction survey (seed 000: note, utile, recommanderait, commentaire), shown
 * on the course page to an enrolled learner once the course reaches its end. Answered once.
 */
export function SatisfactionPanel({ sessionId }: { sessionId: string }) {
  const [status, setStatus] = useState<SatisfactionStatus | null>(null);
  const { formRef, alertRef, errors, formError, failWith, reset } = useFormFeedback();
  const [rating, setRating] = useState('');
  const [useful, setUseful] = useState('');
  const [recommend, setRecommend] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [thanks, setThanks] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getSatisfaction(sessionId, controller.signal).then(setStatus, () => setStatus(null));
    return () => controller.abort();
  }, [sessionId]);

  if (!status) return null;
  if (thanks || status.answer)
    return (
      <section aria-labelledby="satisfaction-titre" className="satisfaction-done">
        <h3 id="satisfaction-titre" className="h3">
          Votre avis sur la formation
        </h3>
        <p role="status" className="alert alert-success">
          Merci, votre réponse au questionnaire de satisfaction est enregistrée.
        </p>
      </section>
    );
  if (!status.offered) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    reset();
    setBusy(true);
    try {
      await answerSatisfaction(sessionId, { rating: rating ? Number(rating) : null, useful: yesNo(useful), wouldRecommend: yesNo(recommend), comment });
      setThanks(true);
    } catch (err) {
      failWith(err, ['rating', 'useful', 'wouldRecommend', 'comment']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="satisfaction-titre">
      <h3 id="satisfaction-titre" className="h3">
        Votre avis sur la formation
      </h3>
      <p className="small">Quelques secondes, une seule fois. Chaque question est facultative.</p>
      <form ref={formRef} className="form satisfaction-form" noValidate onSubmit={(e) => void submit(e)}>
        <FormAlert alertRef={alertRef} message={formError} />
        <RadioGroup name="rating" legend="Votre note sur 5" options={RATINGS} value={rating} onChange={setRating} error={errors.rating} />
        <RadioGroup name="useful" legend="La formation vous a-t-elle été utile (apprentissage, exercice) ?" options={YES_NO} value={useful} onChange={setUseful} error={errors.useful} />
        <RadioGroup name="wouldRecommend" legend="La recommanderiez-vous à des collègues ?" options={YES_NO} value={recommend} onChange={setRecommend} error={errors.wouldRecommend} />
        <TextAreaField name="comment" label="Un commentaire" optional maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} error={errors.comment} />
        <p className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Envoi…' : 'Envoyer mon avis'}
          </button>
        </p>
      </form>
    </section>
  );
}
