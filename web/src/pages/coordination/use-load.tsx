export { useLoad } from '../../ui/use-load';

export function ErrorAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  ) : null;
}
