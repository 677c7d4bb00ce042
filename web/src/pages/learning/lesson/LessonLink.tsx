import { Link } from 'react-router';
import { formatDate } from '../../../ui/format';

/**
 * A lesson in the course programme: a link once its module is open for the learner (or for an
 * author), else its title with the opening date.
 */
export function LessonLink({ id, title, opensAt, canOpen }: { id: string; title: string; opensAt: string | null; canOpen: 'always' | 'enrolled' | 'no' }) {
  const open = canOpen === 'always' || (canOpen === 'enrolled' && !!opensAt && Date.parse(opensAt) <= Date.now());
  if (open) return <Link to={`/se-former/lecons/${id}`}>{title}</Link>;
  return (
    <>
      {title}
      {canOpen === 'enrolled' && <span className="muted small"> (verrouillée{opensAt ? ` jusqu’au ${formatDate(opensAt)}` : ''})</span>}
    </>
  );
}
